import { build, type Metafile } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../cloudfunctions/functions/registry';
import { COLLECTIONS } from '../cloudfunctions/store/indexes';

/**
 * `npm run build`: one self-contained bundle per deployable function in build/cloudfunctions/
 * (the project's cloudfunctionRoot, so DevTools and the CloudBase CLI deploy it as is), plus
 * build/cloudbaserc.json for the CLI and build/database/ (index manifest, security rules).
 */
const OUT = 'build';

interface FunctionConfig {
  permissions?: { openapi?: string[] };
  triggers?: Array<{ name: string; type: string; config: string }>;
  deploy: { runtime: string; timeout: number; memorySize: number };
}

/** How every bundle is built: one CommonJS file for the cloud's Node 18, minified. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
} as const;

/**
 * Large libraries a few actions need ship beside the bundle as their own bundled module in
 * `node_modules/<name>/`, loaded the first time an action needs it, so a function's cold start
 * parses only its own bundle: exceljs (a megabyte; kernel/xlsx.ts) for workbooks, docx
 * (kernel/docx.ts) for Word documents, Apache ECharts (kernel/charts.ts) for the statistics'
 * charts, the pinyin and stroke dictionaries
 * (kernel/people-order.ts) for names, Tencent Cloud's SMS SDK (adapters/tencent-sms.ts, the
 * notify function only). Each is built once per run and copied to every function whose bundle
 * requires it.
 */
export const SHIPPED = [
  'exceljs',
  'docx',
  'echarts',
  'pinyin-pro',
  'cnchar',
  'cnchar-order',
  'tencentcloud-sdk-nodejs-sms',
] as const;

const shippedBundles = new Map<string, Promise<Uint8Array>>();

async function ship(name: string, dest: string): Promise<void> {
  if (!shippedBundles.has(name))
    shippedBundles.set(
      name,
      build({
        ...NODE_BUNDLE,
        entryPoints: [require.resolve(name)],
        write: false,
        logLevel: 'error',
      }).then((r) => r.outputFiles[0]!.contents),
    );
  const dir = join(dest, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), await shippedBundles.get(name)!);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, main: 'index.js' }, null, 2) + '\n',
  );
}

/** Bundles every deployable function into `<out>/<name>/`; returns each bundle's size in bytes. */
export async function bundleFunctions(out: string): Promise<
  Array<{
    name: string;
    bytes: number;
    config: FunctionConfig;
    ships: string[];
    /** Each source file's bytes in the bundle (esbuild's metafile), by path. */
    inputs: Record<string, number>;
  }>
> {
  rmSync(out, { recursive: true, force: true });
  const bundles = [];
  for (const name of Object.keys(FUNCTIONS)) {
    const src = join(__dirname, '..', 'cloudfunctions', 'functions', name);
    const dest = join(out, name);
    mkdirSync(dest, { recursive: true });
    const built = await build({
      entryPoints: [join(src, 'index.ts')],
      outfile: join(dest, 'index.js'),
      ...NODE_BUNDLE,
      keepNames: true,
      metafile: true,
      logLevel: 'warning',
      // better-sqlite3 belongs to the local runtime only; it must never reach a bundle.
      // The large libraries ship beside the bundle instead of inside it (see above).
      external: ['better-sqlite3', ...SHIPPED],
    });
    const source = readFileSync(join(dest, 'index.js'), 'utf8');
    // Loaded by `import("<name>")` (a bare `"docx"` also appears as a file extension in mime tables).
    const ships = SHIPPED.filter(
      (name) => source.includes(`import("${name}")`) || source.includes(`require("${name}")`),
    );
    for (const name of ships) await ship(name, dest);
    const config = JSON.parse(readFileSync(join(src, 'config.json'), 'utf8')) as FunctionConfig;
    const devtoolsConfig = {
      permissions: config.permissions ?? { openapi: [] },
      triggers: config.triggers ?? [],
    };
    writeFileSync(join(dest, 'config.json'), JSON.stringify(devtoolsConfig, null, 2) + '\n');
    writeFileSync(
      join(dest, 'package.json'),
      JSON.stringify(
        { name, version: '1.0.0', private: true, main: 'index.js', dependencies: {} },
        null,
        2,
      ) + '\n',
    );
    bundles.push({
      name,
      bytes: statSync(join(dest, 'index.js')).size,
      config,
      ships,
      inputs: inputBytes(built.metafile),
    });
  }
  return bundles;
}

/** Each input's bytes in the (single) output of a build. */
export function inputBytes(meta: Metafile): Record<string, number> {
  const out = Object.values(meta.outputs)[0]!;
  return Object.fromEntries(Object.entries(out.inputs).map(([f, v]) => [f, v.bytesInOutput]));
}

async function main(): Promise<void> {
  const bundles = await bundleFunctions(join(OUT, 'cloudfunctions'));
  const cliFunctions = bundles.map(({ name, config }) => ({
    name,
    handler: 'index.main',
    installDependency: false,
    ...config.deploy,
    triggers: config.triggers ?? [],
  }));

  writeFileSync(
    join(OUT, 'cloudbaserc.json'),
    JSON.stringify(
      { envId: '{{env.TCB_ENV}}', functionRoot: './cloudfunctions', functions: cliFunctions },
      null,
      2,
    ) + '\n',
  );
  mkdirSync(join(OUT, 'database'), { recursive: true });
  writeFileSync(
    join(OUT, 'database', 'indexes.json'),
    JSON.stringify(cloudbaseIndexes(), null, 2) + '\n',
  );
  copyFileSync(
    join('cloudfunctions', 'store', 'cloudbase-security-rules.json'),
    join(OUT, 'database', 'security-rules.json'),
  );

  console.log('Cloud function bundles (build/cloudfunctions):');
  for (const { name, bytes } of bundles)
    console.log(`  ${name.padEnd(16)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
  console.log(
    `Collections and indexes: build/database/indexes.json (${Object.keys(COLLECTIONS).length} collections)`,
  );
}

/** The manifest in the shape of CloudBase's console / management API: one entry per index. */
function cloudbaseIndexes() {
  return Object.entries(COLLECTIONS).map(([collection, specs]) => ({
    collection,
    indexes: specs.map((s) => ({
      name: s.name,
      unique: Boolean(s.unique),
      keys: s.fields.map(([field, dir]) => ({
        name: field,
        direction: dir === 'asc' ? '1' : '-1',
      })),
    })),
  }));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
