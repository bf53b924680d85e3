/**
 * Turns any failure into the one line an error entry shows: the IntegrationError's message, or a
 * generic line for unexpected errors; never a stack trace, and with every secret of the instance
 * masked by the module's one redactor (defence in depth: messages are already free of secrets).
 */
import { IntegrationError } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { redact } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/redact';

const MAX_MESSAGE_LENGTH = 2000;

/** The text of an error entry for `error` raised while running `command`. */
export function errorText(error: unknown, command: string, secrets: readonly string[]): string {
  let text: string;
  if (error instanceof IntegrationError) text = error.message;
  else {
    const detail = error instanceof Error ? error.message : String(error);
    const name = error instanceof Error ? error.name : 'unknown error';
    // Only the first line: unexpected errors may carry multi-line dumps.
    text = `Failed to execute ${command}: ${detail.split('\n')[0] || name}`;
  }
  // Bounded before redaction (whose patterns scan the text) and again after: one readable line.
  const redacted = redact(text.slice(0, 4 * MAX_MESSAGE_LENGTH), secrets);
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}...` : redacted;
}
