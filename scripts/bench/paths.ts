/** Paths of the repository and of the artefacts the bench measures. */
import { join, resolve } from 'node:path';

/** The repository root (this file lives in scripts/bench). */
export const repoRoot = resolve(__dirname, '..', '..');

/** The esbuild-bundled CLI (built by scripts/host/buildCli.ts). */
export const BUNDLED_CLI = join(repoRoot, 'dist', 'node', 'cli.js');

/** The unified integration YAML holding the server bundle (`npm run build`). */
export const INTEGRATION_YAML = join(repoRoot, 'dist', 'integration-MicrosoftGraphCalendar.yml');

/** Where the bench writes its results. */
export const RESULTS_JSON = join(repoRoot, 'bench', 'results.json');
