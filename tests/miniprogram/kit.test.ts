/**
 * The page kit's lifecycle: states, stale answers, forbidden, a quiet refresh, reload on return
 * after a change, the next page and its own retry. It drives the inbox page (a paged list on the
 * kit) with its `fetchPage` and `watch` hooks replaced, so the test decides every answer and its
 * order. (A fixture page in a second compile root cannot share the kit's components: the WXML
 * compiler numbers templates per root in one global cache, see preview/layout.test.ts.)
 */
import { markChanged } from '../../miniprogram/kit/changes';
import { ApiCallError } from '../../miniprogram/services/errors';
import { callPage, exists, flush, renderPage, tap, textOf } from './support/page';
import { resetWx, wxMock } from './support/wx';

interface Pending {
  page: number;
  resolve(value: { items: Array<{ id: string; title: string }>; total: number }): void;
  reject(err: unknown): void;
}

let pending: Pending[] = [];

beforeEach(() => {
  resetWx();
  pending = [];
});

const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${from + i}`,
    title: `第 ${from + i} 项`,
    body: '',
    timeText: '',
    unread: false,
    link: '',
  }));

async function answer(index: number, items: ReturnType<typeof rows>, total: number) {
  pending[index]!.resolve({ items, total });
  await flush();
}

function open() {
  const page = renderPage('pages/inbox/index');
  Object.assign(page.instance, {
    fetchPage: (page: number) =>
      new Promise((resolve, reject) => pending.push({ page, resolve, reject })),
    watch: () => ['proposals'],
  });
  void callPage(page, 'onLoad', {});
  return page;
}

describe('page kit: resource page and paged list', () => {
  it('shows loading, then the items, then the next page at the bottom', async () => {
    const page = open();
    await flush();
    expect(exists(page, '.state--loading')).toBe(true);
    await answer(0, rows(1, 20), 25);
    expect(textOf(page)).toContain('第 20 项');
    expect(textOf(page)).not.toContain('已显示全部');

    void callPage(page, 'onReachBottom');
    await flush();
    expect(pending[1]!.page).toBe(2);
    await answer(1, rows(21, 5), 25);
    expect(textOf(page)).toContain('第 25 项');
    expect(textOf(page)).toContain('已显示全部 25 条消息');
  });

  it('drops a stale answer: a slow first load never overwrites a newer one', async () => {
    const page = open();
    await flush();
    void callPage(page, 'onRetry');
    await flush();
    await answer(1, rows(100, 1), 1);
    await answer(0, rows(1, 3), 3);
    expect(textOf(page)).toContain('第 100 项');
    expect(textOf(page)).not.toContain('第 1 项');
  });

  it('says forbidden for AUTH.FORBIDDEN and shows the message with a retry otherwise', async () => {
    const page = open();
    await flush();
    pending[0]!.reject(new ApiCallError({ code: 'AUTH.FORBIDDEN', message: '' }));
    await flush();
    expect(exists(page, '.state--forbidden')).toBe(true);

    void callPage(page, 'onRetry');
    await flush();
    pending[1]!.reject(
      new ApiCallError({ code: 'SYSTEM.UNAVAILABLE', message: '服务暂时无法连接' }),
    );
    await flush();
    expect(textOf(page)).toContain('服务暂时无法连接');
    await tap(page, '.retry');
    await answer(2, [], 0);
    expect(textOf(page)).toContain('还没有消息');
  });

  it('keeps the list when a pull-down refresh fails, and says why', async () => {
    const page = open();
    await flush();
    await answer(0, rows(1, 2), 2);
    void callPage(page, 'onPullDownRefresh');
    await flush();
    expect(textOf(page)).toContain('第 2 项');
    pending[1]!.reject(new ApiCallError({ code: 'SYSTEM.UNAVAILABLE', message: '网络不好' }));
    await flush();
    expect(textOf(page)).toContain('第 2 项');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不好' }));
  });

  it('reloads on return only after a watched change', async () => {
    const page = open();
    await flush();
    await answer(0, rows(1, 1), 1);
    await callPage(page, 'onShow');
    expect(pending).toHaveLength(1);
    markChanged('meetings');
    await callPage(page, 'onShow');
    expect(pending).toHaveLength(1);
    markChanged('proposals');
    void callPage(page, 'onShow');
    await flush();
    expect(pending).toHaveLength(2);
  });

  it('gives a failed next page its own retry, keeping what is shown', async () => {
    const page = open();
    await flush();
    await answer(0, rows(1, 20), 30);
    void callPage(page, 'onReachBottom');
    await flush();
    pending[1]!.reject(new ApiCallError({ code: 'SYSTEM.UNAVAILABLE', message: '加载失败了' }));
    await flush();
    expect(textOf(page)).toContain('加载失败了');
    expect(textOf(page)).toContain('第 20 项');
    await tap(page, '.load-more-retry');
    await answer(2, rows(21, 10), 30);
    expect(textOf(page)).toContain('第 30 项');
  });
});

describe('page kit: cursor list', () => {
  interface CursorCall {
    cursor: string | undefined;
    resolve(value: { items: Array<{ id: string }>; nextCursor: string | null }): void;
    reject(err: unknown): void;
  }
  let calls: CursorCall[] = [];
  beforeEach(() => {
    calls = [];
  });

  const posts = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `p${from + i}`,
      kind: 'note',
      kindLabel: '读书心得',
      title: `心得 ${from + i}`,
      excerpt: '',
      status: 'published',
      statusLabel: '已发布',
      featured: false,
      photos: [],
      likeCount: 0,
      commentCount: 0,
      authorName: '王建国',
      groupName: '读书群',
    }));

  function openFeed() {
    const page = renderPage('pages/reading/feed/index');
    Object.assign(page.instance, {
      fetchCursor: (cursor: string | undefined) =>
        new Promise((resolve, reject) => calls.push({ cursor, resolve, reject })),
    });
    void callPage(page, 'onLoad', {});
    return page;
  }
  const ids = (page: ReturnType<typeof openFeed>) =>
    (page.instance.data as { items: Array<{ id: string }> }).items.map((p) => p.id);

  it('asks for the next page with the cursor it was given, and stops when there is none', async () => {
    const page = openFeed();
    await flush();
    expect(calls[0]!.cursor).toBeUndefined();
    calls[0]!.resolve({ items: posts(1, 2), nextCursor: 'c2' });
    await flush();
    void callPage(page, 'onReachBottom');
    await flush();
    expect(calls[1]!.cursor).toBe('c2');
    calls[1]!.resolve({ items: posts(3, 1), nextCursor: null });
    await flush();
    expect(ids(page)).toEqual(['p1', 'p2', 'p3']);
    await callPage(page, 'onReachBottom');
    expect(calls).toHaveLength(2);
    expect(textOf(page)).toContain('已显示全部 3 篇');
  });

  it('shows a failed next page at the foot with its own retry, the list kept', async () => {
    const page = openFeed();
    await flush();
    calls[0]!.resolve({ items: posts(1, 2), nextCursor: 'c2' });
    await flush();
    void callPage(page, 'loadMore');
    await flush();
    calls[1]!.reject(new ApiCallError({ code: 'SYSTEM.UNAVAILABLE', message: '网络不好' }));
    await flush();
    expect(ids(page)).toEqual(['p1', 'p2']);
    expect(textOf(page)).toContain('网络不好');
    void callPage(page, 'loadMore');
    await flush();
    expect(calls[2]!.cursor).toBe('c2');
  });

  it('drops a next page that answers after the list was reloaded', async () => {
    const page = openFeed();
    await flush();
    calls[0]!.resolve({ items: posts(1, 2), nextCursor: 'c2' });
    await flush();
    void callPage(page, 'loadMore');
    await flush();
    void callPage(page, 'reload', { quiet: true });
    await flush();
    calls[2]!.resolve({ items: posts(10, 1), nextCursor: null });
    await flush();
    calls[1]!.resolve({ items: posts(3, 1), nextCursor: null });
    await flush();
    expect(ids(page)).toEqual(['p10']);
  });

  it('takes one item out of the list on screen', async () => {
    const page = openFeed();
    await flush();
    calls[0]!.resolve({ items: posts(1, 3), nextCursor: null });
    await flush();
    await callPage(page, 'removeItem', 1);
    expect(ids(page)).toEqual(['p1', 'p3']);
  });
});
