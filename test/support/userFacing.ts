/**
 * Checks on what a user sees (entries, log lines, CLI output): no stack trace, no source path, no
 * secret; and the texts an entry shows.
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';

/** A V8 stack frame line: `    at fn (/path/file.ts:12:34)` or `    at /path/file.js:1:2`. */
export const STACK_FRAME_RE = /^\s+at\s.*(?:\(.*:\d+:\d+\)|:\d+:\d+)\s*$/m;

/** A source file location such as `src/x.ts:12` (absolute or relative) or `node_modules/axios/...`. */
export const SOURCE_PATH_RE = /(?:[\w.-]+\/)+[\w.-]+\.(?:ts|js|mjs|cjs)(?::\d+)?|node_modules/;

/** The texts an entry shows in the War Room: Contents when it is text, and HumanReadable. */
export function shownText(entry: Entry): string {
  const contents = typeof entry.Contents === 'string' ? entry.Contents : '';
  return [contents, entry.HumanReadable ?? ''].filter((t) => t !== '').join('\n');
}

/** Throws (failing the test) when the text holds a stack frame or a source path. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(STACK_FRAME_RE);
  expect(text).not.toMatch(SOURCE_PATH_RE);
}

/**
 * Which of `secrets` appear in `haystack`, described by position and length only (an empty list
 * means none leaked): a failing assertion must not print the secret it found.
 */
export function leakedSecrets(haystack: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((secret, i) =>
    secret.length > 0 && haystack.includes(secret) ? [`secret #${i} (${secret.length} chars)`] : [],
  );
}

/** `text` with every secret (also in its JSON-escaped form) replaced by `<secret>`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]).filter((s) => s.length > 3);
  for (const form of forms.sort((a, b) => b.length - a.length)) out = out.split(form).join('<secret>');
  return out;
}

const password = (params: Readonly<Record<string, unknown>>, name: string): string => {
  const value = params[name] as { password?: unknown } | undefined;
  return typeof value?.password === 'string' ? value.password : '';
};

/**
 * The secret strings of an instance's params as XSOAR stores them: the Key, the oproxy Token
 * (only secret when not self-deployed: otherwise it is the tenant ID) and the private key body.
 */
export function secretsOf(params: Readonly<Record<string, unknown>>): string[] {
  const secrets = [password(params, 'credentials_enc_key')];
  if (params.self_deployed !== true) secrets.push(password(params, 'credentials_tenant_id'));
  const pem = typeof params.private_key === 'string' ? params.private_key : '';
  secrets.push(...pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')));
  return secrets.filter((s) => s.length > 3);
}
