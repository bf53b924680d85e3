/** DS108: descriptions end with a full stop (or `!`/`?`); a trailing URL or closing quote is tolerated. */

/** Whether a description ends the way DS108 expects. */
export function endsLikeASentence(text: string): boolean {
  const trimmed = text.trim();
  // A closing quote, bracket or backtick may follow the final punctuation: `... 'x'.` and `(see y.)`.
  const core = trimmed.replace(/["'`)\]]+$/, '');
  if (/[.!?]$/.test(core)) return true;
  // demisto-sdk tolerates a description that ends with a link, where a period would break the URL.
  const lastWord = trimmed.split(/\s+/).pop() ?? '';
  return /^https?:\/\//i.test(lastWord);
}

/** A DS108 message for a description value, or undefined when it is fine. */
export function ds108Problem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'description is missing or empty.';
  return endsLikeASentence(value) ? undefined : 'description must end with a period.';
}
