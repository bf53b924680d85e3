/**
 * Reading token responses: lifetimes arrive as numbers or strings depending on the endpoint.
 */

/** upstream's default lifetime when a response has no `expires_in`. */
export const DEFAULT_EXPIRES_IN = 3595;

/** Whole seconds (rounded down) from a finite number or numeric string, else `undefined`. */
export function toSeconds(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? Math.floor(n) : undefined;
}

/**
 * The lifetime in seconds: `expires_in` (number or string), else `expires_on` (epoch seconds) minus
 * now, else the default.
 */
export function lifetimeSeconds(body: Readonly<Record<string, unknown>>, nowSeconds: number): number {
  const expiresIn = toSeconds(body.expires_in);
  if (expiresIn !== undefined) return expiresIn;
  const expiresOn = toSeconds(body.expires_on);
  if (expiresOn !== undefined) return expiresOn - nowSeconds;
  return DEFAULT_EXPIRES_IN;
}
