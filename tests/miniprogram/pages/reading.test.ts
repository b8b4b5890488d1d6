/**
 * @jest-environment ./tests/miniprogram/preview/environment.js
 */
/**
 * The reading club's member pages against the real handlers (support/live-backend): what a
 * member does on the page, then what the server holds afterwards.
 */
import type { FeedPage, GroupDetail, PostDetail } from '../../../typings/contracts';
import { changeCount } from '../../../miniprogram/kit/changes';
import { installStorage, typeText } from '../support/proposal-fixtures';
import { openLiveBackend, type LiveBackend } from '../support/live-backend';
import { callPage, exists, selectAll, tap, textOf, typeInto } from '../support/page';
import { wxMock } from '../support/wx';

let live: LiveBackend;

beforeEach(async () => {
  live = await openLiveBackend('member');
  installStorage();
});
afterEach(() => live.close());

const seed = () => live.backend.seed.activity!;

function toasts(): string[] {
  return wxMock.showToast.mock.calls.map((c) => (c[0] as { title: string }).title);
}

describe('reading group (读书群)', () => {
  const ROUTE = 'pages/reading/group/index';

  it('checks in for the day: the streak grows to 7, the box closes and the line is in the feed', async () => {
    const page = await live.open(ROUTE, { id: seed().readingGroupId });
    expect(textOf(page)).toContain('已连续打卡 6 天');
    const changes = changeCount(['reading']);

    await tap(page, '.check-in-button');
    expect(toasts()).toContain('请填写打卡内容');

    await typeInto(page, '.check-in-text', '今日读《乡土中国》第四章');
    await tap(page, '.check-in-button');
    await live.settle();

    expect(toasts().some((t) => t.includes('已连续打卡 7 天'))).toBe(true);
    expect(textOf(page)).toContain('今天已打卡');
    expect(exists(page, '.check-in-button')).toBe(false);
    expect(textOf(selectAll(page, '.feed-item')[0]!)).toContain('今日读《乡土中国》第四章');
    expect(changeCount(['reading'])).toBeGreaterThan(changes);

    const group = await live.api<GroupDetail>('member', 'reading.getGroup', {
      groupId: seed().readingGroupId,
    });
    expect(group.streak).toMatchObject({ current: 7, checkedInToday: true });
  });

  it('puts featured posts first when asked, and shows the member their post still in review', async () => {
    const page = await live.open(ROUTE, { id: seed().readingGroupId });
    await callPage(page, 'onFeatured', { detail: { value: true } });
    await live.settle();
    expect(textOf(selectAll(page, '.feed-item')[0]!)).toContain('精选');

    const draft = await live.api<PostDetail>('member', 'reading.saveDraft', {
      clientDraftId: 'test-waiting-01',
      revision: 1,
      groupId: seed().readingGroupId,
      title: '座谈会后的想法',
      body: '群众的诉求不能只靠上访，协商平台要用起来。',
    });
    await live.api('member', 'reading.publish', { postId: draft.id });
    await callPage(page, 'reload');
    await live.settle();
    expect(textOf(selectAll(page, '.waiting')[0]!)).toContain('座谈会后的想法');
    expect(textOf(selectAll(page, '.waiting')[0]!)).toContain('待审核');
  });
});

describe('the club feed (全会动态)', () => {
  const ROUTE = 'pages/reading/feed/index';

  it('reads page after page by cursor, a failed page retried at the foot, no post twice', async () => {
    for (let i = 0; i < 25; i += 1) {
      await live.api('member', 'reading.checkIn', {
        groupId: seed().readingGroupId,
        text: `第 ${i + 1} 条`,
      });
      // One check-in a day: the next one is tomorrow's.
      live.backend.clock.advance(24 * 3600 * 1000);
    }
    const total = (await live.api<FeedPage>('member', 'reading.feed', { scope: 'club', limit: 50 }))
      .items.length;
    expect(total).toBeGreaterThan(20);

    const page = await live.open(ROUTE, { scope: 'club' });
    expect(selectAll(page, '.feed-item')).toHaveLength(20);

    live.offline(true);
    await callPage(page, 'onReachBottom');
    await live.settle();
    expect(textOf(page)).toContain('重试');
    expect(selectAll(page, '.feed-item')).toHaveLength(20);

    live.offline(false);
    await callPage(page, 'loadMore');
    await live.settle();
    const ids = (page.instance.data as { items: Array<{ id: string }> }).items.map((p) => p.id);
    expect(ids).toHaveLength(Math.min(total, 40));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('opens a draft of mine in the editor and a sent post on its page', async () => {
    const page = await live.open(ROUTE, { scope: 'mine' });
    const items = (page.instance.data as { items: Array<{ id: string; status: string }> }).items;
    expect(items.length).toBeGreaterThan(0);
    await callPage(page, 'onOpen', { detail: { id: 'rpo_x', status: 'draft' } });
    await callPage(page, 'onOpen', { detail: { id: 'rpo_y', status: 'published' } });
    const urls = wxMock.navigateTo.mock.calls.map((c) => (c[0] as { url: string }).url);
    expect(urls).toEqual([
      '/pages/reading/edit/index?id=rpo_x',
      '/pages/reading/post/index?id=rpo_y',
    ]);
  });
});

describe('a post (读书心得)', () => {
  const ROUTE = 'pages/reading/post/index';

  it('likes and unlikes, and a comment appears under the post and on the server', async () => {
    live.actAs('staff');
    const page = await live.open(ROUTE, { id: seed().readingPostId });
    const before = { ...(page.instance.data as { post: PostDetail }).post };

    const shown = () => (page.instance.data as { post: PostDetail }).post;

    await tap(page, '.like-button');
    await live.settle();
    expect(shown()).toMatchObject({ liked: true, likeCount: before.likeCount + 1 });
    await tap(page, '.like-button');
    await live.settle();
    expect(shown()).toMatchObject({ liked: false, likeCount: before.likeCount });

    await typeInto(page, '.comment-text', '说得好，议事会要用起来');
    await tap(page, '.send-button');
    await live.settle();
    expect(textOf(page)).toContain('说得好，议事会要用起来');

    const after = await live.api<PostDetail>('member', 'reading.getPost', {
      postId: seed().readingPostId,
    });
    expect(after.commentCount).toBe(before.commentCount + 1);
    expect(after.likeCount).toBe(before.likeCount);
  });

  it('tells staff why a post is not shown to members', async () => {
    live.actAs('staff');
    const page = await live.open(ROUTE, { id: seed().readingRefusedPostId });
    expect(textOf(page)).toContain('内容安全检测');
  });
});

describe('the note editor (写读书心得)', () => {
  const ROUTE = 'pages/reading/edit/index';

  it('refuses an empty note on the page, then publishes one with its book', async () => {
    const page = await live.open(ROUTE, { groupId: seed().readingGroupId, kind: 'note' });
    await callPage(page, 'onSubmit');
    await live.settle();
    expect(textOf(page)).toContain('标题至少 2 个字');

    await typeText(page, '.title-field', '读《乡土中国》有感');
    await typeText(page, '.body-field', '熟人社会的规矩，在今天的社区治理里仍然看得见。');
    await tap(page, '.book');
    await callPage(page, 'onSubmit');
    await live.settle();

    const mine = await live.api<FeedPage>('member', 'reading.feed', { scope: 'mine' });
    const sent = mine.items.find((p) => p.title === '读《乡土中国》有感');
    expect(sent).toMatchObject({ status: 'published', bookId: seed().readingBookId });
    expect(wxMock.redirectTo.mock.calls.map((c) => (c[0] as { url: string }).url)).toContain(
      `/pages/reading/post/index?id=${sent!.id}`,
    );
  });
});

describe('changing a sent note (修改读书心得)', () => {
  const ROUTE = 'pages/reading/revise/index';
  const BODY = '差序格局讲由己及人。做委员联系群众，要从身边的人和事做起，把社区的情况摸清楚。';

  it('keeps the changes on the phone, then sends them whole and the note is checked again', async () => {
    let page = await live.open(ROUTE, { id: seed().readingMyPostId });
    await typeText(page, '.body-field', BODY);

    // The app is closed before saving: the changes are there when the page opens again.
    page = await live.open(ROUTE, { id: seed().readingMyPostId });
    expect(textOf(page)).toContain('已恢复上次未提交的修改');
    expect((page.instance.data as { form: { body: string } }).form.body).toBe(BODY);

    await tap(page, '.save-button');
    await live.settle();
    const post = await live.api<PostDetail>('member', 'reading.getPost', {
      postId: seed().readingMyPostId,
    });
    expect(post).toMatchObject({ body: BODY, status: 'published' });
    expect(wxMock.redirectTo.mock.calls.map((c) => (c[0] as { url: string }).url)).toEqual([
      `/pages/reading/post/index?id=${seed().readingMyPostId}`,
    ]);
    page = await live.open(ROUTE, { id: seed().readingMyPostId });
    expect(textOf(page)).not.toContain('已恢复');
  });

  it('says so when the note changed elsewhere meanwhile, the changes kept', async () => {
    const page = await live.open(ROUTE, { id: seed().readingMyPostId });
    await typeText(page, '.body-field', BODY);
    const now = await live.api<PostDetail>('member', 'reading.getPost', {
      postId: seed().readingMyPostId,
    });
    await live.api('member', 'reading.editPost', {
      postId: now.id,
      version: now.version,
      bookId: now.bookId,
      title: '在另一台手机上改过',
      body: now.body,
      photos: [],
    });
    await tap(page, '.save-button');
    await live.settle();
    const told = wxMock.showModal.mock.calls.map((c) => (c[0] as { content: string }).content);
    expect(told.some((t) => t.includes('已在别处修改过'))).toBe(true);
    expect((page.instance.data as { form: { body: string } }).form.body).toBe(BODY);

    // Saving again after a look replaces the other change.
    await tap(page, '.save-button');
    await live.settle();
    const after = await live.api<PostDetail>('member', 'reading.getPost', { postId: now.id });
    expect(after).toMatchObject({ title: now.title, body: BODY });
  });

  it('does not offer someone else’s note for changing', async () => {
    const page = await live.open(ROUTE, { id: seed().readingPostId });
    expect(textOf(page)).toContain('这篇内容现在不能修改');
    expect(exists(page, '.save-button')).toBe(false);
  });
});
