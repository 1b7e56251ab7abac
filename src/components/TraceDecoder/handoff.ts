import {writeStorage} from '@site/src/components/SqlPlayground/browser';

// Apart from the decoder: the error index hands text over with this without loading the decoder's catalog.

export const storageKey = 'mdp.traceDecoder';
/** Larger pastes are decoded but not kept across reloads: browser storage is small. */
export const maxSavedChars = 200_000;

/** Hands a pasted text to the decoder page: it opens with it in the box. */
export function openInDecoder(text: string): void {
  writeStorage(storageKey, text.length <= maxSavedChars ? text : undefined);
}
