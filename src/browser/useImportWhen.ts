import {useEffect, useState} from 'react';

/** A module imported on demand: nothing until it is wanted, then the module, or why it could not load. */
export interface ImportState<T> {
  module?: T;
  loadError?: string;
}

/**
 * Imports a module (a chunk the page need not load at start: Monaco, the error decoder) once `wanted` is true, and
 * keeps it. An import still on its way when `wanted` turns false, or when the component unmounts, is dropped; a
 * failed import is reported in words.
 */
export function useImportWhen<T>(wanted: boolean, load: () => Promise<T>): ImportState<T> {
  const [state, setState] = useState<ImportState<T>>({});
  const loaded = state.module !== undefined;
  useEffect(() => {
    if (!wanted || loaded) {
      return undefined;
    }
    let current = true;
    load().then(
      (module) => current && setState({module}),
      (error: unknown) => current && setState({loadError: error instanceof Error ? error.message : String(error)}),
    );
    return () => {
      current = false;
    };
    // `load` is read when the import starts; a new closure on every render must not start another.
  }, [wanted, loaded]);
  return state;
}
