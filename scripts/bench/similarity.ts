import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimilarityIndex } from '../../cloudfunctions/modules/proposals/similarity';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { ORIGINAL, proposalCorpus, REPHRASED } from './proposal-corpus';

export interface SimilarityBenchResult {
  proposals: number;
  coldMs: number;
  perQueryMs: number;
  p99Ms: number;
  foundFirst: boolean;
}

/**
 * The similar-proposal panel: as a member types, each (debounced) keystroke asks for the most
 * similar of `count` proposals. Cold = the first query of a function instance (builds the index).
 */
export async function benchSimilarity(count = 2000): Promise<SimilarityBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-similar-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  try {
    const corpus = proposalCorpus(count);
    corpus[0] = { ...corpus[0]!, _id: 'pp_original', ...ORIGINAL };
    await store.transaction(async (tx) => {
      for (const p of corpus) await tx.insert('proposals', p);
    });
    const index = new SimilarityIndex(store);
    let t = performance.now();
    const first = await index.search(REPHRASED.title, REPHRASED.text, { limit: 5 });
    const coldMs = performance.now() - t;
    // Typing the rephrased title and text, one more character per query.
    const typed = REPHRASED.title + REPHRASED.text;
    const times: number[] = [];
    for (let i = 4; i <= typed.length; i += 3) {
      t = performance.now();
      await index.search(
        typed.slice(0, Math.min(i, REPHRASED.title.length)),
        typed.slice(REPHRASED.title.length, i),
        { limit: 5 },
      );
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return {
      proposals: count,
      coldMs,
      perQueryMs: times.reduce((s, x) => s + x, 0) / times.length,
      p99Ms: times[Math.floor(times.length * 0.99)]!,
      foundFirst: first[0]?.id === 'pp_original',
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
