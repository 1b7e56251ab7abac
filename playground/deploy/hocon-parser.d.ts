/** The part of @pushcorn/hocon-parser the HOCON resolver uses (the package ships no types). */
declare module '@pushcorn/hocon-parser' {
  interface HoconParser {
    (options: {url?: string; text?: string; strict?: boolean; env?: boolean}): Promise<unknown>;
    getClass(name: string): unknown;
    registerNode(clazz: unknown): void;
    Node: {UNSET: symbol};
  }
  const parser: HoconParser;
  export default parser;
}
