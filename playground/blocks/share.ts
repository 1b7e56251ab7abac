import * as z from 'zod';
import {parseDatasetRequest, type DatasetRequest} from '../datasets';

/** What a share link carries: the SQL and the data it ran on. */
export interface ShareState {
  sql: string;
  dataset: DatasetRequest;
}

/** Links longer than this are refused rather than truncated by browsers and chat tools. */
export const maxShareSqlLength = 20_000;

const shareStateSchema = z.object({
  sql: z.string().max(maxShareSqlLength, `the SQL is longer than ${maxShareSqlLength.toLocaleString('en-US')} characters`),
  dataset: z.unknown(),
});

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder('utf-8', {fatal: true}).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** Encodes a share state for a URL parameter. */
export function encodeShareState(state: ShareState): string {
  return toBase64Url(JSON.stringify(state));
}

/** Decodes a share link's state; a damaged link gets a message, never an exception. */
export function decodeShareState(encoded: string): {ok: true; state: ShareState} | {ok: false; message: string} {
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(encoded));
  } catch {
    return {ok: false, message: 'This share link is damaged (it was probably cut off when it was copied).'};
  }
  const parsed = shareStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return {ok: false, message: `This share link does not describe a lab${where}: ${issue?.message ?? 'unreadable'}.`};
  }
  const dataset = parseDatasetRequest(parsed.data.dataset);
  if (!dataset.ok) {
    return {ok: false, message: `This share link asks for data this lab cannot make: ${dataset.message}`};
  }
  return {ok: true, state: {sql: parsed.data.sql, dataset: dataset.request}};
}
