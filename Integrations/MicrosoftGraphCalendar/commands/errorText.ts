/**
 * Turns any failure into the one line an error entry shows: the IntegrationError's message, or a
 * generic line for unexpected errors; never a stack trace, and with every secret of the instance
 * settings masked (defense in depth: the module already keeps secrets out of its messages).
 */
import { IntegrationError } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';

const MASK = '<redacted>';
// The values of these params are secrets in every mode (Key, Private Key).
const SECRET_PARAMS = ['credentials_enc_key', 'enc_key', 'private_key'];
// Token is the oproxy secret; when self-deployed it is the tenant ID, worth showing in errors.
const TOKEN_PARAMS = ['credentials_tenant_id', 'tenant_id'];
const MIN_SECRET_LENGTH = 4;
const MAX_MESSAGE_LENGTH = 2000;
// Bearer tokens and JWT-shaped strings, whatever produced them.
const TOKEN_PATTERNS = [
  /Bearer\s+[A-Za-z0-9._~+/=-]+/g,
  /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
];

function paramText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const password = (value as { password?: unknown }).password;
    if (typeof password === 'string') return password;
  }
  return undefined;
}

function isTicked(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** The secret strings of the raw instance params, longest first, PEM lines included. */
export function secretValues(params: Readonly<Record<string, unknown>> | undefined): string[] {
  if (typeof params !== 'object' || params === null) return [];
  const names = isTicked(params.self_deployed) ? SECRET_PARAMS : SECRET_PARAMS.concat(TOKEN_PARAMS);
  const secrets: string[] = [];
  for (const name of names) {
    const text = paramText(params[name]);
    if (text === undefined) continue;
    secrets.push(text, text.trim());
    // A private key may surface one line (or one space-separated chunk) at a time.
    for (const part of text.split(/[\s]+/))
      if (part.length >= 16 && part.indexOf('-----') < 0) secrets.push(part);
  }
  return secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Masks every secret and token-shaped string in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
  return out;
}

/** The text of an error entry for `error` raised while running `command`. */
export function errorText(error: unknown, command: string, secrets: readonly string[]): string {
  let text: string;
  if (error instanceof IntegrationError) text = error.message;
  else {
    const detail = error instanceof Error ? error.message : String(error);
    // Only the first line: unexpected errors may carry multi-line dumps.
    text = `Failed to execute ${command}: ${detail.split('\n')[0] || (error instanceof Error ? error.name : 'unknown error')}`;
  }
  const redacted = redact(text, secrets);
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}...` : redacted;
}
