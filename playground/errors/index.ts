/** The error catalog, the stack-trace decoder and their paths on the site. */
export {decodeStackTrace, errorCatalog} from './catalog';
export {errorPath, playbookPath} from './paths';
export {createTraceDecoder, maxTraceChars} from './decode';
export type {ChainLink, DecodeResult, DecodedMatch, MatchSource, RootCauseReason, TraceDecoder} from './decode';
export {errorEntrySchema, errorSystems, playbooks} from './schema';
export type {ErrorEntry, ErrorEntryInput, ErrorSystem, Playbook} from './schema';
export {sqlStateClass} from './sqlstate';
