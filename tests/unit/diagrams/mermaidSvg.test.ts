import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderDiagram} from '../../../src/plugins/mermaidSvg';

/** Every ```mermaid block of the docs and the pages, with the file it is in. */
function diagramsIn(folder: string): {file: string; source: string}[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return diagramsIn(path);
    }
    if (!/\.mdx?$/.test(name)) {
      return [];
    }
    return [...readFileSync(path, 'utf8').matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => ({file: path, source: match[1]!}));
  });
}

const diagrams = [...diagramsIn('docs'), ...diagramsIn('src/pages')];

describe('Mermaid diagrams rendered at build time', () => {
  it('finds the diagrams of the docs and the home page', () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(40);
    expect(diagrams.some((diagram) => diagram.file.endsWith('_platform-diagram.mdx'))).toBe(true);
  });

  it.each(diagrams.map((diagram) => [diagram.file, diagram.source]))('renders %s to a self-contained SVG', async (_file, source) => {
    const {svg, label} = await renderDiagram(source, '1');
    expect(svg.startsWith('<svg role="img" aria-label="')).toBe(true);
    expect(label.length).toBeGreaterThan(20);
    // No <style> (the site's stylesheet holds its rules) and nothing from outside the site, e.g. Google Fonts.
    expect(svg).not.toContain('<style');
    expect([...svg.matchAll(/https?:\/\/[^\s"')]+/g)].map((match) => match[0])).toEqual(['http://www.w3.org/2000/svg']);
    // Colours come from the theme's variables, so one SVG serves light and dark mode.
    expect(svg).toContain('--bg:var(--mdp-diagram-bg);--fg:var(--mdp-diagram-fg)');
  });

  it('names a diagram by its kind and labels, or by its accTitle, and keeps accDescr as a description', async () => {
    const plain = await renderDiagram('flowchart LR\n  A["Kafka (SASL_SSL)"] --> B["Bronze & silver"]', '1');
    expect(plain.label).toBe('Flowchart: Kafka (SASL_SSL), Bronze & silver');
    expect(plain.svg).toContain('aria-label="Flowchart: Kafka (SASL_SSL), Bronze &amp; silver"');
    const titled = await renderDiagram('flowchart LR\n  accTitle: From Kafka to bronze\n  accDescr: Events land unchanged.\n  A --> B', '1');
    expect(titled.label).toBe('From Kafka to bronze');
    expect(titled.svg).toMatch(/aria-describedby="(mdp-[0-9a-f]{8}-description)"/);
    expect(titled.svg).toContain('>Events land unchanged.</desc>');
    expect((await renderDiagram('sequenceDiagram\n  Spark->>Kafka: fetch', '1')).label).toBe('Sequence diagram: fetch, Spark, Kafka');
  });

  it('gives the elements of two diagrams on one page different ids', async () => {
    const ids = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!);
    const first = (await renderDiagram('flowchart LR\n  A --> B', '1')).svg;
    const second = (await renderDiagram('flowchart LR\n  A --> B', '2')).svg;
    expect(ids(first).length).toBeGreaterThan(2);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    // References follow the renamed ids.
    for (const [, id] of first.matchAll(/url\(#([^)]+)\)/g)) {
      expect(ids(first)).toContain(id);
    }
  });

  it('refuses a diagram kind the build does not render, instead of shipping Mermaid source', async () => {
    await expect(renderDiagram('pie title Plants\n  "A" : 1', '1')).rejects.toThrow('Mermaid diagram of kind "pie" is not rendered at build time');
  });
});
