/**
 * Raw instance params → validated, normalized Settings. Runs once per command, before any I/O.
 */
import { resolveParams } from '../../../../Base/Scripts/CommonServer/params';
import type { SettingsDefinition } from './definition';
import { addShapeProblems, addValueProblems, ProblemList } from './messages';
import { readSettings } from './readSettings';
import type { Settings } from './types';

/**
 * Validates and normalizes the instance params as XSOAR delivers them, with the integration's
 * generated validators: first the shape of each parameter, then the values (required fields,
 * formats, what the selected authentication mode needs). Every problem is collected first.
 * @throws SettingsError listing every problem, each naming the field as the UI shows it.
 */
export function parseSettings(params: unknown, definition: SettingsDefinition): Settings {
  const problems = new ProblemList(definition);
  if (!definition.validateRaw(params))
    addShapeProblems(definition.validateRaw.errors ?? [], problems, definition);
  const values = resolveParams(params, definition.params);
  if (!definition.validateValues(values))
    addValueProblems(definition.validateValues.errors ?? [], problems, definition, values);
  const error = problems.toError();
  if (error) throw error;
  return readSettings(values, definition.overlay);
}
