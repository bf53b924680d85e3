/**
 * The ECMAScript 5.1 standard library, in one place: what a test engine keeps when it is reduced
 * to "ES5 library only" (scripts/sandbox: `library: 'es5'`). Everything else on the global object,
 * on the standard constructors and on their prototypes is deleted, so every ES2015+ global and
 * member goes: Map, Set, WeakMap, WeakSet, Symbol, Promise, Proxy, Reflect, ArrayBuffer, the typed
 * arrays, DataView, BigInt, globalThis, Object.assign, Array.from, String.prototype.includes,
 * Number.isInteger, Math.trunc and all ES2016+ additions. Listing what ES5 HAS (ES5.1 §15, plus
 * the Annex B members ES5 engines shipped) rather than what later editions added means nothing new
 * can slip through.
 *
 * Deliberately kept:
 * - symbol-keyed members (RegExp.prototype[Symbol.replace], Date.prototype[Symbol.toPrimitive],
 *   Math[Symbol.toStringTag], ...): a modern engine implements ES5 behaviour (String.prototype.replace
 *   with a RegExp, `date + ''`, `Object.prototype.toString.call(Math)`) through them, and without
 *   the `Symbol` global and `Object.getOwnPropertySymbols` no script can reach them;
 * - `Object.prototype.__proto__` (Annex B): the ES5 engines that matter have it, and an engine
 *   that still parses `{ __proto__: x }` literals but has no accessor is one no real engine is;
 * - `RegExp.prototype.flags`, which a modern engine's String.prototype.replace reads internally
 *   (see below).
 * Number.EPSILON, MAX_SAFE_INTEGER and MIN_SAFE_INTEGER cannot be deleted (non-configurable by
 * the standard); they are plain numbers and show up in the result's `stuck` list.
 *
 * Plain CommonJS: the sandbox workers load it, and the strip function runs inside the engine, so
 * it is written in ES5 itself.
 */
'use strict';

/** A space-separated list as an array. */
function words(...lines) {
  return lines.join(' ').split(' ');
}

const FUNCTION_OWN = ['length', 'name', 'prototype', 'arguments', 'caller'];
const ERROR_PROTOTYPE = ['constructor', 'name', 'message'];

/** Own string-keyed properties of the ES5 global object (the host's globals are added per run). */
const ES5_GLOBALS = words(
  'NaN Infinity undefined eval parseInt parseFloat isNaN isFinite decodeURI decodeURIComponent',
  'encodeURI encodeURIComponent escape unescape Object Function Array String Boolean Number Date',
  'RegExp Error EvalError RangeError ReferenceError SyntaxError TypeError URIError Math JSON',
);

const DATE_UNITS = words('FullYear Month Date Hours Minutes Seconds Milliseconds');

/** Own string-keyed properties per object path, ES5.1 §15 (Annex B: substr, escape, getYear, ...). */
const ES5_MEMBERS = {
  Object: FUNCTION_OWN.concat(
    words(
      'create defineProperty defineProperties freeze getOwnPropertyDescriptor getOwnPropertyNames',
      'getPrototypeOf isExtensible isFrozen isSealed keys preventExtensions seal',
    ),
  ),
  'Object.prototype': words(
    'constructor hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf __proto__',
  ),
  Function: FUNCTION_OWN,
  'Function.prototype': FUNCTION_OWN.concat(words('constructor apply bind call toString')),
  Array: FUNCTION_OWN.concat(['isArray']),
  'Array.prototype': words(
    'length constructor concat every filter forEach indexOf join lastIndexOf map pop push reduce',
    'reduceRight reverse shift slice some sort splice toLocaleString toString unshift',
  ),
  String: FUNCTION_OWN.concat(['fromCharCode']),
  'String.prototype': words(
    'length constructor charAt charCodeAt concat indexOf lastIndexOf localeCompare match replace',
    'search slice split substring substr toLowerCase toLocaleLowerCase toUpperCase',
    'toLocaleUpperCase toString trim valueOf',
  ),
  Boolean: FUNCTION_OWN,
  'Boolean.prototype': words('constructor toString valueOf'),
  Number: FUNCTION_OWN.concat(words('MAX_VALUE MIN_VALUE NaN NEGATIVE_INFINITY POSITIVE_INFINITY')),
  'Number.prototype': words('constructor toExponential toFixed toLocaleString toPrecision toString valueOf'),
  Math: words(
    'E LN10 LN2 LOG10E LOG2E PI SQRT1_2 SQRT2 abs acos asin atan atan2 ceil cos exp floor log max',
    'min pow random round sin sqrt tan',
  ),
  Date: FUNCTION_OWN.concat(words('parse UTC now')),
  'Date.prototype': words(
    'constructor toString toDateString toTimeString toLocaleString toLocaleDateString',
    'toLocaleTimeString valueOf getTime setTime getDay getUTCDay getTimezoneOffset toUTCString',
    'toISOString toJSON getYear setYear toGMTString',
  ).concat(
    DATE_UNITS.reduce(function (out, unit) {
      return out.concat(['get' + unit, 'getUTC' + unit, 'set' + unit, 'setUTC' + unit]);
    }, []),
  ),
  RegExp: FUNCTION_OWN,
  // ES5 had source/global/ignoreCase/multiline as own data properties of each RegExp; modern
  // engines moved them to accessors on the prototype, so they stay. So does the ES2015 `flags`
  // accessor: String.prototype.replace/match/split read it to know whether a RegExp is global.
  'RegExp.prototype': words('constructor exec test toString source global ignoreCase multiline flags'),
  JSON: words('parse stringify'),
  Error: FUNCTION_OWN,
  'Error.prototype': ERROR_PROTOTYPE.concat(['toString']),
};
for (const name of ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']) {
  ES5_MEMBERS[name] = FUNCTION_OWN;
  ES5_MEMBERS[`${name}.prototype`] = ERROR_PROTOTYPE;
}

/**
 * Runs INSIDE the engine (its source is embedded by {@link stripToEs5Source}): deletes every own
 * string-keyed property not in the ES5 lists, and replaces `RegExp` by a constructor that refuses
 * flags other than g, i and m (ES2015 `u`/`y`, ES2018 `s`, ES2022 `d` and later), sharing the
 * native prototype so that literals stay `instanceof RegExp`. Returns what it removed and what it
 * could not remove.
 */
function stripToEs5(globalObject, globals, members, keep) {
  var removed = [];
  var stuck = [];
  function strip(target, path, allowed) {
    var names = Object.getOwnPropertyNames(target);
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      if (allowed.indexOf(name) >= 0) continue;
      var label = path ? path + '.' + name : name;
      if (delete target[name]) removed.push(label);
      else stuck.push(label);
    }
  }
  var paths = Object.keys(members);
  for (var p = 0; p < paths.length; p++) {
    var parts = paths[p].split('.');
    var target = globalObject[parts[0]];
    if (parts[1]) target = target[parts[1]];
    strip(target, paths[p], members[paths[p]]);
  }
  strip(globalObject, '', globals.concat(keep));
  var NativeRegExp = globalObject.RegExp;
  var RegExpEs5 = function RegExp(pattern, flags) {
    if (flags !== undefined && /[^gim]/.test(String(flags))) {
      throw new SyntaxError('Invalid regular expression flags for ES5: ' + flags);
    }
    if (!(this instanceof RegExpEs5) && pattern instanceof NativeRegExp && flags === undefined)
      return pattern;
    return new NativeRegExp(pattern, flags);
  };
  RegExpEs5.prototype = NativeRegExp.prototype;
  Object.defineProperty(globalObject, 'RegExp', { value: RegExpEs5, writable: true, configurable: true });
  return { removed: removed, stuck: stuck };
}

/**
 * ES5 source that strips the engine's global object (`this` of a sloppy-mode script) to the ES5
 * library, keeping the names in `keep` (the host's XSOAR globals). Evaluates to
 * `{removed: string[], stuck: string[]}`.
 */
function stripToEs5Source(keep) {
  return (
    '(' +
    stripToEs5.toString() +
    ')(this, ' +
    JSON.stringify(ES5_GLOBALS) +
    ', ' +
    JSON.stringify(ES5_MEMBERS) +
    ', ' +
    JSON.stringify(keep) +
    ')'
  );
}

module.exports = { ES5_GLOBALS, ES5_MEMBERS, stripToEs5Source };
