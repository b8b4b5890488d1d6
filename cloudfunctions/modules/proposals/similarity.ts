import type { SimilarProposal } from '../../../typings/contracts/proposals';
import type { DocumentStore } from '../../store/port';
import type { ProposalDoc } from './model';

/**
 * Chinese text similarity without an outside service: character bigrams (Chinese has no
 * spaces; bigrams catch most rephrasings of the same issue), weighted counts, cosine. The
 * title counts twice, since members title the same issue alike.
 */
export type Vector = Map<string, number>;

export function vectorOf(title: string, body: string): Vector {
  const v: Vector = new Map();
  const add = (text: string, weight: number) => {
    const chars = [...text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')];
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i]! + chars[i + 1]!;
      v.set(g, (v.get(g) ?? 0) + weight);
    }
  };
  add(title, 2);
  add(body, 1);
  return v;
}

export function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function cosine(a: Vector, an: number, b: Vector, bn: number): number {
  if (an === 0 || bn === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [g, x] of small) {
    const y = large.get(g);
    if (y) dot += x * y;
  }
  return dot / (an * bn);
}

/** What any member may see of others' proposals. */
const PUBLIC = new Set(['accepted', 'merged']);

interface Indexed {
  id: string;
  vector: Vector;
  norm: number;
}

/**
 * The vectors of every proposal past the draft stage, this and past sessions, kept per store
 * and rebuilt only when a proposal was submitted or changed status since the last build.
 */
export class SimilarityIndex {
  private built: { signature: string; items: Indexed[] } | null = null;

  constructor(private readonly store: DocumentStore) {}

  /**
   * The most similar proposals, best first, as the API shows them. Only the text vectors are
   * cached (a proposal's text no longer changes once submitted); status, number and who may see
   * a proposal are read fresh for the candidates.
   */
  async search(
    title: string,
    body: string,
    options: { excludeId?: string; limit: number; minScore?: number; visibleTo?: string },
  ): Promise<SimilarProposal[]> {
    const items = await this.items();
    const q = vectorOf(title, body);
    const qn = norm(q);
    const candidates = items
      .filter((i) => i.id !== options.excludeId)
      .map((i) => ({ id: i.id, score: cosine(q, qn, i.vector, i.norm) }))
      .filter((r) => r.score >= (options.minScore ?? 0.2))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit * 4);
    if (candidates.length === 0) return [];
    const docs = await this.store.find<ProposalDoc>('proposals', {
      where: { _id: { $in: candidates.map((c) => c.id) } },
    });
    const byId = new Map(docs.map((d) => [d._id, d]));
    return candidates
      .map((c) => ({ doc: byId.get(c.id), score: c.score }))
      .filter((r): r is { doc: ProposalDoc; score: number } =>
        Boolean(r.doc && r.doc.status !== 'draft'),
      )
      .filter(
        ({ doc }) =>
          !options.visibleTo || PUBLIC.has(doc.status) || doc.leadId === options.visibleTo,
      )
      .slice(0, options.limit)
      .map(({ doc, score }) => ({
        id: doc._id,
        number: doc.number,
        title: doc.title,
        status: doc.status,
        year: doc.year,
        leadName: doc.leadName,
        score: Math.round(score * 1000) / 1000,
      }));
  }

  /** Rebuilt when proposals arrive or leave review (the count of non-drafts or the latest change moves). */
  private async items(): Promise<Indexed[]> {
    const where = { status: { $ne: 'draft' } } as const;
    const [count, latest] = await Promise.all([
      this.store.count('proposals', where),
      this.store.find<ProposalDoc>('proposals', {
        where,
        orderBy: [['submittedAt', 'desc']],
        limit: 1,
      }),
    ]);
    const signature = `${count}|${latest[0]?.submittedAt ?? ''}|${latest[0]?._id ?? ''}`;
    if (this.built?.signature !== signature) {
      const docs = await this.store.find<ProposalDoc>('proposals', { where });
      const items = docs.map((d) => {
        const vector = vectorOf(d.title, `${d.cause}${d.suggestion}`);
        return { id: d._id, vector, norm: norm(vector) };
      });
      this.built = { signature, items };
    }
    return this.built.items;
  }
}

const indexes = new WeakMap<DocumentStore, SimilarityIndex>();

export function similarityIndex(store: DocumentStore): SimilarityIndex {
  let index = indexes.get(store);
  if (!index) {
    index = new SimilarityIndex(store);
    indexes.set(store, index);
  }
  return index;
}
