import {useCallback, useState} from 'react';
import {readStorage, writeStorage} from './browser';

interface StoredStateOptions<T> {
  /** State from what was saved; by default the saved fields over `initial`, so fields added later get their defaults. */
  restore?: (saved: Partial<T>) => T;
  /** What may be saved (the Kafka lab leaves inline secrets out). */
  toStored?: (value: T) => T;
}

/**
 * A browser-only lab's state, kept in browser storage as JSON: read when the lab mounts (a damaged
 * value falls back to `initial`) and written on every change.
 */
export function useStoredState<T extends object>(key: string, initial: T, {restore, toStored}: StoredStateOptions<T> = {}): [T, (next: T | ((previous: T) => T)) => void] {
  const [state, setState] = useState<T>(() => {
    const saved = readStorage(key);
    if (!saved) {
      return initial;
    }
    try {
      const parsed = JSON.parse(saved) as Partial<T>;
      return restore ? restore(parsed) : {...initial, ...parsed};
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: T | ((previous: T) => T)) =>
      setState((previous) => {
        const value = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
        writeStorage(key, JSON.stringify(toStored ? toStored(value) : value));
        return value;
      }),
    [key, toStored],
  );
  return [state, update];
}
