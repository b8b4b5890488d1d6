import type { Page } from '../../typings/contracts/envelope';
import type { MeetingDetail } from '../../typings/contracts/meetings';
import type { SpeechDetail, SpeechSummary } from '../../typings/contracts/speeches';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';
import { everyFault, ledgerConsistent, pointsFrom } from '../support/every-fault';
import { readDocx } from '../support/docx';

/** A speech text long enough for the default settings (300 characters at least). */
const BODY = '推动城乡融合发展，关键在于打通要素流动的堵点。'.repeat(14);

describe('大会发言', () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  });
  afterEach(() => h.close().catch(() => undefined));

  const save = (fields: Record<string, unknown> = {}, openid = 'demo-member-01') =>
    h.ok<SpeechDetail>(openid, 'proposals.saveSpeech', {
      clientDraftId: 'speech-draft-0001',
      revision: 1,
      title: '以城乡融合推动共同富裕',
      body: BODY,
      ...fields,
    });
  const get = (speechId: string, openid = 'demo-staff') =>
    h.ok<SpeechDetail>(openid, 'proposals.getSpeech', { speechId });
  /** Written, submitted and accepted: ready to be chosen. */
  const accepted = async () => {
    const d = await save();
    const s = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: d.id,
    });
    return h.ok<SpeechDetail>('demo-staff', 'proposals.reviewSpeech', {
      speechId: s.id,
      version: s.version,
      accept: true,
    });
  };
  const choose = (s: SpeechDetail, delivery: string, requestId?: string) =>
    h.call<SpeechDetail>(
      'demo-staff',
      'proposals.chooseSpeech',
      { speechId: s.id, version: s.version, delivery },
      requestId,
    );

  it('autosaves one draft per device draft id; an older revision never wins', async () => {
    const first = await save();
    const second = await save({ revision: 3, title: '以城乡融合推动共同富裕的几点建议' });
    const late = await save({ revision: 2, title: '旧标题' });
    expect(second.id).toBe(first.id);
    expect(late.title).toBe('以城乡融合推动共同富裕的几点建议');
    expect(late).toMatchObject({ status: 'draft', year: 2026, meeting: null });
    expect(late.can).toMatchObject({ edit: true, submit: true, delete: true, review: false });
    const mine = await h.ok<Page<SpeechSummary>>('demo-member-01', 'proposals.listMySpeeches', {});
    expect(mine.items.map((i) => i.id)).toEqual([first.id]);
  });

  it('keeps drafts from others and the office, and reviewing to the office', async () => {
    const d = await save();
    expect((await h.err('demo-member-02', 'proposals.getSpeech', { speechId: d.id })).code).toBe(
      'SPEECH.NOT_FOUND',
    );
    expect((await h.err('demo-staff', 'proposals.getSpeech', { speechId: d.id })).code).toBe(
      'SPEECH.NOT_FOUND',
    );
    const s = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: d.id,
    });
    expect((await h.err('demo-member-02', 'proposals.getSpeech', { speechId: d.id })).code).toBe(
      'SPEECH.NOT_FOUND',
    );
    expect(
      (
        await h.err('demo-member-01', 'proposals.reviewSpeech', {
          speechId: s.id,
          version: s.version,
          accept: true,
        })
      ).code,
    ).toBe('AUTH.FORBIDDEN');
    expect((await h.err('demo-member-01', 'proposals.speechQueue', {})).code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect((await h.err('demo-member-02', 'proposals.submitSpeech', { speechId: d.id })).code).toBe(
      'SPEECH.NOT_FOUND',
    );
    expect(
      (
        await h.err('demo-staff', 'proposals.saveSpeech', {
          clientDraftId: 'staff-draft-1',
          revision: 1,
        })
      ).code,
    ).toBe('SPEECH.MEMBERS_ONLY');
  });

  it('checks the committee’s limits on submitting, and a submitted speech is no longer editable', async () => {
    const short = await save({ body: '太短了' });
    expect(
      (await h.err('demo-member-01', 'proposals.submitSpeech', { speechId: short.id })).code,
    ).toBe('SPEECH.INCOMPLETE');
    await save({ revision: 2 });
    const s = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: short.id,
    });
    expect(s).toMatchObject({ status: 'submitted', statusLabel: '待审核' });
    expect(s.can).toMatchObject({ edit: false, submit: false });
    expect(
      (
        await h.err('demo-member-01', 'proposals.saveSpeech', {
          clientDraftId: 'speech-draft-0001',
          revision: 5,
          title: '改',
        })
      ).code,
    ).toBe('SPEECH.NOT_EDITABLE');
    // Submitting again (a retry) answers it unchanged.
    const again = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: s.id,
    });
    expect(again.version).toBe(s.version);
  });

  it('is returned with a note, revised and submitted again, then accepted', async () => {
    const d = await save();
    const s = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: d.id,
    });
    const noNote = await h.call('demo-staff', 'proposals.reviewSpeech', {
      speechId: s.id,
      version: s.version,
      accept: false,
    });
    expect(noNote.ok).toBe(false);
    const r = await h.ok<SpeechDetail>('demo-staff', 'proposals.reviewSpeech', {
      speechId: s.id,
      version: s.version,
      accept: false,
      note: '请补充具体数据和案例',
    });
    expect(r).toMatchObject({ status: 'returned', returnNote: '请补充具体数据和案例' });
    const mine = await get(d.id, 'demo-member-01');
    expect(mine.can).toMatchObject({ edit: true, submit: true, delete: false });
    await save({ revision: 2, body: `${BODY}据统计，全区城乡居民收入比缩小到1.8。` });
    const again = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: d.id,
    });
    expect(again.status).toBe('submitted');
    expect(again.timeline.map((t) => t.action)).toEqual([
      '提交大会发言',
      '退回修改',
      '修改后重新提交大会发言',
    ]);
    const queue = await h.ok<Page<SpeechSummary> & { counts: Record<string, number> }>(
      'demo-staff',
      'proposals.speechQueue',
      {},
    );
    expect(queue.items.map((i) => i.id)).toEqual([d.id]);
    expect(queue.counts).toEqual({ submitted: 1, accepted: 0, returned: 0 });
    const ok = await h.ok<SpeechDetail>('demo-staff', 'proposals.reviewSpeech', {
      speechId: d.id,
      version: again.version,
      accept: true,
    });
    expect(ok).toMatchObject({ status: 'accepted', returnNote: null });
    expect(ok.can).toMatchObject({ choose: true, review: false });
  });

  it('scores the chosen delivery once, and corrects the points when the choice changes', async () => {
    const s = await accepted();
    const me = ids['demo-member-01']!;
    expect(await pointsFrom(h.store, me, s.id)).toBe(0);
    const oral = await choose(s, 'oral', 'req-oral');
    if (!oral.ok) throw new Error(oral.error.code);
    expect(oral.data).toMatchObject({ delivery: 'oral', deliveryLabel: '大会口头发言' });
    expect(await pointsFrom(h.store, me, s.id)).toBe(100);
    // The same request again: the same answer, nothing more.
    expect(await choose(s, 'oral', 'req-oral')).toEqual(oral);
    expect(await pointsFrom(h.store, me, s.id)).toBe(100);
    // Choosing what is chosen changes nothing.
    const same = await choose(oral.data, 'oral');
    expect(same.ok && same.data.version).toBe(oral.data.version);
    const written = await choose(oral.data, 'written');
    if (!written.ok) throw new Error(written.error.code);
    expect(await pointsFrom(h.store, me, s.id)).toBe(50);
    const none = await choose(written.data, 'none');
    if (!none.ok) throw new Error(none.error.code);
    expect(await pointsFrom(h.store, me, s.id)).toBe(0);
    const back = await choose(none.data, 'oral');
    expect(back.ok).toBe(true);
    expect(await pointsFrom(h.store, me, s.id)).toBe(100);
    // A stale version is refused.
    const stale = await choose(written.data, 'written');
    expect(!stale.ok && stale.error.code).toBe('STORE.CONFLICT');
    await ledgerConsistent(h.store);
  });

  it('shows a chosen speech in the member’s 履职档案, under 大会发言', async () => {
    const before = await h.ok<{ contentBase64: string }>(
      'demo-staff',
      'ledger.exportMemberRecord',
      {
        memberId: ids['demo-member-01'],
        year: 2026,
      },
    );
    // The category's row of the table only: no part of its own while there is nothing in it.
    const count = (paragraphs: string[]) => paragraphs.filter((p) => p === '大会发言').length;
    expect(count((await readDocx(before.contentBase64)).paragraphs)).toBe(1);
    const s = await accepted();
    await choose(s, 'oral');
    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'ledger.exportMemberRecord', {
      memberId: ids['demo-member-01'],
      year: 2026,
    });
    const doc = await readDocx(file.contentBase64);
    expect(count(doc.paragraphs)).toBe(2);
    expect(doc.tables.flat().find((row) => row.includes(s.title))).toEqual([
      expect.any(String),
      s.title,
      '大会口头发言',
      '+10',
    ]);
  });

  it('refuses to choose a speech not accepted', async () => {
    const d = await save();
    const s = await h.ok<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
      speechId: d.id,
    });
    const res = await choose(s, 'oral');
    expect(!res.ok && res.error.code).toBe('SPEECH.WRONG_STATE');
  });

  it('is written for a plenary meeting, whose year it counts in', async () => {
    const m = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', {
      kind: 'plenary',
      title: '区政协十五届三次会议第一次全体会议',
      sessions: [
        {
          label: '上午',
          startsAt: '2026-03-10T08:30:00+08:00',
          endsAt: '2026-03-10T12:00:00+08:00',
        },
      ],
      venue: { name: '区会议中心大礼堂', address: '人民路 1 号' },
      agenda: '大会发言',
      invitees: { mode: 'all' },
      replyDeadline: '2026-03-09T18:00:00+08:00',
    });
    const none = await h.ok<{ items: unknown[] }>(
      'demo-member-01',
      'proposals.listSpeechOccasions',
      {},
    );
    expect(none.items).toEqual([]);
    await h.ok('demo-staff', 'meetings.publish', { meetingId: m.id });
    const occasions = await h.ok<{ items: Array<{ meetingId: string; title: string }> }>(
      'demo-member-01',
      'proposals.listSpeechOccasions',
      {},
    );
    expect(occasions.items.map((o) => o.meetingId)).toEqual([m.id]);
    const d = await save({ meetingId: m.id });
    expect(d.meeting).toEqual({ id: m.id, title: m.title });
    const bad = await h.err('demo-member-01', 'proposals.saveSpeech', {
      clientDraftId: 'speech-draft-0002',
      revision: 1,
      meetingId: 'no-such-meeting',
    });
    expect(bad.code).toBe('SPEECH.MEETING_INVALID');
  });

  it('gives the author the chosen delivery’s points once whatever store call of the choice fails', async () => {
    const s = await accepted();
    const oral = await choose(s, 'oral');
    if (!oral.ok) throw new Error(oral.error.code);
    const me = ids['demo-member-01']!;
    const calls = await everyFault(
      h,
      {
        openid: 'demo-staff',
        action: 'proposals.chooseSpeech',
        payload: { speechId: s.id, version: oral.data.version, delivery: 'written' },
      },
      async (store) => {
        expect(await pointsFrom(store, me, s.id)).toBe(50);
        await ledgerConsistent(store);
      },
    );
    expect(calls).toBeGreaterThan(5);
  }, 60_000);
});
