/**
 * `npm run validate [path-to-yml]`: checks the integration YAML (structure against
 * validate/integration.schema.json, strict-flow and IN/BA/DS rules), its image and description, and pack_metadata.json.
 */
import { runValidate } from './validate/cli';

export { runValidate, DEFAULT_YML, type ValidateIo } from './validate/cli';
export { validateIntegration } from './validate/integration';
export { checkIntegrationSchema, createSchemaChecker } from './validate/schemaCheck';
export { validateImage, pngSize } from './validate/image';
export { validatePackMetadata } from './validate/packMetadata';
export type { Violation, ValidateOptions } from './validate/types';

if (require.main === module) {
  process.exitCode = runValidate(process.argv.slice(2));
}
