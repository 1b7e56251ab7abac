import type {Plugin} from '@docusaurus/types';
import {errorCatalog, errorPath} from '../../playground/errors/catalog';

/**
 * The error reference as pages generated from the catalog at build time: `/errors` (the filterable
 * index) and `/errors/<code>` for every entry, so each error has a stable URL to link and search.
 */
export default function errorPagesPlugin(): Plugin {
  return {
    name: 'error-pages',
    contentLoaded({actions}) {
      actions.addRoute({path: '/errors', component: '@site/src/components/ErrorIndex', exact: true});
      for (const entry of errorCatalog) {
        actions.addRoute({path: errorPath(entry.code), component: '@site/src/components/ErrorPage', exact: true, props: {code: entry.code}});
      }
    },
  };
}
