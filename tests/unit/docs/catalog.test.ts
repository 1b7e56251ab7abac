import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {catalogSections} from '../../../src/data/catalog';

const docsDir = join(__dirname, '../../../docs');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      return markdownFiles(path);
    }
    return /\.mdx?$/.test(entry) ? [path] : [];
  });
}

function frontMatter(text: string): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return match?.[1] ?? '';
}

const sectionDirs = readdirSync(docsDir).filter((entry) => /^\d\d-/.test(entry));

describe('the docs tree mirrors the seed catalog', () => {
  it('has exactly the 11 numbered sections, in catalog order', () => {
    expect(sectionDirs.sort()).toEqual(catalogSections.map((section) => section.dir));
    expect(catalogSections).toHaveLength(11);
  });

  it.each(catalogSections.map((section) => [section.dir, section] as const))(
    '%s has a sidebar category, an index page stating its priority, and a page per pattern',
    (dir, section) => {
      const category = JSON.parse(readFileSync(join(docsDir, dir, '_category_.json'), 'utf8')) as {position: number};
      expect(category.position).toBe(Number(dir.slice(0, 2)));

      const index = readFileSync(join(docsDir, dir, 'index.md'), 'utf8');
      expect(index).toMatch(new RegExp(`^\\*\\*Priority:\\*\\* ${section.priority}$`, 'm'));
      for (const pattern of section.patterns) {
        expect(index, `the index of ${dir} links to ${pattern}`).toContain(`${pattern}/index.md`);
      }

      const patternDirs = readdirSync(join(docsDir, dir)).filter((entry) =>
        statSync(join(docsDir, dir, entry)).isDirectory(),
      );
      expect(patternDirs.sort()).toEqual([...section.patterns].sort());
    },
  );

  it('gives sections 01, 02, 03 and 10 priority 1, 04 and 05 priority 2, the rest priority 3', () => {
    const byPriority = (priority: number) =>
      catalogSections.filter((section) => section.priority === priority).map((section) => section.dir.slice(0, 2));
    expect(byPriority(1)).toEqual(['01', '02', '03', '10']);
    expect(byPriority(2)).toEqual(['04', '05']);
    expect(byPriority(3)).toEqual(['06', '07', '08', '09', '11']);
  });

  // A pattern page is index.md, or index.mdx once it embeds a component.
  const patternPages = catalogSections.flatMap((section) =>
    section.patterns.map((pattern) => {
      const folder = join(section.dir, pattern);
      return join(folder, existsSync(join(docsDir, folder, 'index.mdx')) ? 'index.mdx' : 'index.md');
    }),
  );

  it.each(patternPages)('%s says what it solves, when to use it and not, and what it is made of', (page) => {
    const text = readFileSync(join(docsDir, page), 'utf8');
    expect(frontMatter(text)).toMatch(/^title: .+/m);
    expect(frontMatter(text)).toMatch(/^description: .+/m);
    for (const heading of [
      '## The problem it solves',
      '## When to use it',
      '## When not to use it',
      '## What the pattern is made of',
    ]) {
      expect(text, `${page} has "${heading}"`).toMatch(new RegExp(`^${heading}$`, 'm'));
    }
  });

  it('has the general docs: architecture, best practices, reference and tutorials', () => {
    for (const page of [
      'index.md',
      'architecture/platform-overview.md',
      'architecture/technology-decisions.md',
      'architecture/patterns-catalog.md',
      'best-practices/coding-standards.md',
      'best-practices/naming-conventions.md',
      'best-practices/code-review-checklist.md',
      'reference/technology-stack.md',
      'reference/glossary.md',
      'reference/useful-resources.md',
      'tutorials/index.mdx',
      'tutorials/onboarding.md',
    ]) {
      expect(existsSync(join(docsDir, page)), page).toBe(true);
    }
  });
});

describe('the docs hold no placeholder text', () => {
  const placeholder = /\b(coming soon|TODO|TBD|WIP|lorem ipsum|to be written|placeholder text)\b/i;

  it.each(markdownFiles(docsDir).map((path) => relative(docsDir, path)))('%s', (page) => {
    const text = readFileSync(join(docsDir, page), 'utf8');
    const line = text.split('\n').find((candidate) => placeholder.test(candidate));
    expect(line, `placeholder in ${page}`).toBeUndefined();
  });
});

describe('the docs name no error class that does not exist', () => {
  // Named in the seed brief but absent from every Delta release.
  const inventedCodes = ['DELTA_SCHEMA_MISMATCH', 'DELTA_INCOMPATIBLE_SCHEMA_MERGE', 'DELTA_MERGE_PRECONDITION_VIOLATED'];

  it.each(markdownFiles(docsDir).map((path) => relative(docsDir, path)))('%s', (page) => {
    // A paragraph may name one of these codes only to say that it does not exist.
    const paragraphs = readFileSync(join(docsDir, page), 'utf8').split(/\n\s*\n/);
    const offending = paragraphs.filter(
      (paragraph) =>
        inventedCodes.some((code) => new RegExp(`\\b${code}\\b`).test(paragraph)) &&
        !/do(es)? not exist|never existed|no such|not a real|are not Delta error classes|invented/i.test(paragraph),
    );
    expect(offending).toEqual([]);
  });
});
