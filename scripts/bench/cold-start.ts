import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleFunctions, inputBytes, NODE_BUNDLE } from '../build';

/** Targets (issue 13): a bundle's cold require at most 2× bare node; our code at most 300 KB. */
export const COLD_START = { maxRatio: 2, maxOwnBytes: 300 * 1024 };

export interface ColdStartRow {
  name: string;
  /** The bundle (our code and wx-server-sdk; exceljs ships beside it). */
  bytes: number;
  /** What the bundle holds from outside wx-server-sdk's closure (our code and our packages). */
  ownBytes: number;
  requireMs: number;
  ratio: number;
}

/** Wall time of `node <args>` in a fresh process, in ms. */
function wallMs(args: string[]): number {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const ROUNDS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Each function bundle as a new cloud instance loads it: `require` in a fresh Node process.
 * Each round times bare `node -e ''`, then the SDK alone and every bundle; a ratio is the median
 * over the rounds of its time against that round's bare node, so a shared machine's drift
 * cancels. Our share of a bundle is what its metafile puts in it from outside wx-server-sdk's
 * own closure (our modules, zod, dayjs...).
 */
export async function benchColdStart(): Promise<ColdStart> {
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-cold-'));
  try {
    const bundles = await bundleFunctions(join(dir, 'functions'));
    const sdkEntry = join(dir, 'sdk.js');
    writeFileSync(sdkEntry, "module.exports = require('wx-server-sdk');\n");
    const sdkBuild = await build({
      entryPoints: [sdkEntry],
      outfile: join(dir, 'sdk.bundle.js'),
      ...NODE_BUNDLE,
      metafile: true,
      logLevel: 'error',
      nodePaths: [join(__dirname, '..', '..', 'node_modules')],
    });
    const sdkBytes = statSync(join(dir, 'sdk.bundle.js')).size;
    const sdkInputs = new Set(Object.keys(inputBytes(sdkBuild.metafile)));
    const requireOf = (file: string) => ['-e', `require(${JSON.stringify(file)})`];
    const files = [
      join(dir, 'sdk.bundle.js'),
      ...bundles.map(({ name }) => join(dir, 'functions', name, 'index.js')),
    ];
    const bare: number[] = [];
    const times = files.map(() => [] as number[]);
    const ratios = files.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round++) {
      const b = wallMs(['-e', '']);
      bare.push(b);
      files.forEach((file, i) => {
        const ms = wallMs(requireOf(file));
        times[i]!.push(ms);
        ratios[i]!.push(ms / b);
      });
    }
    const rows = bundles.map(({ name, bytes, inputs }, i) => ({
      name,
      bytes,
      ownBytes: Object.entries(inputs)
        .filter(([f]) => !sdkInputs.has(f))
        .reduce((sum, [, n]) => sum + n, 0),
      requireMs: median(times[i + 1]!),
      ratio: median(ratios[i + 1]!),
    }));
    return {
      bareMs: median(bare),
      sdk: { bytes: sdkBytes, requireMs: median(times[0]!), ratio: median(ratios[0]!) },
      rows,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ColdStart {
  bareMs: number;
  /** wx-server-sdk bundled alone: the floor every function shares. */
  sdk: { bytes: number; requireMs: number; ratio: number };
  rows: ColdStartRow[];
}

export function printColdStart(r: ColdStart): boolean {
  console.log(
    `cold start: each function bundle required in a fresh Node process (bare node -e '': ${r.bareMs.toFixed(0)} ms; targets ≤ ${COLD_START.maxRatio}× and ≤ ${COLD_START.maxOwnBytes / 1024} KB of our code)`,
  );
  console.log(
    `  ${'SDK alone'.padEnd(10)} ${(r.sdk.bytes / 1024).toFixed(0).padStart(6)} KB                ${r.sdk.requireMs.toFixed(0).padStart(4)} ms  ${r.sdk.ratio.toFixed(2)}×  (wx-server-sdk bundled by itself and required whole)`,
  );
  let ok = true;
  for (const row of r.rows) {
    const over = row.ratio > COLD_START.maxRatio || row.ownBytes > COLD_START.maxOwnBytes;
    ok &&= !over;
    console.log(
      `  ${row.name.padEnd(10)} ${(row.bytes / 1024).toFixed(0).padStart(6)} KB (ours ${(row.ownBytes / 1024).toFixed(0).padStart(4)} KB)  ${row.requireMs.toFixed(0).padStart(4)} ms  ${row.ratio.toFixed(2)}×${over ? '  OVER' : ''}`,
    );
  }
  return ok;
}
