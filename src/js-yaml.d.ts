/** The part of js-yaml the site uses (the package ships no types). */
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function dump(value: unknown, options?: {lineWidth?: number; noRefs?: boolean; sortKeys?: boolean}): string;
  /** What `load` throws on malformed YAML; `mark` is 0-based. */
  export class YAMLException extends Error {
    reason: string;
    mark: {line: number; column: number; position: number};
  }
}
