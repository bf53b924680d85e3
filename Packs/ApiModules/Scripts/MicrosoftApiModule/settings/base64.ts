/**
 * A strict decoder for standard base64 with padding. Local to settings so that validation does
 * not depend on the crypto layer; the server bundle has no Buffer or atob.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? VALUES[code] : -1;
}

/** Decodes standard base64 (length a multiple of 4, `=` padding); undefined when malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const isPad = i + 4 === text.length && j >= 4 - padding;
      const v = isPad ? 0 : sextet(text, i + j);
      if (v < 0) return undefined;
      n = (n << 6) | v;
    }
    for (let shift = 16; shift >= 0 && o < out.length; shift -= 8) out[o++] = (n >> shift) & 0xff;
  }
  return out;
}
