/**
 * Bundles the bench's child scripts with esbuild into the workspace, so each child starts as
 * plain `node file.js`: no TypeScript loader in the measured processes.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

/** The bundled child scripts. */
export interface Children {
  /** The bare Node http pager (paging baseline). */
  readonly barePager: string;
  /** One @azure/identity ManagedIdentityCredential getToken (token peer). */
  readonly azurePeer: string;
  /** Preload (`node -r`) writing the peak RSS and CPU time at exit. */
  readonly rssPreload: string;
  /** Preload (`node -r`) writing the phases of a CLI run at exit. */
  readonly startupProbe: string;
}

const SOURCES: Record<keyof Children, string> = {
  barePager: 'barePager.ts',
  azurePeer: 'azurePeer.ts',
  rssPreload: 'rssPreload.ts',
  startupProbe: 'startupProbe.ts',
};

/** Builds every child script into `outDir` and returns their paths. */
export async function buildChildren(outDir: string): Promise<Children> {
  const entries = Object.entries(SOURCES) as [keyof Children, string][];
  await Promise.all(
    entries.map(([name, source]) =>
      build({
        entryPoints: [join(__dirname, 'child', source)],
        outfile: join(outDir, `${name}.js`),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        logLevel: 'silent',
      }),
    ),
  );
  return Object.fromEntries(
    entries.map(([name]) => [name, join(outDir, `${name}.js`)]),
  ) as unknown as Children;
}
