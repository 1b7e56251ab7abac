// `?raw` imports give a file's text (see src/plugins/labChunks.ts).
declare module '*?raw' {
  const source: string;
  export default source;
}
