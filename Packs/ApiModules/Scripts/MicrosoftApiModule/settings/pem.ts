/**
 * Normalizes the Private Key param into a PEM with real newlines. XSOAR can store a text area on
 * one line, with spaces where the newlines were, which PEM parsers reject.
 */
import { base64Decode } from '../crypto/encoding';

// A malformed value is an expected outcome here, not an exceptional one: value-or-undefined.
/** Decodes standard base64 (length a multiple of 4, `=` padding); undefined when malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return base64Decode(text);
  } catch {
    return undefined;
  }
}

const PEM_RE = /-----BEGIN (RSA )?PRIVATE KEY-----([\s\S]*?)-----END \1PRIVATE KEY-----/;
const BASE64_BODY_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const LINE_LENGTH = 64;
const DER_SEQUENCE = 0x30;

/** The normalized PEM, or why the value is not a usable private key. */
export type PemCheck = { ok: true; pem: string } | { ok: false; reason: 'markers' | 'body' };

// The last key checked: the settings validator checks the format and readSettings then uses the
// normalized key, the same 2 KB of text twice per command.
let last: { value: string; check: PemCheck } | undefined;

/** Finds the (first) private key block, validates its base64 body and re-wraps it at 64 columns. */
export function normalizePrivateKey(value: string): PemCheck {
  if (last === undefined || last.value !== value) last = { value, check: normalize(value) };
  return last.check;
}

function normalize(value: string): PemCheck {
  const match = PEM_RE.exec(value);
  if (!match) return { ok: false, reason: 'markers' };
  const label = `${match[1] ?? ''}PRIVATE KEY`;
  // Literal "\n" sequences come from keys pasted out of JSON; base64 never contains a backslash.
  const body = match[2].replace(/\\n/g, '').replace(/\s+/g, '');
  // An encrypted legacy key has Proc-Type headers in the body and fails here too.
  if (!isDerSequenceBase64(body)) return { ok: false, reason: 'body' };
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += LINE_LENGTH) lines.push(body.slice(i, i + LINE_LENGTH));
  return { ok: true, pem: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n` };
}

/**
 * True when `body` is well-formed standard base64 whose bytes start a DER SEQUENCE. Only the first
 * quantum is decoded: decoding a whole 1.2 KB key on every settings parse cost most of its time.
 */
function isDerSequenceBase64(body: string): boolean {
  if (body.length === 0 || body.length % 4 !== 0 || !BASE64_BODY_RE.test(body)) return false;
  const head = decodeBase64(body.slice(0, 4));
  return head !== undefined && head.length > 0 && head[0] === DER_SEQUENCE;
}
