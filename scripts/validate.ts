/**
 * `npm run validate [path-to-yml] [--schema path]`: checks the integration YAML (pykwalify schema,
 * strict-flow and IN/BA/DS rules), its image and description, and pack_metadata.json.
 */
import { runValidate } from './validate/cli';

export { runValidate, DEFAULT_YML, type ValidateIo } from './validate/cli';
export { validateIntegration, loadSchema, DEFAULT_SCHEMA_PATH } from './validate/integration';
export { validateImage, pngSize } from './validate/image';
export { validatePackMetadata } from './validate/packMetadata';
export type { Violation, ValidateOptions } from './validate/types';

if (require.main === module) {
  process.exitCode = runValidate(process.argv.slice(2));
}
