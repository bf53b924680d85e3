/**
 * Typed errors of the documentation and pack tooling, with stable codes. Messages name the file,
 * command or example line at fault and never hold a secret; the original error stays as `cause`.
 */

/** Stable codes of {@link ToolingError}. */
export const ToolingErrorCode = {
  /** An input file (YAML, metadata, hand-written section) is missing or malformed. */
  input: 'TOOLING_INPUT_INVALID',
  /** A command example could not be parsed or its command failed. */
  example: 'TOOLING_EXAMPLE_FAILED',
  /** Generated output would carry a secret or a volatile value; nothing was written. */
  unsafeOutput: 'TOOLING_UNSAFE_OUTPUT',
  /** The unified YAML build failed. */
  build: 'TOOLING_BUILD_FAILED',
  /** A ZIP archive is malformed. */
  zip: 'TOOLING_ZIP_INVALID',
} as const;
export type ToolingErrorCodeValue = (typeof ToolingErrorCode)[keyof typeof ToolingErrorCode];

/** An error of `npm run docs` or `npm run pack`: one readable line, a stable code, the cause kept. */
export class ToolingError extends Error {
  readonly code: ToolingErrorCodeValue;
  constructor(code: ToolingErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
