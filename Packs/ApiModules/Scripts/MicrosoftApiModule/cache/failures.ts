/**
 * A failed token request as the context records it for the commands that waited on it: the error's
 * class, code and message (user-facing texts, already free of secrets), never its cause.
 */
import {
  AuthenticationError,
  ErrorCode,
  FlowUnavailableError,
  IntegrationError,
  NetworkError,
  type ErrorCodeValue,
} from '../core/errors';
import type { TokenFailure } from './cacheState';

/** The longest message recorded; user-facing texts are far shorter. */
const MAX_MESSAGE = 2000;

/** The record of `error`, or undefined for an error that is not ours (nothing to share). */
export function failureRecord(error: unknown, owner: string, at: number): TokenFailure | undefined {
  if (!(error instanceof IntegrationError)) return undefined;
  return { owner, at, name: error.name, code: error.code, message: error.message.slice(0, MAX_MESSAGE) };
}

const CODES = Object.keys(ErrorCode).map((k) => ErrorCode[k as keyof typeof ErrorCode]) as string[];

/** The error a waiting command throws: the same class, code and message as the lease holder's. */
export function rebuildFailure(failure: TokenFailure): IntegrationError {
  switch (failure.name) {
    case 'AuthenticationError':
      return new AuthenticationError(failure.message);
    case 'NetworkError':
      return new NetworkError(failure.message);
    case 'FlowUnavailableError':
      return new FlowUnavailableError(failure.message);
    default: {
      const code =
        CODES.indexOf(failure.code) >= 0 ? (failure.code as ErrorCodeValue) : ErrorCode.authRefused;
      return new IntegrationError(code, failure.message);
    }
  }
}
