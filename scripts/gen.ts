/**
 * `npm run gen`: writes `Integrations/MicrosoftGraphCalendar/generated/` from the integration YAML
 * and `overlay.ts` (see scripts/gen/generate.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ARGUMENTS_OVERLAY,
  SETTINGS_OVERLAY,
} from '../Integrations/MicrosoftGraphCalendar/definition/overlay';
import { generate, type GeneratedFiles } from './gen/generate';

const INTEGRATION = path.resolve(__dirname, '..', 'Integrations', 'MicrosoftGraphCalendar');
/** The integration YAML. */
export const YAML_PATH = path.join(INTEGRATION, 'MicrosoftGraphCalendar.yml');
/** Where the generated files live. */
export const GENERATED_DIR = path.join(INTEGRATION, 'generated');

/** The generated files for a YAML (the integration's by default) written to `outDir`. */
export function generateIntegration(
  yamlPath: string = YAML_PATH,
  outDir: string = GENERATED_DIR,
): GeneratedFiles {
  return generate({
    yamlText: fs.readFileSync(yamlPath, 'utf8'),
    settings: SETTINGS_OVERLAY,
    arguments: ARGUMENTS_OVERLAY,
    outDir,
  });
}

/** Writes the generated files into `outDir`. */
export function writeGenerated(files: GeneratedFiles, outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), content);
}

if (require.main === module) {
  const yamlPath = process.argv[2] ? path.resolve(process.argv[2]) : YAML_PATH;
  const outDir = process.argv[3] ? path.resolve(process.argv[3]) : GENERATED_DIR;
  writeGenerated(generateIntegration(yamlPath, outDir), outDir);
  console.log(`wrote ${path.relative(process.cwd(), outDir) || '.'}`);
}
