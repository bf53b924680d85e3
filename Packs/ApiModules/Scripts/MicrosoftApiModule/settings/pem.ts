/**
 * Normalizes the Private Key param into a PEM with real newlines. XSOAR can store a text area on
 * one line, with spaces where the newlines were, which PEM parsers reject.
 */
import { decodeBase64 } from './base64';

const PEM_RE = /-----BEGIN (RSA )?PRIVATE KEY-----([\s\S]*?)-----END \1PRIVATE KEY-----/;
const LINE_LENGTH = 64;
const DER_SEQUENCE = 0x30;

/** The normalized PEM, or why the value is not a usable private key. */
export type PemCheck = { ok: true; pem: string } | { ok: false; reason: 'markers' | 'body' };

/** Finds the (first) private key block, validates its base64 body and re-wraps it at 64 columns. */
export function normalizePrivateKey(value: string): PemCheck {
  const match = PEM_RE.exec(value);
  if (!match) return { ok: false, reason: 'markers' };
  const label = `${match[1] ?? ''}PRIVATE KEY`;
  // Literal "\n" sequences come from keys pasted out of JSON; base64 never contains a backslash.
  const body = match[2].replace(/\\n/g, '').replace(/\s+/g, '');
  const der = decodeBase64(body);
  // An encrypted legacy key has Proc-Type headers in the body and fails here too.
  if (der === undefined || der.length === 0 || der[0] !== DER_SEQUENCE) return { ok: false, reason: 'body' };
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += LINE_LENGTH) lines.push(body.slice(i, i + LINE_LENGTH));
  return { ok: true, pem: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n` };
}
