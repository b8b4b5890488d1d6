import type { Page } from '../../typings/contracts/envelope';
import type { ProposalSummary, SimilarProposal } from '../../typings/contracts/proposals';
import type { ProposalDoc } from '../../cloudfunctions/modules/proposals/model';
import {
  cosine,
  norm,
  similarityIndex,
  SimilarityIndex,
  vectorOf,
} from '../../cloudfunctions/modules/proposals/similarity';
import { ORIGINAL, proposalCorpus, REPHRASED } from '../../scripts/bench/proposal-corpus';
import {
  labelledId,
  labelledProposal,
  PAIRS,
  TEXTS,
  type TextKey,
} from '../../scripts/bench/similarity-pairs';
import { makeHarness, type Harness } from '../support/harness';

/** The review queue's threshold (`reviewQueue` in review.ts); the member's panel shows from 0.2. */
const REVIEW = 0.3;

type Queue = Page<ProposalSummary & { similar: SimilarProposal[] }>;

describe('similar proposals', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    const corpus = proposalCorpus(2000);
    const original: ProposalDoc = {
      ...corpus[0]!,
      _id: 'pp_original',
      number: '2025-0042',
      year: 2025,
      ...ORIGINAL,
    };
    await h.store.transaction(async (tx) => {
      for (const p of [...corpus.slice(1), original]) await tx.insert('proposals', p);
    });
  });
  afterAll(() => h.close());

  it('finds a rephrased duplicate among 2,000 proposals, first', async () => {
    const res = await h.ok<{ items: Array<{ id: string; number: string; score: number }> }>(
      'demo-member-01',
      'proposals.findSimilar',
      REPHRASED,
    );
    expect(res.items[0]).toMatchObject({ id: 'pp_original', number: '2025-0042' });
    expect(res.items[0]!.score).toBeGreaterThan((res.items[1]?.score ?? 0) + 0.05);
  });

  it('finds nothing for an unrelated issue', async () => {
    const res = await h.ok<{ items: unknown[] }>('demo-member-01', 'proposals.findSimilar', {
      title: '关于开通城际量子通信网络的设想',
      text: '量子密钥分发',
    });
    expect(res.items).toEqual([]);
  });

  it('scores identical text 1 and disjoint text 0', () => {
    const a = vectorOf('加装电梯', '老旧小区');
    const b = vectorOf('量子通信', '卫星网络');
    expect(cosine(a, norm(a), a, norm(a))).toBeCloseTo(1);
    expect(cosine(a, norm(a), b, norm(b))).toBe(0);
  });
});

describe('similar proposals: the words every proposal shares carry no score', () => {
  let h: Harness;
  const road = labelledId('ruralRoad');
  const roadAgain = labelledId('ruralRoad2');
  const lift = labelledId('elevator');
  beforeAll(async () => {
    h = await makeHarness();
    // The 2,000 proposals of the bench and the labelled texts, all accepted, but the rural-road
    // proposal, which waits in the review queue (submitted before any other, so first).
    const corpus = proposalCorpus(2000);
    await h.store.transaction(async (tx) => {
      for (const p of corpus) await tx.insert('proposals', p);
      for (const k of Object.keys(TEXTS) as TextKey[]) {
        const p = labelledProposal(k, corpus[1]!);
        await tx.insert(
          'proposals',
          k === 'ruralRoad'
            ? { ...p, status: 'submitted', number: null, submittedAt: '2021-01-04T02:00:00.000Z' }
            : p,
        );
      }
    });
  });
  afterAll(() => h.close());

  /** The member's panel while editing (`excludeId`: the proposal being edited). */
  const panel = async (title: string, text: string, excludeId?: string) =>
    (
      await h.ok<{ items: SimilarProposal[] }>('demo-staff', 'proposals.findSimilar', {
        title,
        text,
        excludeId,
        limit: 20,
      })
    ).items;

  it('does not take a rural-road proposal for an elevator one because both say “关于加快推进…的建议”', async () => {
    expect(TEXTS.ruralRoad.title).toMatch(/^关于加快推进.+的建议$/);
    expect(TEXTS.elevator.title).toMatch(/^关于加快推进.+的建议$/);
    const queue = await h.ok<Queue>('demo-staff', 'proposals.reviewQueue', { pageSize: 100 });
    const waiting = queue.items.find((p) => p.id === road)!;
    expect(waiting.similar.map((s) => s.id)).not.toContain(lift);
    // Not even in the member's panel, which shows weaker matches (from 0.2), either way round.
    expect(
      (await panel(TEXTS.ruralRoad.title, TEXTS.ruralRoad.text, road)).map((s) => s.id),
    ).not.toContain(lift);
    expect(
      (await panel(TEXTS.elevator.title, TEXTS.elevator.text, lift)).map((s) => s.id),
    ).not.toContain(road);
    const score = await similarityIndex(h.store).compare(
      { title: TEXTS.ruralRoad.title, body: TEXTS.ruralRoad.text },
      { title: TEXTS.elevator.title, body: TEXTS.elevator.text },
    );
    expect(score).toBeLessThan(0.1);
  });

  it('shows the same rural-road issue, rephrased under another frame, above the threshold and first', async () => {
    const queue = await h.ok<Queue>('demo-staff', 'proposals.reviewQueue', { pageSize: 100 });
    const waiting = queue.items.find((p) => p.id === road)!;
    expect(waiting.similar[0]).toMatchObject({ id: roadAgain, status: 'accepted' });
    expect(waiting.similar[0]!.score).toBeGreaterThanOrEqual(REVIEW);
    // Only proposals on rural roads cross the review threshold.
    expect(waiting.similar.map((s) => s.id)).toEqual([roadAgain]);
    // And the other way round, in the panel: the rephrasing finds the waiting one first.
    const found = await panel(TEXTS.ruralRoad2.title, TEXTS.ruralRoad2.text, roadAgain);
    expect(found[0]).toMatchObject({ id: road });
    expect(found[0]!.score).toBeGreaterThanOrEqual(REVIEW);
  });

  it('finds nothing for a text of stop-words only', async () => {
    expect(
      await panel('关于进一步加快推进我市相关工作的建议', '建议加强和完善有关工作，切实推动落实。'),
    ).toEqual([]);
    expect(await panel('关于加强和完善的提案', '')).toEqual([]);
  });

  it('keeps to the labelled pairs: what it flags at 0.3 is the same issue, and it flags most of them', async () => {
    const index = similarityIndex(h.store);
    let flagged = 0;
    let rightly = 0;
    let similar = 0;
    for (const pair of PAIRS) {
      const a = TEXTS[pair.a];
      const b = TEXTS[pair.b];
      const score = await index.compare(
        { title: b.title, body: b.text },
        { title: a.title, body: a.text },
      );
      if (pair.similar) similar++;
      if (score >= REVIEW) {
        flagged++;
        if (pair.similar) rightly++;
      }
    }
    expect(PAIRS.length).toBeGreaterThanOrEqual(100);
    // Measured: precision 1.0, recall 0.91 (npm run bench -- similarity).
    expect(rightly / flagged).toBeGreaterThanOrEqual(0.95);
    expect(rightly / similar).toBeGreaterThanOrEqual(0.85);
  });

  it('sees a proposal submitted through another instance within the cache age, and drops one withdrawn at once', async () => {
    let now = 0;
    const index = new SimilarityIndex(h.store, { maxAgeMs: 5000, now: () => now });
    const text = {
      title: '关于建设城市应急避难场所的建议',
      body: '避难场所数量少、标识不清，地震应急避难场所缺少物资储备。',
    };
    expect(await index.search(text.title, text.body, { limit: 5, minScore: REVIEW })).toEqual([]);
    const p: ProposalDoc = {
      ...labelledProposal('ruralRoad2', proposalCorpus(1)[0]!),
      _id: 'pp_shelters',
      clientDraftId: 'shelters',
      title: text.title,
      cause: text.body,
      suggestion: '建议按人口密度规划应急避难场所，完善标识和物资储备。',
      submittedAt: '2026-03-02T02:00:00.000Z',
    };
    await h.store.insert('proposals', p);
    now = 4999;
    expect(await index.search(text.title, text.body, { limit: 5, minScore: REVIEW })).toEqual([]);
    now = 5000;
    expect(
      (await index.search(text.title, text.body, { limit: 5, minScore: REVIEW }))[0],
    ).toMatchObject({
      id: 'pp_shelters',
    });
    await h.store.update('proposals', 'pp_shelters', {
      set: { status: 'draft', submittedAt: null },
    });
    expect(await index.search(text.title, text.body, { limit: 5, minScore: REVIEW })).toEqual([]);
  });
});
