import type { Page } from '../../typings/contracts/envelope';
import type {
  HandlingUnitView,
  ProposalDetail,
  ProposalSummary,
  WorkQueuePage,
} from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { SEARCH_TERMS_VERSION } from '../../cloudfunctions/kernel/search-terms';
import type { ProposalDoc } from '../../cloudfunctions/modules/proposals/model';
import { healProposalSearch } from '../../cloudfunctions/modules/proposals/search';
import { makeHarness, type Harness } from '../support/harness';

const PLAIN = {
  cause: '近年来我区人口持续增长，公共服务需求日益多样，现有设施布局仍有不足之处。',
  suggestion: '建议统筹规划，加大投入，完善相关配套设施建设，提升群众的获得感和满意度。',
};

describe('searching proposals (title, 案由, 建议, case number, proposer, units)', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let names: Record<string, string>;
  let unit: HandlingUnitView;
  let n = 0;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    const bound = all.filter((m) => m.openid);
    ids = Object.fromEntries(bound.map((m) => [m.openid!, m._id]));
    names = Object.fromEntries(bound.map((m) => [m.openid!, m.name]));
    unit = await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', {
      name: '区卫生健康局',
    });
  });
  afterEach(() => h.close());

  async function submitted(openid: string, fields: Partial<typeof PLAIN> & { title: string }) {
    const d = await h.ok<ProposalDetail>(openid, 'proposals.saveDraft', {
      clientDraftId: `search-${String(++n).padStart(6, '0')}`,
      revision: 1,
      category: '其他',
      ...PLAIN,
      ...fields,
    });
    return h.ok<ProposalDetail>(openid, 'proposals.submit', { proposalId: d.id });
  }
  async function accepted(openid: string, fields: Partial<typeof PLAIN> & { title: string }) {
    const s = await submitted(openid, fields);
    return h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: s.id,
      version: s.version,
    });
  }
  const search = (keyword: string, as = 'demo-member-06') =>
    h.ok<Page<ProposalSummary>>(as, 'proposals.listPublic', { keyword, pageSize: 20 });
  const titles = (page: Page<ProposalSummary>) => page.items.map((i) => i.title);

  it('finds by words of the title, 案由 or 建议, the proposer, the unit and the case number', async () => {
    const elderly = await accepted('demo-member-01', {
      title: '关于发展社区居家养老服务的建议',
    });
    const parking = await accepted('demo-member-02', {
      title: '关于缓解老城区停车难的建议',
      cause: '老城区道路狭窄，停车泊位严重不足，占道停车影响通行。',
    });
    const clinic = await accepted('demo-member-05', { title: '关于加强基层医疗服务能力的建议' });
    await h.ok('demo-staff', 'proposals.assign', {
      proposalId: clinic.id,
      version: clinic.version,
      mode: 'joint',
      units: [{ unitId: unit.id, role: 'lead' }],
    });

    expect(titles(await search('养老'))).toEqual([elderly.title]);
    expect(titles(await search('泊位'))).toEqual([parking.title]); // only in its 案由
    expect(titles(await search('卫生健康局'))).toEqual([clinic.title]); // its unit
    expect(titles(await search(names['demo-member-02']!))).toEqual([parking.title]);
    // A case number, padded or not, finds exactly that proposal.
    expect(titles(await search(parking.number!))).toEqual([parking.title]);
    const [year, no] = parking.number!.split('-');
    expect(titles(await search(`${year}-${Number(no)}`))).toEqual([parking.title]);
    // Full-width and Latin case are folded; several words must all be there.
    expect(titles(await search('养老　服务'))).toEqual([elderly.title]);
    expect(titles(await search('养老 停车'))).toEqual([]);
    expect(await search('，。')).toMatchObject({ items: [], total: 0 });
  });

  it('ranks more of the words, and words in the title, first', async () => {
    const inBody = await accepted('demo-member-01', {
      title: '关于完善城市公共设施的建议',
      suggestion: '建议在新建小区同步配建托育服务机构，扩大普惠托育服务供给。',
    });
    const inTitle = await accepted('demo-member-02', { title: '关于扩大普惠托育服务供给的建议' });
    const scattered = await accepted('demo-member-05', {
      title: '关于优化营商环境的建议',
      suggestion: '建议加强普惠金融服务，对托育等民生行业给予信贷支持，扩大供给。',
    });
    const found = await search('普惠托育服务');
    expect(titles(found)).toEqual([inTitle.title, inBody.title, scattered.title]);
    expect(found.total).toBe(3);
    // Paged within the ranking.
    const second = await h.ok<Page<ProposalSummary>>('demo-member-06', 'proposals.listPublic', {
      keyword: '普惠托育服务',
      page: 2,
      pageSize: 2,
    });
    expect(titles(second)).toEqual([scattered.title]);
  });

  it('shows members only what is public; the office’s queue shows its own', async () => {
    const open = await accepted('demo-member-01', { title: '关于保护古树名木的建议' });
    await submitted('demo-member-02', { title: '关于古树名木普查的建议' });
    await h.ok('demo-member-05', 'proposals.saveDraft', {
      clientDraftId: 'search-draft-000001',
      revision: 1,
      title: '关于古树名木养护的建议',
      category: '其他',
      ...PLAIN,
    });
    for (const who of ['demo-member-02', 'demo-member-05', 'demo-staff'])
      expect(titles(await search('古树名木', who))).toEqual([open.title]);
    const queue = await h.ok<WorkQueuePage>('demo-staff', 'proposals.workQueue', {
      queue: 'unassigned',
      keyword: '古树名木',
    });
    expect(queue.items.map((i) => i.id)).toEqual([open.id]);
  });

  it('keeps the terms with every change, and the timer gives older proposals theirs', async () => {
    const p = await accepted('demo-member-01', { title: '关于建设口袋公园的建议' });
    const stored = (await h.store.get<ProposalDoc>('proposals', p.id))!;
    expect(stored.searchV).toBe(SEARCH_TERMS_VERSION);
    expect(stored.searchTerms).toEqual(expect.arrayContaining(['口袋', '公园', `#${p.number}`]));

    // Written before terms were kept: not found until the timer has filled them in.
    for (let i = 0; i < 3; i++) {
      const old = await accepted('demo-member-02', { title: `关于口袋公园管护的建议（${i}）` });
      await h.store.update('proposals', old.id, { unset: ['searchTerms', 'searchV'] });
    }
    expect((await search('口袋公园')).total).toBe(1);
    expect(await healProposalSearch(h.services, 2)).toBe(2); // bounded per run
    expect(await healProposalSearch(h.services, 2)).toBe(1);
    expect(await healProposalSearch(h.services, 2)).toBe(0);
    expect((await search('口袋公园')).total).toBe(4);
    const healed = (await h.store.get<ProposalDoc>('proposals', p.id))!;
    expect(healed.version).toBe(stored.version); // healing is not a change
    expect(ids).toBeDefined();
  });
});
