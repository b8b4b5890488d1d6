/**
 * @jest-environment ./tests/miniprogram/preview/environment.js
 */
/**
 * The office's reading club pages against the real handlers (support/live-backend): the
 * moderation queue, the book form with its cover, and the participation report.
 */
import type { Book, ModerationItem, ModerationQueue, PostDetail } from '../../../typings/contracts';
import { answerModals, installStorage } from '../support/proposal-fixtures';
import { openLiveBackend, type LiveBackend } from '../support/live-backend';
import { callPage, selectAll, tap, textOf, typeInto } from '../support/page';
import { wxMock } from '../support/wx';

interface ModerationPage {
  items: ModerationItem[];
  counts: Record<ModerationQueue, number>;
}

let live: LiveBackend;
let platform: ReturnType<typeof installStorage>;

beforeEach(async () => {
  live = await openLiveBackend('staff');
  platform = installStorage();
});
afterEach(() => live.close());

const seed = () => live.backend.seed.activity!;

describe('moderation queue (内容审核)', () => {
  const ROUTE = 'pages/staff/reading-moderation/index';

  it('approves the post waiting for review with a reason: it leaves the queue and is published', async () => {
    const page = await live.open(ROUTE);
    expect(textOf(page)).toContain('读书会后的几点想法');
    answerModals('经核查内容无问题');
    await tap(page, '.decide--approve');
    await live.settle();

    expect(selectAll(page, '.item')).toHaveLength(0);
    const post = await live.api<PostDetail>('staff', 'reading.getPost', {
      postId: seed().readingPendingPostId,
    });
    expect(post.status).toBe('published');
    const queue = await live.api<ModerationPage>('staff', 'reading.moderationQueue', {
      queue: 'review',
    });
    expect(queue.counts.review).toBe(0);
  });

  it('hides only after the warning is confirmed and a reason is given', async () => {
    const page = await live.open(ROUTE);
    answerModals(false);
    await tap(page, '.decide--hide');
    await live.settle();
    expect(selectAll(page, '.item')).toHaveLength(1);

    answerModals(true, '与读书主题无关');
    await tap(page, '.decide--hide');
    await live.settle();
    expect(selectAll(page, '.item')).toHaveLength(0);
    const hidden = await live.api<ModerationPage>('staff', 'reading.moderationQueue', {
      queue: 'hidden',
    });
    expect(hidden.items.map((i) => i.id)).toContain(seed().readingPendingPostId);
  });

  it('is for staff: a member sees it refused', async () => {
    live.actAs('member');
    const page = await live.open(ROUTE);
    expect(textOf(page)).toContain('仅限政协办公室工作人员使用');
  });
});

describe('book form (书目)', () => {
  const ROUTE = 'pages/staff/reading-edit/index';

  it('adds a book with its cover to the period', async () => {
    wxMock.chooseMedia.mockImplementationOnce(() =>
      Promise.resolve({
        errMsg: 'chooseMedia:ok',
        type: 'image',
        tempFiles: [{ tempFilePath: 'http://tmp/cover.jpg', size: 120_000, fileType: 'image' }],
      }),
    );
    const page = await live.open(ROUTE, { type: 'book', periodId: seed().readingPeriodId });
    await typeInto(page, '.title', '江村经济');
    await typeInto(page, '.author', '费孝通');
    await tap(page, '.add-cover');
    await live.settle();
    await callPage(page, 'onSave');
    await live.settle();

    const books = await live.api<Book[]>('staff', 'reading.listBooks', {
      periodId: seed().readingPeriodId,
    });
    const added = books.find((b) => b.title === '江村经济');
    expect(added).toMatchObject({ author: '费孝通', cover: { name: '封面.jpg' } });
    expect(platform.navigateBack).toHaveBeenCalled();
  });

  it('keeps the cover when a book is changed without touching it', async () => {
    const [first] = await live.api<Book[]>('staff', 'reading.listBooks', {
      periodId: seed().readingPeriodId,
    });
    const cover = { fileId: `local://${'a'.repeat(32)}`, name: '封面.jpg' };
    const { id, version, periodId, title, author } = first!;
    await live.api('staff', 'reading.saveBook', {
      bookId: id,
      version,
      periodId,
      title,
      author,
      cover,
    });

    const page = await live.open(ROUTE, {
      type: 'book',
      id: first!.id,
      periodId: seed().readingPeriodId,
    });
    await typeInto(page, '.publisher', '上海人民出版社');
    await callPage(page, 'onSave');
    await live.settle();
    const { book } = await live.api<{ book: Book }>('staff', 'reading.getBook', { bookId: id });
    expect(book).toMatchObject({ publisher: '上海人民出版社', cover });
  });
});

describe('participation report (读书参与统计)', () => {
  const ROUTE = 'pages/staff/reading-report/index';

  it('counts who took part, by group and by sector, and names who never posted', async () => {
    const page = await live.open(ROUTE);
    expect(textOf(page)).toContain('乡村振兴读书群');
    expect(textOf(page)).toMatch(/未发表的委员（\d+）/);
    await callPage(page, 'onBy', { detail: { value: 'sector' } });
    await live.settle();
    expect(textOf(page)).not.toContain('乡村振兴读书群');
  });
});
