import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleFunctions, NODE_BUNDLE } from '../build';

/** Targets (issue 13): a bundle's cold require at most 2× bare node; our code at most 300 KB. */
export const COLD_START = { maxRatio: 2, maxOwnBytes: 300 * 1024 };

export interface ColdStartRow {
  name: string;
  /** The bundle (our code and wx-server-sdk; exceljs ships beside it). */
  bytes: number;
  /** The bundle without the SDK's share. */
  ownBytes: number;
  requireMs: number;
  ratio: number;
}

/** Median wall time of `node <args>` over `runs` fresh processes, in ms. */
function medianMs(args: string[], runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Each function bundle as a new cloud instance loads it: `require` in a fresh Node process,
 * against `node -e ''` measured in the same run. The SDK's share is the size of a bundle of
 * wx-server-sdk alone.
 */
export async function benchColdStart(): Promise<ColdStart> {
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-cold-'));
  try {
    const bundles = await bundleFunctions(join(dir, 'functions'));
    const sdkEntry = join(dir, 'sdk.js');
    writeFileSync(sdkEntry, "module.exports = require('wx-server-sdk');\n");
    await build({
      entryPoints: [sdkEntry],
      outfile: join(dir, 'sdk.bundle.js'),
      ...NODE_BUNDLE,
      logLevel: 'error',
      nodePaths: [join(__dirname, '..', '..', 'node_modules')],
    });
    const sdkBytes = statSync(join(dir, 'sdk.bundle.js')).size;
    const bareMs = medianMs(['-e', '']);
    const sdkMs = medianMs(['-e', `require(${JSON.stringify(join(dir, 'sdk.bundle.js'))})`]);
    const rows = bundles.map(({ name, bytes }) => {
      const file = join(dir, 'functions', name, 'index.js');
      const requireMs = medianMs(['-e', `require(${JSON.stringify(file)})`]);
      return {
        name,
        bytes,
        ownBytes: Math.max(0, bytes - sdkBytes),
        requireMs,
        ratio: requireMs / bareMs,
      };
    });
    return { bareMs, sdk: { bytes: sdkBytes, requireMs: sdkMs, ratio: sdkMs / bareMs }, rows };
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
    `  ${'SDK alone'.padEnd(10)} ${(r.sdk.bytes / 1024).toFixed(0).padStart(6)} KB                ${r.sdk.requireMs.toFixed(0).padStart(4)} ms  ${r.sdk.ratio.toFixed(2)}×  (wx-server-sdk, bundled by itself: the floor)`,
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
