/** Command, argument and output rules (IN113, IN115, IN130, IN134, IN151, IN153, BA128, DS108). */
import { ds108Problem } from './descriptions';
import { asMap, commands, mapItems, show, violation, type Violation, type YamlMap } from './types';

/** IN130: an integration does something: at least one command, or fetch, feed or long-running mode. */
function in130(doc: YamlMap): Violation[] {
  const script = asMap(doc.script) ?? {};
  if (
    commands(doc).length > 0 ||
    script.isfetch === true ||
    script.feed === true ||
    script.longRunning === true
  ) {
    return [];
  }
  return [
    violation(
      'IN130',
      'script.commands',
      'the integration has no commands and is not fetch, feed or long-running.',
    ),
  ];
}

function checkArguments(cmd: YamlMap, loc: string): Violation[] {
  const out: Violation[] = [];
  if ('arguments' in cmd && cmd.arguments === null) {
    out.push(violation('IN151', `${loc}.arguments`, 'arguments must be a list ([]) or absent, not null.'));
  }
  const seen = new Set<unknown>();
  let defaults = 0;
  for (const { item, loc: argLoc } of mapItems(cmd.arguments, `${loc}.arguments`)) {
    if (seen.has(item.name))
      out.push(violation('IN113', argLoc, `duplicate argument name ${show(item.name)}.`));
    seen.add(item.name);
    if (item.default === true) defaults += 1;
    const problem = ds108Problem(item.description);
    if (problem) out.push(violation('DS108', `${argLoc}.description`, problem));
    if (typeof item.defaultValue === 'string' && item.defaultValue.toLowerCase().startsWith('http:')) {
      out.push(
        violation('IN153', `${argLoc}.defaultValue`, 'default value must not start with "http:"; use https.'),
      );
    }
  }
  if (defaults > 1)
    out.push(violation('IN134', `${loc}.arguments`, 'at most one argument may be default: true.'));
  return out;
}

function checkOutputs(cmd: YamlMap, loc: string): Violation[] {
  const out: Violation[] = [];
  for (const { item, loc: outLoc } of mapItems(cmd.outputs, `${loc}.outputs`)) {
    if (typeof item.contextPath !== 'string' || item.contextPath === '') {
      out.push(violation('IN115', outLoc, 'output has no contextPath.'));
    }
    const problem = ds108Problem(item.description);
    if (problem) out.push(violation('DS108', `${outLoc}.description`, problem));
  }
  return out;
}

/** All command-level rules. */
export function checkCommands(doc: YamlMap): Violation[] {
  const out = in130(doc);
  for (const { item, loc } of commands(doc)) {
    if (typeof item.name === 'string' && /^\d/.test(item.name)) {
      out.push(violation('BA128', `${loc}.name`, 'a command name must not start with a digit.'));
    }
    out.push(...checkArguments(item, loc), ...checkOutputs(item, loc));
  }
  return out;
}
