/**
 * What an integration's overlay says about its command arguments beyond the YAML (the kind of
 * value each argument takes and rules across arguments), and the AJV formats those kinds use.
 * The generator turns it, with the YAML metadata, into one JSON Schema per command.
 */
import { isIsoDateTime } from './args';

/** How an argument's value is read and checked. */
export type ArgumentKind =
  /** An id that becomes a URL path segment: trimmed, never `.` or `..` (they would climb the path). */
  | { readonly kind: 'id' }
  /** Text kept verbatim (subjects, bodies: spaces are content). */
  | { readonly kind: 'text' }
  /** Text trimmed of surrounding spaces (the default for an argument the overlay does not name). */
  | { readonly kind: 'trimmed' }
  /** A whole number in [min, max]. */
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  /** An ISO 8601 date-time as Graph takes it. */
  | { readonly kind: 'date-time' };

/** A rule across the arguments of one command: at least one of `names` must be given. */
export interface AtLeastOneRule {
  readonly names: readonly string[];
  /** What the user is told first, e.g. `Nothing to update`. */
  readonly reason: string;
}

/** The arguments part of an integration overlay. */
export interface ArgumentsOverlay {
  /** Kinds by argument name: an argument name means the same thing in every command. */
  readonly kinds: Readonly<Record<string, ArgumentKind>>;
  /** Per command name. */
  readonly atLeastOne: Readonly<Record<string, AtLeastOneRule>>;
}

/** The kind of `name` in the overlay; unnamed arguments are trimmed text. */
export function kindOf(overlay: ArgumentsOverlay, name: string): ArgumentKind {
  return Object.prototype.hasOwnProperty.call(overlay.kinds, name)
    ? overlay.kinds[name]
    : { kind: 'trimmed' };
}

// `.` and `..`, also percent-encoded (`%2e`), which URL resolution would remove from a path.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** The AJV formats of the argument kinds, by name. */
export const ARGUMENT_FORMATS = {
  'date-time': (value: string): boolean => isIsoDateTime(value),
  'path-segment': (value: string): boolean => !DOT_SEGMENT.test(value),
};
