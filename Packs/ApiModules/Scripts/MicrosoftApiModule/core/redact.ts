/**
 * The one redactor, for every text that may quote a server's answer or an error (error messages,
 * War Room entries, logs): each known secret is masked in every encoding a server could echo it
 * in (as sent, form-encoded in either hex case, JSON-escaped, base64), and so is anything shaped
 * like a bearer token or a JWT (access tokens, client assertions), whoever produced it.
 */
import { base64Encode, utf8Encode } from '../crypto/encoding';

const MASK = '<redacted>';
/** Shorter values are not masked: they would mask ordinary words, and no secret is this short. */
const MIN_SECRET_LENGTH = 4;
const TOKEN_PATTERNS = [
  /Bearer\s+[A-Za-z0-9._~+/=-]+/g,
  /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
];

function maskAnyCase(text: string, form: string): string {
  const lowerText = text.toLowerCase();
  const lowerForm = form.toLowerCase();
  // Lower-casing some letters changes the length (İ): positions would not match; search exactly.
  if (lowerText.length !== text.length || lowerForm.length !== form.length)
    return text.split(form).join(MASK);
  let out = '';
  let from = 0;
  for (let at = lowerText.indexOf(lowerForm); at >= 0; at = lowerText.indexOf(lowerForm, from)) {
    out += text.slice(from, at) + MASK;
    from = at + form.length;
  }
  return out + text.slice(from);
}

/** Every form a secret may take in an echoed answer, longest first. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  // JSON as other encoders write it: non-ASCII as \uXXXX (Python), `/` as `\/`, `&<>` as \u00XX (Go).
  const hex = (c: string) => `\\u${`000${c.charCodeAt(0).toString(16)}`.slice(-4)}`;
  const ascii = json.replace(/[\u007f-\uffff]/g, hex);
  const forms = [
    secret,
    secret.trim(),
    json,
    ascii,
    ascii.replace(/\//g, '\\/'),
    ascii.replace(/[&<>]/g, hex),
  ];
  // As sent, and as a stricter encoder (Python's urlencode) would send it: `!'()*` encoded too.
  const encoded = encodeURIComponent(secret);
  const strict = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  forms.push(encoded, encoded.replace(/%20/g, '+'), strict, strict.replace(/%20/g, '+'));
  // base64 of the UTF-8 bytes: a secret sent in a Basic header or a JSON field may come back so.
  const b64 = base64Encode(utf8Encode(secret));
  if (secret.length >= 8) forms.push(b64, b64.replace(/=+$/, ''));
  // A PEM key may surface one line (or one space-separated chunk) at a time.
  for (const part of secret.split(/\s+/))
    if (part.length >= 16 && part.indexOf('-----') < 0) forms.push(part);
  return forms
    .filter((f, i) => f.length >= MIN_SECRET_LENGTH && forms.indexOf(f) === i)
    .sort((a, b) => b.length - a.length);
}

/** Masks every form of every secret, then bearer tokens and JWT-shaped text. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  const forms: string[] = [];
  for (const secret of secrets)
    if (secret && secret.length >= MIN_SECRET_LENGTH) forms.push(...secretForms(secret));
  forms.sort((a, b) => b.length - a.length);
  // Percent-encoded forms in any case (`%2B` and `%2b` decode alike); plain searching, not a RegExp:
  // a secret of any length is masked (a RegExp has a size limit).
  for (const form of forms)
    out = form.indexOf('%') >= 0 ? maskAnyCase(out, form) : out.split(form).join(MASK);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
  return out;
}
