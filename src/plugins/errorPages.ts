import type {Plugin} from '@docusaurus/types';
import {errorCatalog, errorPath, errorSystems, playbookPath, sqlStateClass, type ErrorEntry} from '../../playground';

/** What the `/errors` index shows and filters on, per entry. */
export type ErrorSummary = Pick<ErrorEntry, 'code' | 'system' | 'sqlState' | 'message' | 'exceptionClass'> & {path: string};

export interface ErrorIndexProps {
  entries: ErrorSummary[];
  systems: string[];
  sqlStateClasses: {code: string; name: string | null}[];
}

export interface ErrorPageProps {
  entry: ErrorEntry;
  playbookPath: string;
  /** The pages of the entry's related codes that have one. */
  relatedPaths: Record<string, string>;
}

/**
 * The error reference as pages generated from the catalog at build time: `/errors` (the filterable
 * index) and `/errors/<code>` for every entry, so each error has a stable URL to link and search.
 * Each route gets the data and links it shows as props (a JSON module of its own): the components
 * never import the engine, which put the whole catalog and more (about 1 MB of JavaScript) on the
 * critical path of every one of these pages.
 */
export default function errorPagesPlugin(): Plugin {
  return {
    name: 'error-pages',
    contentLoaded({actions}) {
      const sqlStateClasses = [...new Map(errorCatalog.flatMap((entry) => (entry.sqlState ? [sqlStateClass(entry.sqlState)] : [])).map((item) => [item.code, item])).values()]
        .sort((left, right) => left.code.localeCompare(right.code))
        .map(({code, name}) => ({code, name}));
      const indexProps: ErrorIndexProps = {
        entries: errorCatalog.map(({code, system, sqlState, message, exceptionClass}) => ({code, system, sqlState, message, exceptionClass, path: errorPath(code)})),
        systems: [...errorSystems],
        sqlStateClasses,
      };
      actions.addRoute({path: '/errors', component: '@site/src/components/ErrorIndex', exact: true, props: {...indexProps}});
      const codes = new Set(errorCatalog.map((entry) => entry.code));
      for (const entry of errorCatalog) {
        const relatedPaths = Object.fromEntries(entry.related.filter((code) => codes.has(code)).map((code) => [code, errorPath(code)]));
        const pageProps: ErrorPageProps = {entry, playbookPath: playbookPath(entry.playbook), relatedPaths};
        actions.addRoute({path: errorPath(entry.code), component: '@site/src/components/ErrorPage', exact: true, props: {...pageProps}});
      }
    },
  };
}
