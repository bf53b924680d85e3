/**
 * Parses War Room command lines (`!name a=b c="x y" d=${Path.To.Value}`) the way the XSOAR CLI
 * reads them, and resolves `${...}` context references against the incident context of the
 * examples run so far, as the War Room does.
 */
import { ToolingError, ToolingErrorCode } from '../errors';

/** A parsed command line; argument values may still hold `${...}` references. */
export interface CommandLine {
  readonly command: string;
  readonly args: Readonly<Record<string, string>>;
}

function bad(line: string, why: string): never {
  throw new ToolingError(ToolingErrorCode.example, `Command example "${line}": ${why}.`);
}

/** Reads a quoted string starting at `start` (the quote); returns its text and the index after it. */
function readQuoted(line: string, start: number): [string, number] {
  const quote = line[start];
  let out = '';
  for (let i = start + 1; i < line.length; i++) {
    const ch = line[i];
    if (ch === quote) return [out, i + 1];
    // Backslash escapes only inside double quotes, as in the XSOAR CLI.
    if (ch === '\\' && quote === '"' && i + 1 < line.length) out += line[++i];
    else out += ch;
  }
  return bad(line, 'a quoted value is not closed');
}

/** Reads a `${...}` reference kept verbatim (it may hold quotes and spaces inside a DT selector). */
function readReference(line: string, start: number): [string, number] {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start + 1; i < line.length; i++) {
    const ch = line[i];
    if (quote) quote = ch === quote ? undefined : quote;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return [line.slice(start, i + 1), i + 1];
  }
  return bad(line, 'a ${...} reference is not closed');
}

function readValue(line: string, start: number): [string, number] {
  let out = '';
  let i = start;
  while (i < line.length && !/\s/.test(line[i])) {
    const ch = line[i];
    let piece: string;
    if (ch === '"' || ch === "'" || ch === '`') [piece, i] = readQuoted(line, i);
    else if (line.startsWith('${', i)) [piece, i] = readReference(line, i);
    else [piece, i] = [ch, i + 1];
    out += piece;
  }
  return [out, i];
}

/**
 * Parses one command line.
 * @throws ToolingError (`TOOLING_EXAMPLE_FAILED`) when it is not `!name [arg=value ...]`.
 */
export function parseCommandLine(line: string): CommandLine {
  const head = /^!([\w-]+)/.exec(line.trim());
  if (!head) bad(line, 'it must start with !<command-name>');
  const rest = line.trim().slice(head[0].length);
  const args: Record<string, string> = {};
  let i = 0;
  while (i < rest.length) {
    if (/\s/.test(rest[i])) {
      i++;
      continue;
    }
    const name = /^([\w-]+)=/.exec(rest.slice(i));
    if (!name) bad(line, `expected name=value at "${rest.slice(i, i + 20)}"`);
    if (name[1] in args) bad(line, `the argument ${name[1]} is given twice`);
    [args[name[1]], i] = readValue(rest, i + name[0].length);
  }
  return { command: head[1], args };
}

/** Looks a DT path up in the incident context (see scripts/host/incidentContext.ts). */
export type ContextLookup = (path: string) => unknown;

/**
 * Replaces every `${path}` in the argument values with the single value found at that path.
 * @throws ToolingError when a path finds nothing or several values (the example would not be
 * deterministic: narrow it with a DT selector).
 */
export function resolveReferences(parsed: CommandLine, lookup: ContextLookup, line: string): CommandLine {
  const resolve = (path: string): string => {
    const value = lookup(path);
    // XSOAR stores a one-item list as the item itself.
    const found = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (found === undefined || found === null) bad(line, `\${${path}} is not in the context`);
    if (typeof found === 'object')
      bad(line, `\${${path}} holds more than one value; narrow it with a DT selector`);
    return String(found);
  };
  const args: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.args)) {
    let out = '';
    let i = 0;
    for (let at = value.indexOf('${'); at >= 0; at = value.indexOf('${', i)) {
      const [reference, end] = readReference(value, at);
      out += value.slice(i, at) + resolve(reference.slice(2, -1));
      i = end;
    }
    args[name] = out + value.slice(i);
  }
  return { command: parsed.command, args };
}
