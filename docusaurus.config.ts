import {themes as prismThemes} from 'prism-react-renderer';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import searchCodeTokensPlugin from './src/plugins/searchCodeTokens';
import labChunksPlugin from './src/plugins/labChunks';
import errorPagesPlugin from './src/plugins/errorPages';
import hoconBrowserPlugin from './src/plugins/hoconBrowser';
import remarkPlaygroundBlocks from './src/plugins/remarkPlaygroundBlocks';
import {pwaOptions} from './src/pwa/options';
import remarkMermaidSvg from './src/plugins/mermaidSvg';

// vsLight marks attribute names in pure red (#ff0000), below WCAG AA contrast on white.
const lightCodeTheme = {
  ...prismThemes.vsLight,
  styles: prismThemes.vsLight.styles.map((style) =>
    style.types.includes('attr-name') ? {...style, style: {...style.style, color: '#c40000'}} : style,
  ),
};

// The canonical origin only appears in the sitemap and meta tags; the site never requests it.
const siteUrl = process.env.SITE_URL ?? 'https://patterns.manufacturing-data-platform.dev';

const config: Config = {
  title: 'Manufacturing Data Platform',
  tagline: 'Production patterns for Kafka → Spark → Delta Lake pipelines across many plants, with live data labs.',
  favicon: 'img/favicon.svg',
  url: siteUrl,
  baseUrl: '/',
  trailingSlash: false,

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  future: {
    v4: {removeLegacyPostBuildHeadAttribute: true},
    faster: true,
  },

  i18n: {defaultLocale: 'en', locales: ['en']},

  markdown: {
    // .md pages are plain CommonMark; .mdx pages may embed components.
    format: 'detect',
    hooks: {
      onBrokenMarkdownLinks: 'throw',
      onBrokenMarkdownImages: 'throw',
    },
  },

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexDocs: true,
        indexPages: true,
        indexBlog: false,
        docsRouteBasePath: '/docs',
        language: ['en'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        searchResultLimits: 10,
        searchResultContextMaxLength: 80,
      },
    ],
  ],

  // Link prefetches wait for idle time instead of making one long task after hydration (src/clientModules/idlePrefetch.ts);
  // readerPresence listens for the reader from the first script on: labs start their engine speculatively only once
  // someone is there.
  clientModules: [require.resolve('./src/clientModules/idlePrefetch.ts'), require.resolve('./src/duckdb/readerPresence.ts')],

  plugins: [searchCodeTokensPlugin, labChunksPlugin, errorPagesPlugin, hoconBrowserPlugin, ['@docusaurus/plugin-pwa', pwaOptions]],

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          routeBasePath: '/docs',
          // Mermaid diagrams become SVG at build time (src/plugins/mermaidSvg.ts): no Mermaid JavaScript on pages.
          remarkPlugins: [remarkPlaygroundBlocks, remarkMermaidSvg],
        },
        pages: {remarkPlugins: [remarkMermaidSvg]},
        blog: false,
        theme: {customCss: './src/css/custom.css'},
        sitemap: {changefreq: 'weekly', priority: 0.5},
      } satisfies Preset.Options,
    ],
  ],

  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'Manufacturing Data Platform',
      logo: {alt: 'Manufacturing Data Platform logo', src: 'img/logo.svg'},
      items: [
        {type: 'docSidebar', sidebarId: 'catalog', position: 'left', label: 'Patterns'},
        {to: '/docs/architecture/patterns-catalog', label: 'Catalog', position: 'left'},
        {to: '/labs', label: 'Labs', position: 'left'},
        {to: '/errors', label: 'Errors', position: 'left'},
        {to: '/docs/tutorials', label: 'Tutorials', position: 'left'},
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Catalog',
          items: [
            {label: 'Introduction', to: '/docs'},
            {label: 'Patterns catalog', to: '/docs/architecture/patterns-catalog'},
            {label: 'Production playbooks', to: '/docs/production-playbooks'},
          ],
        },
        {
          title: 'Learn',
          items: [
            {label: 'Onboarding path', to: '/docs/tutorials/onboarding'},
            {label: 'Platform overview', to: '/docs/architecture/platform-overview'},
            {label: 'Glossary', to: '/docs/reference/glossary'},
          ],
        },
      ],
      copyright: 'Manufacturing Data Platform — Production Patterns. MIT License. Works offline.',
    },
    prism: {
      theme: lightCodeTheme,
      darkTheme: prismThemes.oceanicNext,
      // The languages pages and error entries use beyond prism-react-renderer's own (each one costs start-up time on every page).
      additionalLanguages: ['java', 'bash', 'properties', 'sql'],
    },
    tableOfContents: {minHeadingLevel: 2, maxHeadingLevel: 3},
  } satisfies Preset.ThemeConfig,
};

export default config;
