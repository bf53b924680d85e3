/**
 * Defence in depth for texts that quote a server's answer (error messages): known secret values
 * and anything shaped like a JWT (access tokens, client assertions) are masked.
 */

const JWT_RE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const MASK = '<redacted>';

/** Masks every occurrence of the given secrets (ignoring very short values) and JWT-shaped text. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text.replace(JWT_RE, MASK);
  for (const secret of secrets) {
    if (!secret || secret.length < 6) continue;
    out = out.split(secret).join(MASK);
  }
  return out;
}
