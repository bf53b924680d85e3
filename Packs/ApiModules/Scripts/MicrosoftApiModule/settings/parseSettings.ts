/**
 * Raw instance params → validated, normalized Settings. Runs once per command, before any I/O.
 */
import { SettingsError } from '../errors';
import { parseAuth } from './authSettings';
import { parseCommon } from './commonSettings';
import { addAjvProblems, ProblemList } from './messages';
import { readParams } from './readParams';
import type { Settings } from './types';
import { validateParams } from './validateParams.generated';

/**
 * Validates and normalizes the instance params as XSOAR delivers them.
 * Shapes and formats are checked by the precompiled AJV validator, then the cross-field and
 * decoding rules run; every problem is collected before throwing.
 *
 * @throws SettingsError listing every problem, each naming the field as the UI shows it.
 */
export function parseSettings(params: Readonly<Record<string, unknown>>): Settings {
  const problems = new ProblemList();
  if (!validateParams(params)) addAjvProblems(validateParams.errors ?? [], problems);
  const raw = readParams(typeof params === 'object' && params !== null ? params : {});
  const common = parseCommon(raw, problems);
  const auth = parseAuth(raw, problems);
  const error = problems.toError();
  if (error !== undefined || common === undefined || auth === undefined) {
    // Every undefined part records a problem; the fallback only keeps the error typed.
    throw error ?? new SettingsError([{ param: '', message: 'The instance settings are invalid.' }]);
  }
  return { ...common, ...auth };
}
