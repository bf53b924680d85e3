/**
 * The built server script (dist-style YAML, read back) in QuickJS against the emulator: the
 * scenario of scenario.ts with the engine's full library, then again on an engine reduced to the
 * ES5 library (no Map, Set, Symbol, Promise, typed arrays or any other ES2015+ global or member).
 * One build and one emulator serve both.
 */
import { useBuiltScript } from '../support/builtScript';
import { describeQuickJsScenario } from './scenario';

const setup = useBuiltScript('quickjs-');

describeQuickJsScenario('full', setup);
describeQuickJsScenario('es5', setup);
