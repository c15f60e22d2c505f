import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const HERE = __dirname;
const ROOT = resolve(HERE, '..', '..');
/** Where the api looks for the dashboard (apps/api/src/dashboard/dashboard-assets.ts). */
export const DASHBOARD_DIST = join(ROOT, 'dist', 'dashboard');

/**
 * Bundles the dashboard (TypeScript + Preact + the ECharts modules it uses) into one ES module, and copies
 * index.html and the stylesheet beside it. The labels of cities, industries and stages come from the domain's
 * catalogues, bundled from libs/domain/src (the tsconfig's paths).
 */
export async function buildDashboard(outDir: string = DASHBOARD_DIST): Promise<{ bytes: number }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: [join(HERE, 'src', 'main.tsx')],
    outfile: join(outDir, 'assets', 'app.js'),
    tsconfig: join(HERE, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  cpSync(join(HERE, 'public'), outDir, { recursive: true });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { bytes };
}

if (require.main === module) {
  buildDashboard()
    .then(({ bytes }) =>
      console.log(`dashboard built into ${relative(process.cwd(), DASHBOARD_DIST)} (${Math.round(bytes / 1024)} KiB)`),
    )
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
