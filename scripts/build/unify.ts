/**
 * The YAML unifier: what `demisto-sdk prepare-content` does for a JavaScript integration, with
 * the bundled script instead of a hand-written `.js` file:
 * `script.script` = `// pack version: <currentVersion>` + the script, `detaileddescription` from
 * the `_description.md`, `image` as a `data:image/png;base64,` URL. Pure and deterministic.
 */
import * as yaml from 'js-yaml';

/** Inputs of {@link unifyIntegration}. */
export interface UnifyInput {
  /** The split-form integration YAML (`script.script: '-'`). */
  readonly yamlText: string;
  /** The bundled script body. */
  readonly script: string;
  /** The pack's `currentVersion`. */
  readonly packVersion: string;
  readonly description?: string;
  readonly imagePng?: Uint8Array;
}

const PACK_VERSION_LINE = /^\/\/ pack version: /;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Prefixes the pack version line unless the script already has one (as the SDK does). */
export function withPackVersion(script: string, packVersion: string): string {
  if (PACK_VERSION_LINE.test(script)) return script;
  return `// pack version: ${packVersion}\n${script}`;
}

function imageDataUrl(png: Uint8Array): string {
  if (!PNG_SIGNATURE.every((byte, i) => png[i] === byte))
    throw new Error('The integration image is not a PNG file');
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** Inserts `entries` right after `afterKey` (or at the end), keeping the other keys' order. */
function insertAfter(
  doc: Record<string, unknown>,
  afterKey: string,
  entries: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key in entries) continue;
    out[key] = value;
    if (key === afterKey) Object.assign(out, entries);
  }
  return { ...out, ...entries };
}

/** Builds the unified integration YAML text. */
export function unifyIntegration(input: UnifyInput): string {
  const doc = yaml.load(input.yamlText) as Record<string, unknown> | undefined;
  if (!doc || typeof doc !== 'object') throw new Error('The integration YAML is empty or not a mapping');
  const script = doc.script as Record<string, unknown> | undefined;
  if (!script || typeof script !== 'object') throw new Error('The integration YAML has no `script` section');
  if (script.type !== 'javascript')
    throw new Error(`script.type must be javascript, got ${String(script.type)}`);

  const extra: Record<string, unknown> = {};
  if (input.description !== undefined) extra.detaileddescription = input.description;
  if (input.imagePng !== undefined) extra.image = imageDataUrl(input.imagePng);
  const unified = insertAfter(doc, 'description', extra);
  unified.script = { ...script, script: withPackVersion(input.script, input.packVersion) };
  return yaml.dump(unified, { lineWidth: -1, noRefs: true, sortKeys: false });
}
