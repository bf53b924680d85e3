/**
 * The built server script in QuickJS reduced to the ES5 library: no Map, Set, Symbol, Promise,
 * typed arrays or any other ES2015+ global or member (see scenario.ts and es5Library.js).
 */
import { describeQuickJsScenario } from './scenario';

describeQuickJsScenario('es5');
