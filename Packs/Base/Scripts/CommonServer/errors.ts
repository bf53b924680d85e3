/**
 * The error types every integration shares: a user-facing message written for the SOC engineer
 * who reads it in the War Room (it names the setting or argument as the UI shows it and never holds
 * a secret), a stable `code` that playbooks and tests may rely on, and the original error as
 * `cause` for debugging (never rendered in an entry).
 */

/** Stable error codes; playbooks and tests may rely on them. */
export const ErrorCode = {
  settings: 'SETTINGS_INVALID',
  argument: 'ARGUMENT_INVALID',
  flowUnavailable: 'FLOW_UNAVAILABLE',
  authRefused: 'AUTH_REFUSED',
  graph: 'GRAPH_ERROR',
  network: 'NETWORK_ERROR',
  context: 'CONTEXT_ERROR',
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The options of an error: the underlying cause, kept for debugging. */
export interface ErrorOptions {
  readonly cause?: unknown;
}

/** Base class: a user-facing message, a stable code and the underlying cause. */
export class IntegrationError extends Error {
  readonly code: ErrorCodeValue;
  /** @param name the subclass's name (class names do not survive minification). */
  constructor(code: ErrorCodeValue, message: string, options?: ErrorOptions, name = 'IntegrationError') {
    super(message);
    // Why: compiled to ES5, `super()` returns a plain Error, so the prototype chain (and with it
    // `instanceof`) is restored by hand. `Object.setPrototypeOf` is polyfilled where missing.
    Object.setPrototypeOf(this, new.target.prototype);
    // Why not `super(message, options)`: an ES5 engine's Error ignores a second argument.
    if (options && 'cause' in options) this.cause = options.cause;
    this.name = name;
    this.code = code;
  }
}

/** A command argument is missing or malformed. No request was sent. */
export class ArgumentError extends IntegrationError {
  constructor(
    readonly argument: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(ErrorCode.argument, message, options, 'ArgumentError');
  }
}

/** The integration context could not be read or written consistently. */
export class ContextError extends IntegrationError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.context, message, options, 'ContextError');
  }
}
