import type { ProposalDoc } from '../../cloudfunctions/modules/proposals/model';
import { cosine, norm, vectorOf } from '../../cloudfunctions/modules/proposals/similarity';
import { ORIGINAL, proposalCorpus, REPHRASED } from '../../scripts/bench/proposal-corpus';
import { makeHarness, type Harness } from '../support/harness';

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
