import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { MeetingDetail } from '../../typings/contracts/meetings';
import type { ProposalDetail } from '../../typings/contracts/proposals';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import type { Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import { runPendingJobs } from '../../cloudfunctions/kernel/jobs';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { createDispatcher } from '../../cloudfunctions/kernel/pipeline';
import type { AccountDoc, EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import {
  applyPendingDutyEvents,
  type DutyEventDoc,
} from '../../cloudfunctions/modules/ledger/ledger-port';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { makeHarness, type Harness } from '../support/harness';
import { faultyStore } from '../support/faulty-store';
import { aClub, aNote } from '../reading/support';
import type { CommentDoc, PostDoc } from '../../cloudfunctions/modules/reading/model';

const CAUSE = '近年来我区老旧小区居民老龄化程度不断加深，许多高龄老人上下楼困难，需求十分迫切。';
const SUGGESTION = '建议区政府统筹财政补贴，简化加装电梯审批流程，建立业主协商机制并明确维护责任。';
const AT = (beijing: string) => new Date(`${beijing}+08:00`);

/** Calls through the real pipeline on `store`, with the harness's other services. */
function minutesLater(h: Harness, minutes: number): Date {
  return new Date(h.clock.now().getTime() + minutes * 60_000);
}

function caller(h: Harness, store: DocumentStore) {
  const services: Services = { ...h.services, store };
  return {
    services,
    call: <T>(openid: string, action: string, payload: unknown, requestId: string) =>
      createDispatcher(
        action.split('.')[0]!,
        FUNCTIONS[action.split('.')[0]!]!,
        services,
      )({ action, payload, requestId }, { openid }) as Promise<ResponseEnvelope<T>>,
  };
}

/**
 * Fails each store call of one request in turn, on a fresh copy of the prepared database,
 * then retries the same request (as the client does) and lets the timer run; `check` asserts
 * that every duty point arrived once and that a retry answered exactly as the first answer did.
 */
async function everyFault(
  h: Harness,
  request: { openid: string; action: string; payload: unknown },
  check: (store: DocumentStore) => Promise<void>,
): Promise<number> {
  await h.store.close(); // checkpoints the WAL: the file alone is the prepared state
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-fault-'));
  try {
    copyFileSync(h.path, join(dir, 'count.db'));
    const probe = new SqliteStore(join(dir, 'count.db'));
    const counter = faultyStore(probe, Infinity);
    const clean = await caller(h, counter).call(
      request.openid,
      request.action,
      request.payload,
      'req-fault-probe',
    );
    if (!clean.ok) throw new Error(`the request fails without faults: ${clean.error.code}`);
    const total = counter.calls();
    await probe.close();
    for (let failAt = 1; failAt <= total; failAt++) {
      const file = join(dir, `run-${failAt}.db`);
      copyFileSync(h.path, file);
      const store = new SqliteStore(file);
      try {
        const requestId = `req-fault-${failAt}`;
        const first = await caller(h, faultyStore(store, failAt)).call(
          request.openid,
          request.action,
          request.payload,
          requestId,
        );
        const healthy = caller(h, store);
        const retry = await healthy.call(
          request.openid,
          request.action,
          request.payload,
          requestId,
        );
        if (!retry.ok) throw new Error(`fault at ${failAt}: retry answered ${retry.error.code}`);
        if (first.ok) expect(retry.data).toEqual(first.data);
        // The timer, past any lease a failed runner left: finishes jobs, applies duty events.
        const timer = { ...healthy.services, clock: new ManualClock(minutesLater(h, 2)) };
        while ((await runPendingJobs(timer, { stepsEach: 100 })) > 0);
        await applyPendingDutyEvents(timer, 1000);
        await check(store);
      } catch (e) {
        throw new Error(`fault at store call ${failAt} of ${total}: ${String(e)}`, { cause: e });
      } finally {
        await store.close();
        rmSync(file, { force: true });
        rmSync(`${file}-wal`, { force: true });
        rmSync(`${file}-shm`, { force: true });
      }
    }
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every key posted once (one first entry), and every account equal to its entries' sum. */
async function ledgerConsistent(store: DocumentStore): Promise<void> {
  const entries = await store.find<EntryDoc>('point_entries', {});
  const firsts = entries.filter((e) => e._id.startsWith('pe_')).map((e) => e.key);
  expect(new Set(firsts).size).toBe(firsts.length);
  for (const a of await store.find<AccountDoc>('point_accounts', {})) {
    const sum = entries.filter((e) => e.memberId === a.memberId && e.year === a.year);
    expect(sum.reduce((s, e) => s + e.points, 0)).toBe(a.total);
  }
  expect(await store.count('duty_events', { status: 'pending' })).toBe(0);
}

describe('the duty-point rail', () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  });
  afterEach(() => h.close().catch(() => undefined));

  /** A submitted joint proposal by demo-member-01 with `coSigners` confirmed co-signers. */
  async function jointProposal(coSigners: number): Promise<ProposalDetail> {
    const members = Object.keys(ids)
      .filter((o) => /^demo-member-\d+$/.test(o) && o !== 'demo-member-01')
      .sort()
      .slice(0, coSigners);
    const d = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: 'joint-draft-0001',
      revision: 1,
      title: '关于加快老旧小区加装电梯的建议',
      category: '城乡建设',
      cause: CAUSE,
      suggestion: SUGGESTION,
      coSignerIds: members.map((o) => ids[o]!),
    });
    await h.ok('demo-member-01', 'proposals.submit', { proposalId: d.id });
    let p!: ProposalDetail;
    for (const o of members)
      p = await h.ok<ProposalDetail>(o, 'proposals.respondCoSign', {
        proposalId: d.id,
        accept: true,
      });
    expect(p.status).toBe('submitted');
    return p;
  }

  it('gives all 31 authors of a joint proposal their acceptance points whatever store call fails', async () => {
    const p = await jointProposal(30);
    const authors = [p.leadId, ...p.coSigners.map((c) => c.memberId)];
    expect(authors).toHaveLength(31);
    const calls = await everyFault(
      h,
      {
        openid: 'demo-staff',
        action: 'proposals.accept',
        payload: { proposalId: p.id, version: p.version },
      },
      async (store) => {
        const accepted = await store.find<EntryDoc>('point_entries', {
          where: { 'source.id': p.id, kind: 'event' },
        });
        const got = accepted.filter((e) => e.event.startsWith('proposal.accepted.'));
        expect(new Set(got.map((e) => e.memberId))).toEqual(new Set(authors));
        expect(got).toHaveLength(31);
        const submitted = accepted.filter((e) => e.event === 'proposal.submitted');
        expect(submitted).toHaveLength(31);
        await ledgerConsistent(store);
      },
    );
    expect(calls).toBeGreaterThan(100);
  }, 120_000);

  it('scores every invitee of a closed meeting whatever store call fails', async () => {
    const invitees = Object.keys(ids)
      .filter((o) => /^demo-member-\d+$/.test(o))
      .sort()
      .slice(0, 6);
    const draft = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', {
      kind: 'standing',
      title: '十五届常委会第五次会议',
      sessions: [
        {
          label: '全天',
          startsAt: '2026-03-05T09:00:00+08:00',
          endsAt: '2026-03-05T17:00:00+08:00',
        },
      ],
      venue: { name: '区政协会议室', address: '人民路 1 号' },
      agenda: '审议工作报告',
      invitees: { mode: 'named', memberIds: invitees.map((o) => ids[o]!) },
      replyDeadline: '2026-03-04T18:00:00+08:00',
    });
    const m = await h.ok<MeetingDetail>('demo-staff', 'meetings.publish', { meetingId: draft.id });
    h.clock.set(AT('2026-03-05T08:50:00'));
    const { token } = await h.ok<{ token: string }>('demo-staff', 'meetings.getCheckInCode', {
      meetingId: m.id,
      sessionId: 's1',
    });
    await h.ok('demo-member-01', 'meetings.checkIn', { token });
    h.clock.set(AT('2026-03-05T18:00:00'));
    await everyFault(
      h,
      { openid: 'demo-staff', action: 'meetings.close', payload: { meetingId: m.id } },
      async (store) => {
        const got = await store.find<EntryDoc>('point_entries', {
          where: { 'source.id': m.id, kind: 'event' },
        });
        expect(new Set(got.map((e) => e.memberId))).toEqual(new Set(invitees.map((o) => ids[o]!)));
        expect(got.map((e) => e.event).sort()).toEqual([
          'standing.absent',
          'standing.absent',
          'standing.absent',
          'standing.absent',
          'standing.absent',
          'standing.attended',
        ]);
        await ledgerConsistent(store);
      },
    );
  }, 120_000);

  it('posts a submitted proposal’s points once whatever store call fails', async () => {
    const d = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: 'lost-answer-0001',
      revision: 1,
      title: '关于加快老旧小区加装电梯的建议',
      category: '城乡建设',
      cause: CAUSE,
      suggestion: SUGGESTION,
    });
    await everyFault(
      h,
      { openid: 'demo-member-01', action: 'proposals.submit', payload: { proposalId: d.id } },
      async (store) => {
        const entries = await store.find<EntryDoc>('point_entries', {
          where: { 'source.id': d.id, event: 'proposal.submitted' },
        });
        expect(entries.map((e) => e.memberId)).toEqual([ids['demo-member-01']]);
        await ledgerConsistent(store);
      },
    );
  });

  it('scores an adopted opinion report once whatever store call fails', async () => {
    const o = await h.ok<{ id: string }>('demo-member-02', 'opinions.saveDraft', {
      clientDraftId: 'opinion-fault-01',
      revision: 1,
      title: '关于规范共享单车停放的建议',
      body: '近期多个地铁站口共享单车堆放严重，影响行人通行和消防通道。建议由交通部门牵头划定停放区域，企业按区域调度，并将考核结果与投放配额挂钩。',
    });
    const submitted = await h.ok<{ version: number }>('demo-member-02', 'opinions.submit', {
      opinionId: o.id,
    });
    await everyFault(
      h,
      {
        openid: 'demo-staff',
        action: 'opinions.adopt',
        payload: { opinionId: o.id, version: submitted.version, issue: '2026年第5期' },
      },
      async (store) => {
        const entries = await store.find<EntryDoc>('point_entries', {
          where: { 'source.id': o.id, kind: 'event' },
        });
        expect(entries.map((e) => e.event).sort()).toEqual([
          'opinion.adopted.committee',
          'opinion.submitted',
        ]);
        await ledgerConsistent(store);
      },
    );
  });

  it('records a staff award once whatever store call fails', async () => {
    await everyFault(
      h,
      {
        openid: 'demo-staff',
        action: 'ledger.awardPoints',
        payload: {
          memberId: ids['demo-member-05']!,
          points: 3,
          category: 'activities',
          title: '省政协书面发言',
          reason: '省政协采用书面发言一篇',
        },
      },
      async (store) => {
        const entries = await store.find<EntryDoc>('point_entries', {
          where: { memberId: ids['demo-member-05']!, event: 'manual.award' },
        });
        expect(entries.map((e) => e.points)).toEqual([30]);
        expect(await store.count('audit_log', { action: 'ledger.awardPoints' })).toBe(1);
        await ledgerConsistent(store);
      },
    );
  });

  it('lands a correction across the new year in the year of the event it corrects', async () => {
    h.clock.set(AT('2025-12-20T10:00:00'));
    const draft = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', {
      kind: 'plenary',
      title: '跨年全体会议',
      sessions: [
        {
          label: '除夕夜',
          startsAt: '2025-12-31T23:00:00+08:00',
          endsAt: '2025-12-31T23:50:00+08:00',
        },
        {
          label: '元旦',
          startsAt: '2026-01-01T00:30:00+08:00',
          endsAt: '2026-01-01T02:00:00+08:00',
        },
      ],
      venue: { name: '区政协会议中心', address: '人民路 1 号' },
      agenda: '跨年',
      invitees: { mode: 'named', memberIds: [ids['demo-member-01']!] },
      replyDeadline: '2025-12-30T18:00:00+08:00',
    });
    const m = await h.ok<MeetingDetail>('demo-staff', 'meetings.publish', { meetingId: draft.id });
    h.clock.set(AT('2026-01-01T03:00:00'));
    await h.okUntilDone('demo-staff', 'meetings.close', { meetingId: m.id });
    await h.ok('demo-staff', 'meetings.reopen', { meetingId: m.id, reason: '补登第二场签到' });
    await h.ok('demo-staff', 'meetings.proxyCheckIn', {
      meetingId: m.id,
      sessionId: 's2',
      memberId: ids['demo-member-01']!,
      note: '现场登记遗漏',
      late: false,
    });
    await h.okUntilDone('demo-staff', 'meetings.close', { meetingId: m.id });
    const sum = async (year: number) =>
      (
        await h.store.find<EntryDoc>('point_entries', {
          where: { memberId: ids['demo-member-01']!, year, 'source.id': m.id },
        })
      ).reduce((s, e) => s + e.points, 0);
    // 2025: absent from the first session (−10 on the default table); 2026: attended the second
    // (+5). Before, the reversal of the second session's absence went to 2025.
    expect(await sum(2026)).toBe(50);
    expect(await sum(2025)).toBe(-100);
    const docs = await h.store.find<DutyEventDoc>('duty_events', {
      where: { memberId: ids['demo-member-01']! },
    });
    expect(docs.every((d) => d.status === 'applied')).toBe(true);
  });

  it('keeps a reading comment once, with its first answer, whatever store call fails', async () => {
    const { group } = await aClub(h);
    const post = await aNote(h, 'demo-member-01', group.id);
    await everyFault(
      h,
      {
        openid: 'demo-member-02',
        action: 'reading.comment',
        payload: { postId: post.id, body: '写得好，我们社区也在试。' },
      },
      async (store) => {
        const comments = await store.find<CommentDoc>('reading_comments', {
          where: { postId: post.id },
        });
        expect(comments).toHaveLength(1);
        expect((await store.get<PostDoc>('reading_posts', post.id))!.commentCount).toBe(1);
        expect(await store.count('outbox', { kind: 'reading.comment' })).toBe(1);
      },
    );
  });
});
