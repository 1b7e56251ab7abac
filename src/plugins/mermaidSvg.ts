import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';

/**
 * Mermaid diagrams rendered to SVG at build time with beautiful-mermaid (no DOM, no browser), so a
 * page with a diagram ships no Mermaid JavaScript. The SVG takes its colours from the CSS variables
 * `--mdp-diagram-bg` and `--mdp-diagram-fg`, which src/theme/Mermaid/styles.module.css sets per
 * colour mode: one SVG serves the light and the dark theme.
 */

type BeautifulMermaid = typeof import('beautiful-mermaid');

/**
 * beautiful-mermaid is an ES module whose package exports only an `import` entry, and jiti, which
 * loads docusaurus.config.ts and this plugin, turns `import()` into `require()`, which cannot
 * resolve it. Node's own `require` loads an ES module by its path (Node 20.19+), so the module is
 * looked up in node_modules by hand.
 */
function loadLibrary(): BeautifulMermaid {
  const nativeRequire = createRequire(join(process.cwd(), 'package.json'));
  for (const folder of nativeRequire.resolve.paths('beautiful-mermaid') ?? []) {
    const manifest = join(folder, 'beautiful-mermaid', 'package.json');
    if (existsSync(manifest)) {
      const {main} = JSON.parse(readFileSync(manifest, 'utf8')) as {main: string};
      return nativeRequire(join(folder, 'beautiful-mermaid', main)) as BeautifulMermaid;
    }
  }
  throw new Error('beautiful-mermaid is not installed: run `npm ci`.');
}
let library: BeautifulMermaid | undefined;

const typeNames: Record<string, string> = {
  flowchart: 'Flowchart',
  graph: 'Flowchart',
  sequenceDiagram: 'Sequence diagram',
  erDiagram: 'Entity-relationship diagram',
  stateDiagram: 'State diagram',
  'stateDiagram-v2': 'State diagram',
  classDiagram: 'Class diagram',
};

export interface RenderedDiagram {
  svg: string;
  /** The accessible name: Mermaid's `accTitle`, or the diagram's kind and its labels. */
  label: string;
}

/** Mermaid's accessibility lines (`accTitle: …`, `accDescr: …`); beautiful-mermaid does not read them. */
function accessibilityLines(source: string): {body: string; title?: string; description?: string} {
  let title: string | undefined;
  let description: string | undefined;
  const body = source
    .split('\n')
    .filter((line) => {
      const match = /^\s*(accTitle|accDescr)\s*:\s*(.+?)\s*$/.exec(line);
      if (!match) {
        return true;
      }
      if (match[1] === 'accTitle') {
        title = match[2];
      } else {
        description = match[2];
      }
      return false;
    })
    .join('\n');
  return {body, title, description};
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Renders one diagram. `key` makes its element ids unique on the page: beautiful-mermaid names
 * them after the node ids (`A`, `B`, `arrowhead`), which would clash with another diagram's and
 * with the page's heading anchors.
 */
export async function renderDiagram(source: string, key: string): Promise<RenderedDiagram> {
  library ??= loadLibrary();
  const {renderMermaidSVG} = library;
  const {body, title, description} = accessibilityLines(source);
  const kind = /^\s*([\w-]+)/.exec(body)?.[1] ?? '';
  const typeName = typeNames[kind];
  if (!typeName) {
    throw new Error(`Mermaid diagram of kind "${kind}" is not rendered at build time; the site renders ${Object.keys(typeNames).join(', ')}.`);
  }
  let svg = renderMermaidSVG(body, {bg: 'var(--mdp-diagram-bg)', fg: 'var(--mdp-diagram-fg)', transparent: true});
  // The <style> block is the same for every diagram (fonts from Google, derived colour variables):
  // the site's stylesheet holds its rules once, with the site's own fonts, so nothing leaves the origin.
  const styleBlocks = svg.match(/<style>[\s\S]*?<\/style>\n?/g) ?? [];
  if (styleBlocks.length !== 1) {
    throw new Error(`beautiful-mermaid returned ${styleBlocks.length} style blocks; expected 1.`);
  }
  svg = svg.replace(styleBlocks[0]!, '');
  const prefix = `mdp-${createHash('sha256').update(`${key}\n${source}`).digest('hex').slice(0, 8)}-`;
  svg = svg
    .replace(/\bid="([^"]+)"/g, (_match, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_match, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_match, id: string) => `href="#${prefix}${id}"`);
  const outside = [...svg.matchAll(/\bhttps?:\/\/[^\s"')]+/g)].map((match) => match[0]).filter((url) => url !== 'http://www.w3.org/2000/svg');
  if (outside.length > 0) {
    throw new Error(`A rendered diagram refers to ${outside.join(', ')}; the site requests nothing outside its origin.`);
  }
  const labels = [...new Set([...svg.matchAll(/<text\b[^>]*>([^<]+)<\/text>/g)].map((match) => decodeEntities(match[1]!.trim())).filter(Boolean))];
  const label = title ?? `${typeName}: ${labels.join(', ')}`;
  const descriptionId = `${prefix}description`;
  svg = svg.replace(
    /^<svg\b/,
    `<svg role="img" aria-label="${escapeAttribute(label)}"${description ? ` aria-describedby="${descriptionId}"` : ''}`,
  );
  if (description) {
    svg = svg.replace(/(<svg\b[^>]*>)/, `$1<desc id="${descriptionId}">${escapeAttribute(description)}</desc>`);
  }
  return {svg, label};
}

interface MdastNode {
  type: string;
  lang?: string | null;
  value?: string;
  children?: MdastNode[];
  data?: {hName: string; hProperties: Record<string, string>};
}

/**
 * The remark plugin: every ```mermaid code block becomes a `mermaid` element with the SVG, which
 * the MDX components map to @theme/Mermaid (src/theme/Mermaid), as Docusaurus's own remark
 * plugin for Mermaid does (@docusaurus/mdx-loader, remark/mermaid) with the source instead.
 */
export default function remarkMermaidSvg() {
  return async (tree: MdastNode) => {
    let count = 0;
    const visit = async (node: MdastNode) => {
      for (const [index, child] of (node.children ?? []).entries()) {
        if (child.type === 'code' && child.lang === 'mermaid') {
          count += 1;
          const {svg} = await renderDiagram(child.value ?? '', String(count));
          node.children![index] = {type: 'mermaidSvg', data: {hName: 'mermaid', hProperties: {svg}}};
        } else {
          await visit(child);
        }
      }
    };
    await visit(tree);
  };
}
