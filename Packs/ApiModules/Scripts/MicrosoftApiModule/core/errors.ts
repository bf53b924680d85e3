/**
 * Typed errors with stable codes. Every message is written for the SOC engineer who reads it in
 * the War Room: it names the setting or argument as the UI shows it and never holds a secret.
 * The original error is kept as `cause` for debugging (never rendered in an entry).
 */

import {
  ArgumentError,
  ContextError,
  ErrorCode,
  IntegrationError,
  type ErrorCodeValue,
  type ErrorOptions,
} from '../../../../Base/Scripts/CommonServer/errors';

export { ArgumentError, ContextError, ErrorCode, IntegrationError, type ErrorCodeValue, type ErrorOptions };

/** One problem found in the instance settings. */
export interface SettingsProblem {
  /** The parameter `name` in the YAML (a legacy twin is reported on its successor). */
  param: string;
  /** The full message, naming the field as the UI shows it. */
  message: string;
}

/** The instance settings are invalid. Lists every problem at once; no request was sent. */
export class SettingsError extends IntegrationError {
  readonly problems: readonly SettingsProblem[];
  constructor(problems: readonly SettingsProblem[]) {
    super(ErrorCode.settings, problems.map((p) => p.message).join('\n'), {}, 'SettingsError');
    this.problems = problems;
  }
}

/** The selected authentication flow cannot run here (e.g. no IMDS endpoint reachable). */
export class FlowUnavailableError extends IntegrationError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.flowUnavailable, message, options, 'FlowUnavailableError');
  }
}

/** Details Microsoft returns with a refused token request. */
export interface AuthErrorDetails {
  status?: number;
  /** The OAuth `error`, e.g. `invalid_client`. */
  error?: string;
  /** AADSTS numbers from `error_codes`. */
  aadstsCodes?: readonly number[];
  correlationId?: string;
  traceId?: string;
}

/** The identity platform, IMDS or the oproxy refused to issue a token. */
export class AuthenticationError extends IntegrationError {
  readonly status?: number;
  readonly error?: string;
  readonly aadstsCodes: readonly number[];
  readonly correlationId?: string;
  readonly traceId?: string;
  constructor(message: string, details: AuthErrorDetails = {}, options?: ErrorOptions) {
    super(ErrorCode.authRefused, message, options, 'AuthenticationError');
    this.status = details.status;
    this.error = details.error;
    this.aadstsCodes = details.aadstsCodes ?? [];
    this.correlationId = details.correlationId;
    this.traceId = details.traceId;
  }
}

/** Microsoft Graph answered with an error status. */
export class GraphError extends IntegrationError {
  constructor(
    message: string,
    readonly status: number,
    readonly graphCode?: string,
    readonly graphMessage?: string,
    readonly requestId?: string,
    options?: ErrorOptions,
  ) {
    super(ErrorCode.graph, message, options, 'GraphError');
  }
}

/** The request never got an HTTP answer (refused, reset, timed out, TLS failure). */
export class NetworkError extends IntegrationError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.network, message, options, 'NetworkError');
  }
}
