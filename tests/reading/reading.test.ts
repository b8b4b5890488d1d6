import { DEFAULT_SETTINGS } from '../../typings/contracts/settings';
import type {
  CommentView,
  FeedPage,
  GroupDetail,
  ModerationItem,
  PostDetail,
} from '../../typings/contracts/reading';
import type { MemberYearRecord } from '../../typings/contracts/ledger';
import { deliverLocalVerdicts } from '../../cloudfunctions/modules/reading';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { fixedChecks } from '../../cloudfunctions/ports/content-check';
import { makeHarness, T0, type Harness } from '../support/harness';
import { codeFor, publishedMeeting } from '../meetings/support';
import { aClub, aNote, MEMBER, NOTE_BODY, OTHER, STAFF, THIRD } from './support';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const feed = (openid: string, groupId: string, extra: object = {}) =>
  h.ok<FeedPage>(openid, 'reading.feed', { scope: 'group', groupId, ...extra });
const readingPoints = async (openid: string) =>
  (await h.ok<MemberYearRecord>(openid, 'ledger.getMyRecord', {})).categories.find(
    (c) => c.id === 'reading',
  )!.points;
const queue = (q: string) =>
  h.ok<{ items: ModerationItem[]; counts: Record<string, number> }>(
    STAFF,
    'reading.moderationQueue',
    {
      queue: q,
    },
  );
async function settings(posts: Partial<typeof DEFAULT_SETTINGS.posts>) {
  const current = await h.ok<{ version: number }>(STAFF, 'settings.get', {});
  await h.ok('demo-admin', 'settings.update', {
    version: current.version,
    settings: { ...DEFAULT_SETTINGS, posts: { ...DEFAULT_SETTINGS.posts, ...posts } },
  });
}

describe('书香政协: a member reads, posts, and earns points', () => {
  it('joins a group, publishes a note others see, and the points reach 我的履职', async () => {
    const { group, book } = await aClub(h, { kind: 'named', values: [] });
    expect(
      await h.err(MEMBER, 'reading.saveDraft', {
        clientDraftId: 'draft-x00001',
        revision: 1,
        groupId: group.id,
      }),
    ).toMatchObject({
      code: 'READING.NOT_IN_GROUP',
    });
    const joined = await h.ok<GroupDetail>(MEMBER, 'reading.joinGroup', { groupId: group.id });
    expect(joined).toMatchObject({ member: true, joined: true, can: { post: true, leave: true } });

    const note = await aNote(h, MEMBER, group.id);
    expect(note).toMatchObject({ status: 'published', kindLabel: '读书心得' });
    expect((await feed(OTHER, group.id)).items.map((p) => p.id)).toEqual([note.id]);
    expect((await h.ok<FeedPage>(OTHER, 'reading.feed', { scope: 'club' })).items).toHaveLength(1);
    expect(await readingPoints(MEMBER)).toBe(1);

    const listed = await h.ok<Array<{ id: string; postCount: number }>>(
      MEMBER,
      'reading.listGroups',
      { mine: true },
    );
    expect(listed).toMatchObject([{ id: group.id, postCount: 1 }]);
    void book;
  });

  it('refuses risky text outright and keeps the draft', async () => {
    const { group } = await aClub(h);
    const draft = await h.ok<PostDetail>(MEMBER, 'reading.saveDraft', {
      clientDraftId: 'draft-risky01',
      revision: 1,
      groupId: group.id,
      title: '一点体会',
      body: '这里讲讲网络博彩的危害',
    });
    expect(await h.err(MEMBER, 'reading.publish', { postId: draft.id })).toMatchObject({
      code: 'READING.CONTENT_RISKY',
    });
    expect(await h.ok<PostDetail>(MEMBER, 'reading.getPost', { postId: draft.id })).toMatchObject({
      status: 'draft',
    });
  });

  it('a "review" verdict waits for staff: only the author and staff see it; approval publishes and scores', async () => {
    const { group } = await aClub(h);
    const note = await aNote(h, MEMBER, group.id, { body: `${NOTE_BODY}有人说要去上访。` });
    expect(note.status).toBe('reviewing');
    expect(note.moderationNote).toContain('上访');
    expect((await feed(OTHER, group.id)).items).toEqual([]);
    expect(await h.err(OTHER, 'reading.getPost', { postId: note.id })).toMatchObject({
      code: 'READING.POST_NOT_FOUND',
    });
    expect((await feed(MEMBER, group.id)).mine.map((p) => p.id)).toEqual([note.id]);
    expect(await readingPoints(MEMBER)).toBe(0);

    const waiting = await queue('review');
    expect(waiting.items.map((i) => i.id)).toEqual([note.id]);
    expect(waiting.counts.review).toBe(1);
    expect(await h.err(OTHER, 'reading.moderationQueue', {})).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });

    await h.ok(STAFF, 'reading.moderate', {
      targetType: 'post',
      targetId: note.id,
      decision: 'approve',
      reason: '内容无问题',
    });
    expect((await feed(OTHER, group.id)).items.map((p) => p.id)).toEqual([note.id]);
    expect(await readingPoints(MEMBER)).toBe(1);
  });

  it('先审后发: with review first every post waits for staff', async () => {
    await settings({ publishing: 'afterReview' });
    const { group } = await aClub(h);
    const note = await aNote(h, MEMBER, group.id);
    expect(note).toMatchObject({ status: 'reviewing', moderationNote: '本会设置为先审后发' });
  });

  it("the committee's own words refuse or send to review in every runtime", async () => {
    await settings({ blockedWords: ['某某楼盘'], reviewWords: ['拆迁'] });
    const { group } = await aClub(h);
    const draft = await h.ok<PostDetail>(MEMBER, 'reading.saveDraft', {
      clientDraftId: 'draft-words01',
      revision: 1,
      groupId: group.id,
      title: '体会',
      body: '推荐某某 楼盘',
    });
    expect(await h.err(MEMBER, 'reading.publish', { postId: draft.id })).toMatchObject({
      code: 'READING.CONTENT_RISKY',
    });
    expect((await aNote(h, MEMBER, group.id, { body: '谈谈拆迁' })).status).toBe('reviewing');
  });
});

describe('images: visible only once every verdict passed', () => {
  const photo = (name: string) => ({ fileId: `local://${name.replace(/\W/g, '')}abc`, name });

  it('waits for the verdict, then appears; a risky image is refused and the author told', async () => {
    const { group } = await aClub(h);
    const good = await aNote(h, MEMBER, group.id, { photos: [photo('bookshelf.jpg')] });
    const bad = await aNote(h, MEMBER, group.id, { photos: [photo('赌博.jpg')] });
    expect([good.status, bad.status]).toEqual(['checking', 'checking']);
    expect((await feed(OTHER, group.id)).items).toEqual([]);

    h.clock.advance(5000);
    expect(await deliverLocalVerdicts(h.services)).toBe(2);
    expect((await feed(OTHER, group.id)).items.map((p) => p.id)).toEqual([good.id]);
    const refused = await h.ok<PostDetail>(MEMBER, 'reading.getPost', { postId: bad.id });
    expect(refused).toMatchObject({ status: 'refused' });
    expect(refused.moderationNote).toContain('内容安全检测');
    expect((await queue('refused')).items.map((i) => i.id)).toEqual([bad.id]);
    const told = await h.store.find<{ _id: string; memberId: string; body: string }>('outbox', {
      where: { kind: 'reading.post' },
    });
    expect(told.map((t) => t.body)).toEqual([expect.stringContaining('未通过内容安全检测')]);
  });

  it('a verdict that never arrives sends the post to staff after 30 minutes', async () => {
    h.services.contentChecks = fixedChecks(() => ({ verdict: 'pass', reason: null }));
    const { group } = await aClub(h);
    const note = await aNote(h, MEMBER, group.id, { photos: [photo('a.jpg')] });
    expect(note.status).toBe('checking');
    h.clock.advance(29 * 60 * 1000);
    await onTimer(h.services);
    expect((await h.ok<PostDetail>(MEMBER, 'reading.getPost', { postId: note.id })).status).toBe(
      'checking',
    );
    h.clock.advance(2 * 60 * 1000);
    await onTimer(h.services);
    const late = await h.ok<PostDetail>(MEMBER, 'reading.getPost', { postId: note.id });
    expect(late).toMatchObject({
      status: 'reviewing',
      moderationNote: expect.stringContaining('未按时返回'),
    });
    expect((await feed(OTHER, group.id)).items).toEqual([]);
  });

  it('ignores a push for a trace id it never issued', async () => {
    const { receiveMediaVerdict } = await import('../../cloudfunctions/modules/reading');
    expect(
      await receiveMediaVerdict(h.services, {
        MsgType: 'event',
        Event: 'wxa_media_check',
        trace_id: 'forged',
        result: { suggest: 'pass' },
      }),
    ).toEqual({ applied: false });
  });
});

describe('comments, likes, reports, moderation', () => {
  it('comments and one level of replies, likes once, and tells the author', async () => {
    const { group } = await aClub(h);
    const note = await aNote(h, MEMBER, group.id);
    const c = await h.ok<CommentView>(OTHER, 'reading.comment', {
      postId: note.id,
      body: '写得好',
    });
    h.clock.advance(1000);
    const r = await h.ok<CommentView>(MEMBER, 'reading.comment', {
      postId: note.id,
      body: '谢谢',
      replyTo: c.id,
    });
    expect(r.replyTo).toEqual({ commentId: c.id, authorName: c.authorName });
    h.clock.advance(1000);
    const rr = await h.ok<CommentView>(THIRD, 'reading.comment', {
      postId: note.id,
      body: '同感',
      replyTo: r.id,
    });
    expect(rr.replyTo!.commentId).toBe(c.id);
    const listed = await h.ok<{ items: CommentView[] }>(THIRD, 'reading.listComments', {
      postId: note.id,
    });
    expect(listed.items.map((x) => x.body)).toEqual(['写得好', '谢谢', '同感']);

    await h.ok(OTHER, 'reading.like', { postId: note.id, liked: true }, 'like-request-0001');
    expect(await h.ok(OTHER, 'reading.like', { postId: note.id, liked: true })).toEqual({
      liked: true,
      likeCount: 1,
    });
    const post = await h.ok<PostDetail>(OTHER, 'reading.getPost', { postId: note.id });
    expect(post).toMatchObject({ liked: true, likeCount: 1, commentCount: 3 });

    const told = await h.store.find<{ _id: string; memberId: string; kind: string }>('outbox', {
      where: { kind: 'reading.comment' },
    });
    expect(told.length).toBe(3); // the author (twice, by two others) and the replied-to commenter
  });

  it('enough reports take a post down; hiding it reverses its points', async () => {
    await settings({ reportsToHide: 2 });
    const { group } = await aClub(h);
    const note = await aNote(h, MEMBER, group.id);
    expect(await readingPoints(MEMBER)).toBe(1);
    await h.ok(OTHER, 'reading.report', { postId: note.id, reason: '与读书无关' });
    await h.ok(OTHER, 'reading.report', { postId: note.id, reason: '与读书无关' });
    expect((await feed(THIRD, group.id)).items).toHaveLength(1);
    await h.ok(THIRD, 'reading.report', { postId: note.id, reason: '广告' });
    expect((await feed(THIRD, group.id)).items).toHaveLength(0);
    expect((await queue('reported')).items.map((i) => i.id)).toEqual([note.id]);
    expect(await readingPoints(MEMBER)).toBe(0);

    await h.ok(STAFF, 'reading.moderate', {
      targetType: 'post',
      targetId: note.id,
      decision: 'approve',
      reason: '经核查无问题',
    });
    expect(await readingPoints(MEMBER)).toBe(1);
    await h.ok(STAFF, 'reading.moderate', {
      targetType: 'post',
      targetId: note.id,
      decision: 'hide',
      reason: '内容与主题无关',
    });
    expect(await readingPoints(MEMBER)).toBe(0);
    expect(
      (await h.ok<PostDetail>(MEMBER, 'reading.getPost', { postId: note.id })).moderationNote,
    ).toBe('内容与主题无关');
    await h.ok(STAFF, 'reading.moderate', {
      targetType: 'post',
      targetId: note.id,
      decision: 'restore',
      reason: '复核后恢复',
    });
    expect(await readingPoints(MEMBER)).toBe(1);
    const audit = await h.store.find<{ _id: string; targetType: string }>('audit_log', {
      where: { targetType: 'readingPost' },
    });
    expect(audit).toHaveLength(3);
  });
});

describe('check-ins and guide readings', () => {
  it('once a day per group; 7 days in a row earn the streak points', async () => {
    const { group } = await aClub(h);
    for (let d = 0; d < 7; d++) {
      const res = await h.ok<{ streak: { current: number } }>(MEMBER, 'reading.checkIn', {
        groupId: group.id,
        text: `第 ${d + 1} 天`,
      });
      expect(res.streak.current).toBe(d + 1);
      if (d === 0)
        expect(
          await h.err(MEMBER, 'reading.checkIn', { groupId: group.id, text: '再来' }),
        ).toMatchObject({ code: 'READING.ALREADY_CHECKED_IN' });
      h.clock.advance(24 * 3600 * 1000);
    }
    const detail = await h.ok<GroupDetail>(MEMBER, 'reading.getGroup', { groupId: group.id });
    expect(detail.streak).toMatchObject({ current: 7, best: 7, days: 7 });
    expect(await readingPoints(MEMBER)).toBe(1);
  });

  it('only the owner or staff write guide readings, pinned above the feed', async () => {
    const { group } = await aClub(h);
    expect(
      await h.err(MEMBER, 'reading.saveDraft', {
        clientDraftId: 'draft-guide01',
        revision: 1,
        groupId: group.id,
        kind: 'guide',
      }),
    ).toMatchObject({ code: 'READING.GUIDE_OWNER_ONLY' });
    const d = await h.ok<PostDetail>(OTHER, 'reading.saveDraft', {
      clientDraftId: 'draft-guide02',
      revision: 1,
      groupId: group.id,
      kind: 'guide',
      title: '第一周导读',
      body: '本周读前三章。',
    });
    await h.ok(OTHER, 'reading.publish', { postId: d.id });
    const detail = await h.ok<GroupDetail>(MEMBER, 'reading.getGroup', { groupId: group.id });
    expect(detail.guides.map((g) => g.title)).toEqual(['第一周导读']);
    expect(await readingPoints(OTHER)).toBe(2);
    const told = await h.store.find<{ _id: string; memberId: string; key: string }>('outbox', {
      where: { kind: 'reading.announcement', key: `reading.guide:${d.id}` },
    });
    const members = await h.store.count('members', {
      active: true,
      roles: { $contains: 'member' },
    });
    expect(told).toHaveLength(members);
  });

  it('announces a period to every member once, on its first day, from the timer', async () => {
    await h.ok(STAFF, 'reading.savePeriod', {
      title: '下半年读书季',
      theme: '基层治理',
      startsOn: '2026-03-03',
      endsOn: '2026-08-31',
    });
    await onTimer(h.services);
    const tells = () => h.store.count('outbox', { kind: 'reading.announcement' });
    expect(await tells()).toBe(0);
    h.clock.advance(24 * 3600 * 1000);
    await onTimer(h.services);
    await onTimer(h.services);
    const members = await h.store.count('members', {
      active: true,
      roles: { $contains: 'member' },
    });
    expect(await tells()).toBe(members);
  });
});

describe('feeds page by cursor', () => {
  it('walks every page without repeats, featured first on demand', async () => {
    const { group } = await aClub(h);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await aNote(h, MEMBER, group.id, { title: `心得 ${i}` })).id);
      h.clock.advance(1000);
    }
    const first = await feed(OTHER, group.id);
    expect(first.items).toHaveLength(20);
    const second = await feed(OTHER, group.id, { cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual([...ids].reverse());

    await h.ok(OTHER, 'reading.feature', { postId: ids[3], featured: true });
    const ranked = await feed(OTHER, group.id, { featuredFirst: true });
    expect(ranked.items[0]!.id).toBe(ids[3]);
    expect(await h.err(THIRD, 'reading.feature', { postId: ids[4], featured: true })).toMatchObject(
      { code: 'AUTH.FORBIDDEN' },
    );
  });
});

describe('staff reports', () => {
  it('counts posts, characters and check-in days, and names who never posted; exports xlsx', async () => {
    const { group, period } = await aClub(h);
    await aNote(h, MEMBER, group.id, { title: '心得', body: '十个字的正文内容呀' });
    await h.ok(OTHER, 'reading.checkIn', { groupId: group.id, text: '打卡' });
    const r = await h.ok<{
      rows: Array<{
        label: string;
        posted: number;
        notes: number;
        checkIns: number;
        characters: number;
        checkInDays: number;
      }>;
      summary: { posted: number; neverPosted: unknown[]; members: number };
    }>(STAFF, 'reading.participation', { periodId: period.id, by: 'group' });
    expect(r.rows).toMatchObject([
      {
        label: '乡村振兴读书群',
        posted: 2,
        notes: 1,
        checkIns: 1,
        characters: 2 + 9 + 2,
        checkInDays: 1,
      },
    ]);
    expect(r.summary.posted).toBe(2);
    expect(r.summary.neverPosted).toHaveLength(r.summary.members - 2);
    const file = await h.ok<{ fileName: string; contentBase64: string }>(
      STAFF,
      'reading.exportParticipation',
      { periodId: period.id },
    );
    expect(file.fileName).toMatch(/\.xlsx$/);
    expect(Buffer.from(file.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('reading activities (读书活动) are meetings', () => {
  it('attending one scores reading.activity.attended; missing one costs nothing', async () => {
    const at = (t: string) => new Date(`${t}+08:00`);
    const m = await publishedMeeting(h, {
      kind: 'reading',
      title: '委员读书分享会',
      sessions: [
        {
          label: '下午',
          startsAt: '2026-03-05T14:00:00+08:00',
          endsAt: '2026-03-05T16:00:00+08:00',
        },
      ],
    });
    h.clock.set(at('2026-03-05T13:50:00'));
    await h.ok(MEMBER, 'meetings.checkIn', { token: await codeFor(h, m.id, 's1') });
    h.clock.set(at('2026-03-05T16:30:00'));
    await h.okUntilDone(STAFF, 'meetings.close', { meetingId: m.id });
    expect(await readingPoints(MEMBER)).toBe(2);
    expect(await readingPoints(OTHER)).toBe(0);
    const absent = await h.ok<MemberYearRecord>(OTHER, 'ledger.getMyRecord', {});
    expect(absent.total).toBe(absent.baseScore);
  });
});

describe('settings published before the reading club', () => {
  it('read the new post settings as their defaults', async () => {
    const { currentSettings } = await import('../../cloudfunctions/modules/settings');
    const old = { ...DEFAULT_SETTINGS, posts: { publishing: 'afterCheck' } };
    await h.store.insert('settings_versions', {
      _id: '1',
      version: 1,
      body: old,
      updatedAt: T0,
      updatedBy: '管理员',
      updatedById: 'x',
      note: null,
      changed: [],
    });
    await h.store.insert('settings', { _id: 'committee', version: 1 });
    expect((await currentSettings(h.store)).body.posts).toEqual(DEFAULT_SETTINGS.posts);
    const { group } = await aClub(h);
    expect((await aNote(h, MEMBER, group.id)).status).toBe('published');
  });
});
