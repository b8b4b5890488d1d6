import type { Page } from '../../typings/contracts/envelope';
import type { OpinionDetail, OpinionSummary } from '../../typings/contracts/opinions';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { OpinionDoc } from '../../cloudfunctions/modules/opinions/model';
import { healOpinionSearch } from '../../cloudfunctions/modules/opinions/search';
import { makeHarness, type Harness } from '../support/harness';

const FILLER =
  '据了解，相关情况在群众中反映较为集中，已持续一段时间，建议有关部门深入调研，研究解决办法，及时回应群众关切。';

describe('searching opinion reports (title, text, author, 期号)', () => {
  let h: Harness;
  let names: Record<string, string>;
  let n = 0;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    names = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m.name]));
  });
  afterEach(() => h.close());

  async function submitted(openid: string, title: string, body = '') {
    const d = await h.ok<OpinionDetail>(openid, 'opinions.saveDraft', {
      clientDraftId: `opinion-search-${++n}`,
      revision: 1,
      title,
      body: `${body}${FILLER}`,
    });
    return h.ok<OpinionDetail>(openid, 'opinions.submit', { opinionId: d.id });
  }
  const mine = (keyword: string, as = 'demo-member-01') =>
    h.ok<Page<OpinionSummary>>(as, 'opinions.listMine', { keyword });
  const queue = (keyword: string, status = 'submitted') =>
    h.ok<Page<OpinionSummary>>('demo-staff', 'opinions.reviewQueue', { keyword, status });
  const titles = (page: Page<OpinionSummary>) => page.items.map((i) => i.title);

  it('finds a member’s own reports by their words, and no one else’s', async () => {
    const a = await submitted('demo-member-01', '关于农贸市场环境卫生的情况反映');
    const b = await submitted('demo-member-01', '关于老旧小区加装电梯的建议', '电梯加装进度缓慢。');
    await submitted('demo-member-02', '关于农贸市场摊位费上涨的反映');
    expect(titles(await mine('农贸市场'))).toEqual([a.title]);
    expect(titles(await mine('进度缓慢'))).toEqual([b.title]); // in its text only
    expect(titles(await mine('农贸市场', 'demo-member-02'))).toEqual([
      '关于农贸市场摊位费上涨的反映',
    ]);
    expect(await mine('无关词语')).toMatchObject({ items: [], total: 0 });
    // Without words, the list as before.
    expect(
      (await h.ok<Page<OpinionSummary>>('demo-member-01', 'opinions.listMine', {})).total,
    ).toBe(2);
  });

  it('lets the office search its queue by words, author and 期号, ranked', async () => {
    const inTitle = await submitted('demo-member-01', '关于规范共享单车停放的建议');
    const inBody = await submitted(
      'demo-member-02',
      '关于城市交通管理的情况反映',
      '共享单车停放无序。',
    );
    expect(titles(await queue('共享单车停放'))).toEqual([inTitle.title, inBody.title]);
    expect(titles(await queue(names['demo-member-02']!))).toEqual([inBody.title]);

    const adopted = await h.ok<OpinionDetail>('demo-staff', 'opinions.adopt', {
      opinionId: inTitle.id,
      version: inTitle.version,
      issue: '2026 年第 7 期',
    });
    expect(titles(await queue('第 7 期', 'adopted'))).toEqual([adopted.title]);
    expect(titles(await queue('共享单车', 'submitted'))).toEqual([inBody.title]);
    // The office's edit of the text is searched by, not the words it replaced.
    const edited = await h.ok<OpinionDetail>('demo-staff', 'opinions.edit', {
      opinionId: inBody.id,
      version: inBody.version,
      title: '关于加强非机动车管理的情况反映',
      body: `电动自行车乱停乱放。${FILLER}`,
    });
    expect(titles(await queue('共享单车'))).toEqual([]);
    expect(titles(await queue('电动自行车'))).toEqual([edited.title]);
  });

  it('the timer gives reports written before terms were kept their terms', async () => {
    const a = await submitted('demo-member-01', '关于公园夜间照明的建议');
    await h.store.update('opinions', a.id, { unset: ['searchTerms', 'searchV'] });
    expect((await mine('夜间照明')).total).toBe(0);
    expect(await healOpinionSearch(h.services)).toBe(1);
    expect(await healOpinionSearch(h.services)).toBe(0);
    expect(titles(await mine('夜间照明'))).toEqual([a.title]);
    expect((await h.store.get<OpinionDoc>('opinions', a.id))!.version).toBe(a.version);
  });
});
