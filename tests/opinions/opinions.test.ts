import type { Page } from '../../typings/contracts/envelope';
import type { OpinionDetail, OpinionSummary } from '../../typings/contracts/opinions';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { makeHarness, type Harness } from '../support/harness';

const BODY =
  '近期多名家长反映，城区部分学校周边上下学时段交通拥堵严重，人车混行，存在较大安全隐患。建议交警部门在上下学高峰时段增派警力，设置护学岗和临时停车区，学校错峰放学。';

describe('opinion reports (社情民意)', () => {
  let h: Harness;
  let me: MemberDoc;
  beforeEach(async () => {
    h = await makeHarness();
    me = (await h.store.find<MemberDoc>('members', { where: { openid: 'demo-member-01' } }))[0]!;
  });
  afterEach(() => h.close());

  const submitted = async (revision = 1) => {
    const d = await h.ok<OpinionDetail>('demo-member-01', 'opinions.saveDraft', {
      clientDraftId: 'opinion-draft-01',
      revision,
      title: '关于校园周边交通安全的情况反映',
      body: BODY,
    });
    return h.ok<OpinionDetail>('demo-member-01', 'opinions.submit', { opinionId: d.id });
  };
  const events = async () =>
    (
      await h.store.find<EntryDoc>('point_entries', {
        where: { memberId: me._id },
        orderBy: [['seq', 'asc']],
      })
    ).map((e) => [e.event, e.points]);

  it('refuses reports from office staff who are not members, so they earn no points', async () => {
    const opinions = await h.store.count('opinions');
    const err = await h.err('demo-staff', 'opinions.saveDraft', {
      clientDraftId: 'staff-draft-0001',
      revision: 1,
      title: '关于校园周边交通安全的情况反映',
      body: BODY,
    });
    expect(err.code).toBe('OPINION.MEMBERS_ONLY');
    expect(await h.store.count('opinions')).toBe(opinions);
  });

  it('takes a draft, refuses an incomplete one, and submits once', async () => {
    const d = await h.ok<OpinionDetail>('demo-member-01', 'opinions.saveDraft', {
      clientDraftId: 'opinion-draft-01',
      revision: 1,
      title: '短',
      body: '太短',
    });
    expect((await h.err('demo-member-01', 'opinions.submit', { opinionId: d.id })).code).toBe(
      'OPINION.INCOMPLETE',
    );
    expect((await h.err('demo-member-02', 'opinions.get', { opinionId: d.id })).code).toBe(
      'OPINION.NOT_FOUND',
    );
    expect((await h.err('demo-staff', 'opinions.get', { opinionId: d.id })).code).toBe(
      'OPINION.NOT_FOUND',
    );
    const s = await submitted(2);
    await h.ok('demo-member-01', 'opinions.submit', { opinionId: s.id });
    expect(s).toMatchObject({ id: d.id, status: 'submitted' });
    expect(await events()).toEqual([['opinion.submitted', 20]]);
    expect(
      (
        await h.err('demo-member-01', 'opinions.saveDraft', {
          clientDraftId: 'opinion-draft-01',
          revision: 5,
          title: '改',
          body: BODY,
        })
      ).code,
    ).toBe('OPINION.NOT_EDITABLE');
  });

  it('lets staff edit (keeping the original), adopt into an issue, forward, record an instruction and feed back', async () => {
    const s = await submitted();
    expect(
      (
        await h.err('demo-member-02', 'opinions.adopt', {
          opinionId: s.id,
          version: s.version,
          issue: '2026 年第 5 期',
        })
      ).code,
    ).toBe('AUTH.FORBIDDEN');
    const edited = await h.ok<OpinionDetail>('demo-staff', 'opinions.edit', {
      opinionId: s.id,
      version: s.version,
      title: '关于加强校园周边交通安全管理的建议',
      body: BODY + '（编辑部修改）',
    });
    expect(edited.originalBody).toBe(BODY);
    const adopted = await h.ok<OpinionDetail>('demo-staff', 'opinions.adopt', {
      opinionId: s.id,
      version: edited.version,
      issue: '2026 年第 5 期',
    });
    expect(adopted).toMatchObject({
      status: 'adopted',
      issue: '2026 年第 5 期',
      highestLevel: 'committee',
    });
    const up = await h.ok<OpinionDetail>('demo-staff', 'opinions.forward', {
      opinionId: s.id,
      level: 'city',
      adopted: true,
    });
    expect(up.highestLevel).toBe('city');
    await h.ok('demo-staff', 'opinions.recordInstruction', {
      opinionId: s.id,
      level: 'city',
      leader: '市委副书记',
      text: '请市公安局研究落实。',
    });
    const done = await h.ok<OpinionDetail>('demo-staff', 'opinions.feedback', {
      opinionId: s.id,
      text: '市公安局已在 12 所学校周边设置护学岗。',
    });
    expect(done.feedback).toHaveLength(1);
    // Highest level only: committee 3, then city 5 (+2), then a city leader's instruction 8 (+3).
    expect(await events()).toEqual([
      ['opinion.submitted', 20],
      ['opinion.adopted.committee', 30],
      ['opinion.adopted.city', 20],
      ['opinion.instruction.city', 30],
    ]);
    expect(await h.store.count('outbox', { kind: 'opinion.update', memberId: me._id })).toBe(4);
    const mine = await h.ok<Page<OpinionSummary>>('demo-member-01', 'opinions.listMine', {});
    expect(mine.items[0]).toMatchObject({ status: 'adopted', issue: '2026 年第 5 期' });
  });

  it('declines with a reason, and refuses steps out of order', async () => {
    const s = await submitted();
    expect(
      (
        await h.err('demo-staff', 'opinions.forward', {
          opinionId: s.id,
          level: 'city',
          adopted: true,
        })
      ).code,
    ).toBe('OPINION.WRONG_STATE');
    const d = await h.ok<OpinionDetail>('demo-staff', 'opinions.decline', {
      opinionId: s.id,
      version: s.version,
      reason: '已有同类信息报送',
    });
    expect(d).toMatchObject({ status: 'declined', declineReason: '已有同类信息报送' });
    expect(
      (
        await h.err('demo-staff', 'opinions.adopt', {
          opinionId: s.id,
          version: d.version,
          issue: '第 6 期',
        })
      ).code,
    ).toBe('OPINION.WRONG_STATE');
    expect(
      (
        await h.err('demo-staff', 'opinions.adopt', {
          opinionId: s.id,
          version: 1,
          issue: '第 6 期',
        })
      ).code,
    ).toBe('OPINION.WRONG_STATE');
  });

  it('shows staff the queue', async () => {
    await submitted();
    const q = await h.ok<Page<OpinionSummary>>('demo-staff', 'opinions.reviewQueue', {});
    expect(q.items.map((o) => o.title)).toEqual(['关于校园周边交通安全的情况反映']);
  });
});
