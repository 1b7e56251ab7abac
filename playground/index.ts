/**
 * The public surface of the playground engine. `src/` and the docs import only from here.
 *
 * The engine is pure TypeScript: it never imports React, Docusaurus or the DOM, so the same
 * code runs in the browser and in Node tests.
 */
export {quoteIdentifier, quoteQualifiedName} from './sql/quote';
export type {SqlEngine, SqlParam} from './sql/engine';
export {openDuckDbEngine} from './sql/duckdb';
export {EngineError, classifyEngineError} from './sql/errors';
export type {EngineErrorInfo, EngineErrorKind, MissingExtension} from './sql/errors';
export {stringMapType, stringMapVector} from './sql/arrow';
