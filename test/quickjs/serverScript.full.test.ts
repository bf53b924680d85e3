/** The built server script in QuickJS with the engine's full library (see scenario.ts). */
import { describeQuickJsScenario } from './scenario';

describeQuickJsScenario('full');
