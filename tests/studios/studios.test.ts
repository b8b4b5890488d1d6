import type { MemberYearRecord } from '../../typings/contracts/ledger';
import type { OpinionDetail } from '../../typings/contracts/opinions';
import type { ProposalDetail } from '../../typings/contracts/proposals';
import type {
  ConsultationDetail,
  MatterView,
  StudioDetail,
  StudioOverview,
} from '../../typings/contracts/studios';
import type { Page } from '../../typings/contracts/envelope';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { makeHarness, type Harness } from '../support/harness';

const STAFF = 'demo-staff';
const HOST = 'demo-member-01';
const MEMBER = 'demo-member-02';
const OUTSIDER = 'demo-member-04';
/** A resident: a WeChat account bound to no member. */
const RESIDENT = 'resident-openid-0001';
const NEIGHBOUR = 'resident-openid-0002';

const CAUSE_WORDS = '小区加装电梯涉及底层住户利益，居民意见不一，需要协商解决资金分摊和施工安排。';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const idOf = async (openid: string) =>
  (await h.ok<{ id: string }>(openid, 'members.getMyProfile', {})).id;
const studioPoints = async (openid: string) =>
  (await h.ok<MemberYearRecord>(openid, 'ledger.getMyRecord', {})).categories.find(
    (c) => c.id === 'studio',
  )!.points;

async function aStudio(): Promise<StudioDetail> {
  return h.ok<StudioDetail>(STAFF, 'studios.saveStudio', {
    name: '和平街道委员工作室',
    theme: '老旧小区改造',
    address: '和平街道社区服务中心二楼',
    hours: '每周三下午',
    hostId: await idOf(HOST),
    memberIds: [await idOf(MEMBER)],
  });
}

const raise = (studioId: string, openid = RESIDENT, extra: object = {}) =>
  h.ok<MatterView>(openid, 'studios.raiseMatter', {
    studioId,
    topic: '加装电梯',
    description: '我们楼是 1985 年的老楼，住着很多老人，希望加装电梯。',
    contactName: '张阿姨',
    contactPhone: '13900000000',
    ...extra,
  });

async function aConsultation(studioId: string, extra: object = {}) {
  return h.ok<ConsultationDetail>(HOST, 'studios.saveConsultation', {
    studioId,
    topic: '老楼加装电梯',
    source: 'matter',
    date: '2026-03-01',
    place: '社区议事厅',
    hostMemberId: await idOf(HOST),
    memberIds: [await idOf(MEMBER)],
    residents: 12,
    officials: 2,
    issues: CAUSE_WORDS,
    outcomes: [
      { text: '由街道牵头统计意愿，制定资金分摊方案', unit: '和平街道', deadline: '2026-03-20' },
    ],
    ...extra,
  });
}

describe('委员工作室: from a resident’s matter to a proposal', () => {
  it('a resident raises a matter, the host logs it, an outcome becomes a proposal the log follows', async () => {
    const studio = await aStudio();
    // Anyone may read the public page and raise a matter; only workers see what waits.
    const pub = await h.ok<StudioDetail>(RESIDENT, 'studios.getStudio', { studioId: studio.id });
    expect(pub).toMatchObject({
      name: '和平街道委员工作室',
      pendingMatters: 0,
      can: { work: false },
    });
    const matter = await raise(studio.id);
    expect(matter).toMatchObject({ status: 'pending', mine: true, contactPhone: null });
    expect(
      (await h.ok<StudioDetail>(HOST, 'studios.getStudio', { studioId: studio.id })).pendingMatters,
    ).toBe(1);

    // The host sees the contact; the neighbour sees nothing of it.
    const seen = await h.ok<MatterView>(HOST, 'studios.getMatter', { matterId: matter.id });
    expect(seen).toMatchObject({ contactPhone: '13900000000', can: { triage: true } });
    expect((await h.err(NEIGHBOUR, 'studios.getMatter', { matterId: matter.id })).code).toBe(
      'STUDIO.MATTER_NOT_FOUND',
    );
    expect(await h.ok<MatterView[]>(NEIGHBOUR, 'studios.myMatters', {})).toEqual([]);

    // The host plans a consultation taking the matter in; held, it scores host and member.
    let c = await aConsultation(studio.id, { matterIds: [matter.id] });
    expect(c).toMatchObject({ status: 'planned', matters: [{ id: matter.id, topic: '加装电梯' }] });
    expect(
      (await h.ok<MatterView>(RESIDENT, 'studios.getMatter', { matterId: matter.id })).status,
    ).toBe('merged');
    expect(await studioPoints(HOST)).toBe(0);
    c = await h.ok<ConsultationDetail>(HOST, 'studios.holdConsultation', {
      consultationId: c.id,
      version: c.version,
    });
    expect(c.status).toBe('followingUp');
    expect(await studioPoints(HOST)).toBe(3);
    expect(await studioPoints(MEMBER)).toBe(1);
    // Saving the held log again changes nothing: the points land once.
    const kept = c.outcomes.map(({ id, text, unit, deadline }) => ({ id, text, unit, deadline }));
    c = await aConsultation(studio.id, {
      consultationId: c.id,
      matterIds: [matter.id],
      outcomes: kept,
    });
    expect(c.outcomes.map((o) => o.id)).toEqual(kept.map((o) => o.id));
    expect(await studioPoints(HOST)).toBe(3);

    // The member present turns the outcome into a proposal draft, linked both ways.
    const outcome = c.outcomes[0]!;
    const started = await h.ok<{ kind: string; draftId: string; clientDraftId: string }>(
      MEMBER,
      'studios.startDraft',
      {
        consultationId: c.id,
        outcomeId: outcome.id,
        kind: 'proposal',
        clientDraftId: 'studio-draft-0001',
      },
    );
    const draft = await h.ok<ProposalDetail>(MEMBER, 'proposals.get', {
      proposalId: started.draftId,
    });
    expect(draft).toMatchObject({ status: 'draft', title: '关于老楼加装电梯的建议' });
    expect(draft.suggestion).toBe('由街道牵头统计意愿，制定资金分摊方案');
    expect(draft.timeline[0]).toMatchObject({ action: '由委员工作室协商成果形成草稿' });
    // Asking again gives the same draft.
    expect(
      await h.ok(MEMBER, 'studios.startDraft', {
        consultationId: c.id,
        outcomeId: outcome.id,
        kind: 'proposal',
        clientDraftId: 'studio-draft-0002',
      }),
    ).toEqual(started);

    // The member goes on in the editor (the same id, from the phone's draft id) and submits.
    const saved = await h.ok<ProposalDetail>(MEMBER, 'proposals.saveDraft', {
      clientDraftId: 'studio-draft-0001',
      revision: 2,
      title: draft.title,
      category: '城乡建设',
      cause: `${draft.cause}${CAUSE_WORDS}`,
      suggestion: `${draft.suggestion}，并由区财政给予补贴。`,
    });
    expect(saved.id).toBe(started.draftId);
    const submitted = await h.ok<ProposalDetail>(MEMBER, 'proposals.submit', {
      proposalId: saved.id,
    });
    let log = await h.ok<ConsultationDetail>(HOST, 'studios.getConsultation', {
      consultationId: c.id,
    });
    expect(log.outcomes[0]!.drafts).toEqual([
      expect.objectContaining({ kind: 'proposal', id: saved.id, authorName: expect.any(String) }),
    ]);
    const before = log.outcomes[0]!.drafts[0]!.statusLabel;
    await h.ok(STAFF, 'proposals.accept', { proposalId: submitted.id, version: submitted.version });
    log = await h.ok<ConsultationDetail>(HOST, 'studios.getConsultation', { consultationId: c.id });
    expect(log.outcomes[0]!.drafts[0]!.statusLabel).not.toBe(before);
    // An accepted proposal from a studio outcome scores for its lead.
    expect(await studioPoints(MEMBER)).toBe(1 + 3);

    // The resident reads what became of the matter; closing the log tells them the feedback.
    const followed = await h.ok<MatterView>(RESIDENT, 'studios.getMatter', { matterId: matter.id });
    expect(followed.became).toEqual([expect.objectContaining({ kind: 'proposal' })]);
    await h.ok(HOST, 'studios.addFollowUp', {
      consultationId: c.id,
      outcomeId: outcome.id,
      text: '街道已完成意愿统计，方案报区住建局',
      done: true,
    });
    log = await h.ok<ConsultationDetail>(HOST, 'studios.getConsultation', { consultationId: c.id });
    expect(log.status).toBe('held');
    await h.ok(HOST, 'studios.closeConsultation', {
      consultationId: c.id,
      version: log.version,
      feedback: '已形成提案并立案，街道正在推进加装',
    });
    const told = await h.ok<MatterView>(RESIDENT, 'studios.getMatter', { matterId: matter.id });
    expect(told.consultation).toMatchObject({ feedback: '已形成提案并立案，街道正在推进加装' });
    expect(told.progress.at(-1)!.text).toContain('协商已办结');
  });
});

describe('委员工作室: who may do what', () => {
  it('only the host, the studio’s members and staff change its records', async () => {
    const studio = await aStudio();
    const c = await aConsultation(studio.id);
    const matter = await raise(studio.id);
    for (const [openid, action, payload] of [
      [OUTSIDER, 'studios.saveConsultation', { studioId: studio.id, topic: '别的议题' }],
      [OUTSIDER, 'studios.listMatters', { studioId: studio.id }],
      [OUTSIDER, 'studios.holdConsultation', { consultationId: c.id, version: c.version }],
      [OUTSIDER, 'studios.deleteConsultation', { consultationId: c.id }],
      [OUTSIDER, 'studios.studioCode', { studioId: studio.id }],
      [
        MEMBER,
        'studios.saveStudio',
        { studioId: studio.id, name: '改名', address: '别处', hostId: 'x' },
      ],
    ] as const) {
      const payloadFull =
        action === 'studios.saveConsultation'
          ? {
              studioId: studio.id,
              topic: '别的议题',
              source: 'member',
              date: '2026-03-01',
              place: '社区议事厅',
              hostMemberId: await idOf(OUTSIDER),
            }
          : payload;
      expect((await h.err(openid, action, payloadFull)).code).toBe('STUDIO.NOT_STUDIO_WORKER');
    }
    // To anyone else the matter does not exist.
    expect(
      (await h.err(OUTSIDER, 'studios.triageMatter', { matterId: matter.id, decision: 'pass' }))
        .code,
    ).toBe('STUDIO.MATTER_NOT_FOUND');
    // Residents cannot reach the workers' actions at all.
    expect((await h.err(RESIDENT, 'studios.listMatters', { studioId: studio.id })).code).toBe(
      'AUTH.NOT_BOUND',
    );
    // A plan is the studio's own; others do not see it until it is held.
    expect((await h.err(OUTSIDER, 'studios.getConsultation', { consultationId: c.id })).code).toBe(
      'STUDIO.CONSULTATION_NOT_FOUND',
    );
    // The studio member (not the host) may work on the records; a staff member too.
    await h.ok(MEMBER, 'studios.triageMatter', {
      matterId: matter.id,
      decision: 'answer',
      reply: '已转告社区居委会，下周上门了解情况',
    });
    expect(
      (await h.err(STAFF, 'studios.triageMatter', { matterId: matter.id, decision: 'pass' })).code,
    ).toBe('STUDIO.MATTER_HANDLED');
    // The host keeps the details but cannot hand the studio over.
    const kept = await h.ok<StudioDetail>(HOST, 'studios.saveStudio', {
      studioId: studio.id,
      name: '不会改',
      address: '和平街道社区服务中心三楼',
      hostId: await idOf(OUTSIDER),
      memberIds: [],
    });
    expect(kept).toMatchObject({ name: '和平街道委员工作室', address: '和平街道社区服务中心三楼' });
    expect(kept.hostId).toBe(await idOf(HOST));
    expect(kept.members).toHaveLength(1);
    // Drafts come only from the members who were there.
    await h.ok(HOST, 'studios.holdConsultation', { consultationId: c.id, version: c.version });
    expect(
      (
        await h.err(OUTSIDER, 'studios.startDraft', {
          consultationId: c.id,
          outcomeId: c.outcomes[0]!.id,
          kind: 'opinion',
          clientDraftId: 'outsider-draft-01',
        })
      ).code,
    ).toBe('STUDIO.DRAFT_NOT_ALLOWED');
  });

  it('refuses risky content, flags what needs a person, and limits a flood of matters', async () => {
    const studio = await aStudio();
    expect(
      (
        await h.err(RESIDENT, 'studios.raiseMatter', {
          studioId: studio.id,
          topic: '赌博广告',
          description: '有人在楼道里贴赌博广告，请处理。',
        })
      ).code,
    ).toBe('STUDIO.CONTENT_RISKY');
    const flagged = await raise(studio.id, RESIDENT, {
      description: '我要上访，楼下噪音一直没人管。',
    });
    expect(
      (await h.ok<MatterView>(HOST, 'studios.getMatter', { matterId: flagged.id })).flagged,
    ).toBe(true);
    for (let i = 1; i < 5; i++) await raise(studio.id);
    expect(
      (
        await h.err(RESIDENT, 'studios.raiseMatter', {
          studioId: studio.id,
          topic: '第六条',
          description: '今天的第六条诉求内容。',
        })
      ).code,
    ).toBe('STUDIO.TOO_MANY_MATTERS');
    const page = await h.ok<Page<MatterView>>(HOST, 'studios.listMatters', {
      studioId: studio.id,
      status: 'pending',
    });
    expect(page.total).toBe(5);
  });
});

describe('委员工作室: corrections, reminders and the office', () => {
  it('a corrected or deleted log corrects the points; its matters wait again', async () => {
    const studio = await aStudio();
    const matter = await raise(studio.id);
    let c = await aConsultation(studio.id, { matterIds: [matter.id] });
    c = await h.ok<ConsultationDetail>(HOST, 'studios.holdConsultation', {
      consultationId: c.id,
      version: c.version,
    });
    expect(await studioPoints(MEMBER)).toBe(1);
    // The member was not there after all: the log is corrected, the point taken back.
    c = await aConsultation(studio.id, {
      consultationId: c.id,
      version: c.version,
      memberIds: [],
      matterIds: [matter.id],
    });
    expect(await studioPoints(MEMBER)).toBe(0);
    expect(await studioPoints(HOST)).toBe(3);
    expect(await h.ok(HOST, 'studios.deleteConsultation', { consultationId: c.id })).toEqual({
      deleted: true,
    });
    expect(await studioPoints(HOST)).toBe(0);
    const back = await h.ok<MatterView>(RESIDENT, 'studios.getMatter', { matterId: matter.id });
    expect(back).toMatchObject({ status: 'pending', consultation: null });
  });

  it('reminds the host before a deadline and the office after it; the overview and export list it', async () => {
    const studio = await aStudio();
    let c = await aConsultation(studio.id);
    c = await h.ok<ConsultationDetail>(HOST, 'studios.holdConsultation', {
      consultationId: c.id,
      version: c.version,
    });
    // An opinion report from the outcome, linked both ways.
    const started = await h.ok<{ draftId: string }>(HOST, 'studios.startDraft', {
      consultationId: c.id,
      outcomeId: c.outcomes[0]!.id,
      kind: 'opinion',
      clientDraftId: 'host-opinion-0001',
    });
    const report = await h.ok<OpinionDetail>(HOST, 'opinions.get', { opinionId: started.draftId });
    expect(report.timeline[0]!.note).toContain('和平街道委员工作室');

    h.clock.set('2026-03-18T02:00:00.000Z');
    await onTimer(h.services);
    const hostInbox = await h.store.find<{
      _id: string;
      memberId: string;
      kind: string;
      title: string;
    }>('outbox', {
      where: { kind: 'studio.deadline' },
    });
    expect(hostInbox.map((n) => n.title)).toEqual(['协商成果即将到期：老楼加装电梯']);
    h.clock.set('2026-03-22T02:00:00.000Z');
    await onTimer(h.services);
    await onTimer(h.services);
    const late = await h.store.find<{ _id: string; memberId: string; title: string }>('outbox', {
      where: { kind: 'studio.deadline', title: '协商成果已逾期：老楼加装电梯' },
    });
    expect(late.length).toBeGreaterThan(1); // the host and every staff member, once each
    expect(new Set(late.map((n) => n.memberId)).size).toBe(late.length);

    const overview = await h.ok<StudioOverview>(STAFF, 'studios.overview', {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(overview.rows[0]).toMatchObject({
      consultations: 1,
      held: 1,
      overdueOutcomes: 1,
      drafts: 1,
    });
    expect(overview.overdue).toEqual([
      expect.objectContaining({ unit: '和平街道', deadline: '2026-03-20' }),
    ]);
    const file = await h.ok<{ fileName: string; contentBase64: string }>(
      STAFF,
      'studios.exportConsultations',
      {
        from: '2026-01-01',
        to: '2026-12-31',
      },
    );
    expect(file.fileName).toBe('委员工作室协商活动-2026-01-01至2026-12-31.xlsx');
    expect(Buffer.from(file.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(
      (await h.err(MEMBER, 'studios.overview', { from: '2026-01-01', to: '2026-12-31' })).code,
    ).toBe('AUTH.FORBIDDEN');
  });
});

describe('委员工作室: a crash between the request and the draft', () => {
  it('the timer makes a draft the request recorded but did not make', async () => {
    const studio = await aStudio();
    let c = await aConsultation(studio.id);
    c = await h.ok<ConsultationDetail>(HOST, 'studios.holdConsultation', {
      consultationId: c.id,
      version: c.version,
    });
    const started = await h.ok<{ draftId: string }>(HOST, 'studios.startDraft', {
      consultationId: c.id,
      outcomeId: c.outcomes[0]!.id,
      kind: 'proposal',
      clientDraftId: 'crash-draft-0001',
    });
    // As if the process died after the commit, before the draft was made.
    await h.store.remove('proposals', started.draftId);
    const [link] = await h.store.find<{ _id: string }>('studio_drafts', {
      where: { consultationId: c.id },
    });
    await h.store.update('studio_drafts', link!._id, { set: { applied: false } });
    expect((await h.err(HOST, 'proposals.get', { proposalId: started.draftId })).code).toBe(
      'PROPOSAL.NOT_FOUND',
    );
    await onTimer(h.services);
    const made = await h.ok<ProposalDetail>(HOST, 'proposals.get', { proposalId: started.draftId });
    expect(made).toMatchObject({ status: 'draft', title: '关于老楼加装电梯的建议' });
  });
});

describe('委员工作室: a planned consultation published as a meeting of kind 协商活动', () => {
  const AT = (beijing: string) => new Date(`${beijing}+08:00`).toISOString();
  const when = {
    startsAt: AT('2026-03-05T09:00:00'),
    endsAt: AT('2026-03-05T11:00:00'),
    replyDeadline: AT('2026-03-04T18:00:00'),
  };
  const publish = (openid: string, c: ConsultationDetail, extra: object = {}) =>
    h.call<ConsultationDetail>(openid, 'studios.publishMeeting', {
      consultationId: c.id,
      version: c.version,
      ...when,
      ...extra,
    });
  const notices = async (openid: string, kind: string) =>
    h.store.count('outbox', { memberId: await idOf(openid), kind });

  it('invites the log’s members, who reply and check in; holding it takes who came; points land once', async () => {
    const studio = await aStudio();
    let c = await aConsultation(studio.id, { date: '2026-03-05' });
    expect(c.can.publishMeeting).toBe(true);
    expect(
      (
        await h.err(OUTSIDER, 'studios.publishMeeting', {
          consultationId: c.id,
          version: c.version,
          ...when,
        })
      ).code,
    ).toBe('STUDIO.NOT_STUDIO_WORKER');
    const wrongDay = await publish(HOST, c, {
      startsAt: AT('2026-03-06T09:00:00'),
      endsAt: AT('2026-03-06T10:00:00'),
    });
    expect(wrongDay).toMatchObject({ ok: false, error: { code: 'STUDIO.MEETING_INVALID' } });

    const published = await publish(HOST, c);
    expect(published.ok).toBe(true);
    c = (published as { data: ConsultationDetail }).data;
    expect(c.meeting).toMatchObject({ status: 'published', invited: 2, checkedIn: 0 });
    expect(c.can.publishMeeting).toBe(false);
    expect((await publish(HOST, c)).ok).toBe(false); // once
    // The date and place now belong to the meeting too.
    const moved = await h.err(HOST, 'studios.saveConsultation', {
      studioId: studio.id,
      consultationId: c.id,
      topic: c.topic,
      source: 'matter',
      date: '2026-03-06',
      place: c.place,
      hostMemberId: await idOf(HOST),
    });
    expect(moved.code).toBe('STUDIO.WRONG_STATE');

    // The member is told and sees it among their meetings, as for any meeting.
    expect(await notices(MEMBER, 'meeting.notice')).toBe(1);
    const meeting = await h.ok<{ kind: string; kindLabel: string; title: string }>(
      MEMBER,
      'meetings.get',
      { meetingId: c.meeting!.id },
    );
    expect(meeting).toMatchObject({
      kind: 'studio',
      kindLabel: '协商活动',
      title: '老楼加装电梯（和平街道委员工作室）',
    });
    await h.ok(MEMBER, 'meetings.reply', { meetingId: c.meeting!.id, answer: 'attend' });

    // The host drops the member from the log by mistake; the member comes and checks in.
    c = await aConsultation(studio.id, {
      consultationId: c.id,
      date: '2026-03-05',
      memberIds: [],
      version: c.version,
      outcomes: c.outcomes.map(({ id, text, unit, deadline }) => ({ id, text, unit, deadline })),
    });
    h.clock.set(AT('2026-03-05T08:55:00'));
    const code = await h.ok<{ token: string }>(STAFF, 'meetings.getCheckInCode', {
      meetingId: c.meeting!.id,
      sessionId: 's1',
    });
    await h.ok(MEMBER, 'meetings.checkIn', { token: code.token });
    c = await h.ok<ConsultationDetail>(HOST, 'studios.getConsultation', { consultationId: c.id });
    expect(c.meeting).toMatchObject({ checkedIn: 1 });

    c = await h.ok<ConsultationDetail>(HOST, 'studios.holdConsultation', {
      consultationId: c.id,
      version: c.version,
    });
    expect(c.members.map((m) => m.name)).toEqual([
      (await h.ok<{ name: string }>(MEMBER, 'members.getMyProfile', {})).name,
    ]);
    // The office closes the meeting: its attendance earns nothing of its own.
    h.clock.set(AT('2026-03-05T12:00:00'));
    await h.okUntilDone(STAFF, 'meetings.close', { meetingId: c.meeting!.id });
    for (const [openid, points] of [
      [HOST, 3],
      [MEMBER, 1],
    ] as const) {
      const record = await h.ok<MemberYearRecord>(openid, 'ledger.getMyRecord', {});
      expect(record.categories.find((x) => x.id === 'studio')!.points).toBe(points);
      expect(record.total - record.baseScore).toBe(points);
    }
  });

  it('a deleted log cancels its meeting; the timer finishes a publish a crash cut short', async () => {
    const studio = await aStudio();
    let c = await aConsultation(studio.id, { date: '2026-03-05' });
    c = ((await publish(HOST, c)) as { data: ConsultationDetail }).data;
    const meetingId = c.meeting!.id;
    // As if the process died after the request was recorded, before the meeting was made.
    await h.store.remove('meetings', meetingId);
    for (const inv of await h.store.find<{ _id: string }>('meeting_invitations', {
      where: { meetingId },
    }))
      await h.store.remove('meeting_invitations', inv._id);
    // (The meeting, its notice job and the notices are written together: none of them either.)
    await h.store.remove('jobs', `notices:${meetingId}:v1`);
    for (const o of await h.store.find<{ _id: string }>('outbox', {
      where: { kind: 'meeting.notice', link: { $search: meetingId } },
    }))
      await h.store.remove('outbox', o._id);
    await h.store.update('studio_meetings', meetingId, { set: { applied: false } });
    expect(
      (await h.ok<ConsultationDetail>(HOST, 'studios.getConsultation', { consultationId: c.id }))
        .meeting!.status,
    ).toBe('publishing');
    await onTimer(h.services);
    c = await h.ok<ConsultationDetail>(HOST, 'studios.getConsultation', { consultationId: c.id });
    expect(c.meeting).toMatchObject({ status: 'published', invited: 2 });
    expect(await notices(MEMBER, 'meeting.notice')).toBe(1); // told once, not twice

    await h.ok(HOST, 'studios.deleteConsultation', { consultationId: c.id });
    expect((await h.ok<{ status: string }>(STAFF, 'meetings.get', { meetingId })).status).toBe(
      'cancelled',
    );
    expect(await notices(MEMBER, 'meeting.cancel')).toBe(1);
  });
});
