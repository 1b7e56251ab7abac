/** The part of @pushcorn/hocon-parser the HOCON resolver uses (the package ships no types). */
declare module '@pushcorn/hocon-parser' {
  interface HoconParser {
    (options: {url?: string; text?: string; strict?: boolean; env?: boolean}): Promise<unknown>;
    registerNode(clazz: unknown): void;
    Node: {UNSET: symbol};
    Context: new (options: {text?: string; url?: string; strict?: boolean; env?: boolean}) => {resolve(): Promise<unknown>; $: {node: unknown}};
  }
  const parser: HoconParser;
  export default parser;
}
