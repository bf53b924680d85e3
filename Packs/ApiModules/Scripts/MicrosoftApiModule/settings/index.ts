/** Instance settings: raw XSOAR params → validated, normalized Settings. */
export { parseSettings } from './parseSettings';
export { PARAM_NAMES, PARAM_KINDS, type ParamKind, type ParamName } from './schema';
export { PARAM_LABELS } from './messages';
export type * from './types';
