import type { OpinionDetail } from '../../typings/contracts/opinions';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  title: '关于农村生活污水治理的情况反映',
  body: '部分行政村生活污水仍直排河沟，夏季异味明显，群众意见较大。建议加快管网建设，因地制宜建设小型处理设施，并落实日常运维责任和经费保障。',
};

/** 代录 of opinion reports: staff enter, the member confirms (or the office for them). */
describe('opinion reports entered for a member (代录)', () => {
  let h: Harness;
  let member: MemberDoc;
  let n = 0;
  beforeEach(async () => {
    h = await makeHarness();
    member = (
      await h.store.find<MemberDoc>('members', { where: { openid: 'demo-member-04' } })
    )[0]!;
  });
  afterEach(() => h.close());

  const entered = async (over: object = {}) => {
    const d = await h.ok<OpinionDetail>('demo-staff', 'opinions.saveDraft', {
      clientDraftId: `entered-opinion-${++n}`,
      revision: 1,
      onBehalfOf: member._id,
      ...TEXT,
      ...over,
    });
    return h.ok<OpinionDetail>('demo-staff', 'opinions.submit', { opinionId: d.id });
  };
  const points = async () =>
    (await h.store.find<EntryDoc>('point_entries', { where: { memberId: member._id } })).map(
      (e) => e.event,
    );
  const told = (kind: string) =>
    h.store.find<{ _id: string; memberId: string }>('outbox', { where: { kind } });

  it('stands in the member’s name, waits for them, and scores only once they confirm', async () => {
    const o = await entered();
    expect(o).toMatchObject({
      status: 'confirming',
      authorId: member._id,
      authorName: member.name,
      enteredBy: '办公室小周',
      can: { confirmEntry: true, edit: false, submit: false },
    });
    expect((await told('opinion.entry')).map((t) => t.memberId)).toEqual([member._id]);
    expect(await points()).toEqual([]);
    // Not in the office's queue yet: in the queue of entries waiting for members.
    const q = (status: string) =>
      h.ok<{ items: Array<{ id: string }> }>('demo-staff', 'opinions.reviewQueue', { status });
    expect((await q('submitted')).items).toEqual([]);
    expect((await q('confirming')).items.map((i) => i.id)).toEqual([o.id]);

    const seen = await h.ok<OpinionDetail>('demo-member-04', 'opinions.get', { opinionId: o.id });
    expect(seen.can).toMatchObject({ confirmEntry: true, edit: false });
    const done = await h.ok<OpinionDetail>('demo-member-04', 'opinions.confirmEntry', {
      opinionId: o.id,
      accept: true,
    });
    expect(done).toMatchObject({ status: 'submitted', can: { confirmEntry: false } });
    expect(done.timeline.map((t) => t.action)).toEqual([
      '工作人员代录，待委员确认',
      '委员确认代录的信息',
    ]);
    expect(await points()).toEqual(['opinion.submitted']);
    expect((await q('submitted')).items.map((i) => i.id)).toEqual([o.id]);
  });

  it('is confirmed only by its member, or by the office with a note; only the member sends it back', async () => {
    const o = await entered();
    for (const other of ['demo-member-01', 'demo-member-02'])
      expect(
        (await h.err(other, 'opinions.confirmEntry', { opinionId: o.id, accept: true })).code,
      ).toBe('OPINION.NOT_FOUND');
    // The office: never a return, and a confirmation says how the member agreed.
    expect(
      await h.err('demo-staff', 'opinions.confirmEntry', {
        opinionId: o.id,
        accept: false,
        note: '退回',
      }),
    ).toMatchObject({ code: 'OPINION.WRONG_STATE', message: '退回只能由委员本人操作' });
    expect(
      await h.err('demo-staff', 'opinions.confirmEntry', { opinionId: o.id, accept: true }),
    ).toMatchObject({ code: 'REQUEST.INVALID', message: '请说明委员是如何确认的' });
    expect(await points()).toEqual([]);
    const done = await h.ok<OpinionDetail>('demo-staff', 'opinions.confirmEntry', {
      opinionId: o.id,
      accept: true,
      note: '委员无智能手机，电话确认同意报送',
    });
    expect(done.status).toBe('submitted');
    expect(done.timeline.at(-1)).toMatchObject({
      action: '工作人员代委员确认',
      note: '委员无智能手机，电话确认同意报送',
    });
    expect(await points()).toEqual(['opinion.submitted']);
    // Once confirmed, there is nothing left to confirm.
    expect(
      (await h.err('demo-member-04', 'opinions.confirmEntry', { opinionId: o.id, accept: true }))
        .code,
    ).toBe('OPINION.WRONG_STATE');
  });

  it('goes back to the office as a draft when the member returns it with a reason', async () => {
    const o = await entered();
    expect(
      await h.err('demo-member-04', 'opinions.confirmEntry', { opinionId: o.id, accept: false }),
    ).toMatchObject({ code: 'REQUEST.INVALID', message: '请说明退回的原因' });
    const back = await h.ok<OpinionDetail>('demo-member-04', 'opinions.confirmEntry', {
      opinionId: o.id,
      accept: false,
      note: '第二段数据需要更正',
    });
    expect(back.status).toBe('draft');
    expect(back.can).toMatchObject({ edit: false, submit: false }); // the office's draft to fix
    expect(await h.err('demo-member-04', 'opinions.submit', { opinionId: o.id })).toMatchObject({
      code: 'OPINION.WRONG_STATE',
    });
    expect((await told('opinion.entryReturned')).map((t) => t.memberId)).toEqual([
      (await h.store.find<MemberDoc>('members', { where: { openid: 'demo-staff' } }))[0]!._id,
    ]);
    // The office corrects it (same device draft) and sends it again.
    const fixed = await h.ok<OpinionDetail>('demo-staff', 'opinions.saveDraft', {
      clientDraftId: `entered-opinion-${n}`,
      revision: 2,
      onBehalfOf: member._id,
      ...TEXT,
    });
    expect(fixed.can).toMatchObject({ edit: true, submit: true });
    const again = await h.ok<OpinionDetail>('demo-staff', 'opinions.submit', { opinionId: o.id });
    expect(again.status).toBe('confirming');
    expect(await points()).toEqual([]);
  });

  it('is only for staff, for an active member', async () => {
    expect(
      (
        await h.err('demo-member-01', 'opinions.saveDraft', {
          clientDraftId: 'entered-opinion-x1',
          revision: 1,
          onBehalfOf: member._id,
          ...TEXT,
        })
      ).code,
    ).toBe('AUTH.FORBIDDEN');
    const staff = (
      await h.store.find<MemberDoc>('members', { where: { openid: 'demo-staff' } })
    )[0]!;
    expect(
      (
        await h.err('demo-staff', 'opinions.saveDraft', {
          clientDraftId: 'entered-opinion-x2',
          revision: 1,
          onBehalfOf: staff._id,
          ...TEXT,
        })
      ).code,
    ).toBe('MEMBER.NOT_FOUND');
    // A member's own draft is still not the office's to read.
    const own = await h.ok<OpinionDetail>('demo-member-04', 'opinions.saveDraft', {
      clientDraftId: 'own-opinion-0001',
      revision: 1,
      ...TEXT,
    });
    expect((await h.err('demo-staff', 'opinions.get', { opinionId: own.id })).code).toBe(
      'OPINION.NOT_FOUND',
    );
    // The member submitting their own report goes straight to the office.
    const sent = await h.ok<OpinionDetail>('demo-member-04', 'opinions.submit', {
      opinionId: own.id,
    });
    expect(sent.status).toBe('submitted');
  });
});
