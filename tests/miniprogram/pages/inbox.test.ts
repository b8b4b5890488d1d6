import { config } from '../../../miniprogram/config';
import { anInboxItem, inboxPage, installMeetingWx } from '../support/meeting-fixtures';
import { callPage, exists, renderPage, tap, textOf, type PageComponent } from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/inbox/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

async function openInbox(total = 3, unread = 2): Promise<PageComponent> {
  answerWith('notify.listInbox', (payload) =>
    ok(inboxPage((payload as { page: number }).page, total, unread)),
  );
  answerWith('notify.markRead', ok({ marked: 1 }));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

describe('inbox page (消息通知)', () => {
  it('lists messages, unread ones bold with a dot', async () => {
    const page = await openInbox(3, 2);

    expect(payloads('notify.listInbox')).toEqual([{ page: 1, pageSize: 20 }]);
    expect(page.querySelectorAll('.message')).toHaveLength(3);
    expect(page.querySelectorAll('.message--unread')).toHaveLength(2);
    expect(page.querySelectorAll('.message__dot')).toHaveLength(2);
    const text = textOf(page);
    expect(text).toContain('2 条未读');
    expect(text).toContain('会议通知：七届第1次常委会议');
    expect(text).toContain('2025-03-01 10:00');
  });

  it('marks a message read on tap and opens its page', async () => {
    const page = await openInbox(3, 2);

    await tap(page, '.message', 0);

    expect(payloads('notify.markRead')).toEqual([{ ids: ['ib-001'] }]);
    expect(page.querySelectorAll('.message--unread')).toHaveLength(1);
    expect(textOf(page)).toContain('1 条未读');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/meetings/detail/index?id=mt-001',
    });
  });

  it('does not mark a read message again, and falls back to the tab for a tab page', async () => {
    answerWith(
      'notify.listInbox',
      ok({
        items: [anInboxItem(2, { link: '/pages/meetings/list/index' })],
        total: 1,
        page: 1,
        pageSize: 20,
        unread: 0,
      }),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    wxMock.navigateTo.mockRejectedValueOnce({
      errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
    });

    await tap(page, '.message', 0);

    expect(callsTo('notify.markRead')).toHaveLength(0);
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/meetings/list/index' });
  });

  it('follows no link that is not one of our pages', async () => {
    answerWith(
      'notify.listInbox',
      ok({
        items: [anInboxItem(1, { link: 'https://example.com/x' })],
        total: 1,
        page: 1,
        pageSize: 20,
        unread: 1,
      }),
    );
    answerWith('notify.markRead', ok({ marked: 1 }));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.message', 0);

    expect(callsTo('notify.markRead')).toHaveLength(1);
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
  });

  it('marks everything read', async () => {
    const page = await openInbox(3, 2);
    answerWith('notify.markRead', ok({ marked: 2 }));

    await tap(page, '.mark-all');

    expect(payloads('notify.markRead')).toEqual([{ all: true }]);
    expect(page.querySelectorAll('.message--unread')).toHaveLength(0);
    expect(exists(page, '.mark-all')).toBe(false);
    expect(textOf(page)).toContain('全部已读');
  });

  it('loads more at the bottom', async () => {
    const page = await openInbox(30, 5);

    await callPage(page, 'onReachBottom');

    expect(page.querySelectorAll('.message')).toHaveLength(30);
    expect(textOf(page)).toContain('已显示全部 30 条消息');
  });

  it('shows an empty state and an error with retry', async () => {
    const empty = await openInbox(0, 0);
    expect(exists(empty, '.state--empty')).toBe(true);

    answerWith(
      'notify.listInbox',
      fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'),
      ok(inboxPage(1, 1, 1)),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textOf(page)).toContain('系统繁忙');
    await tap(page, '.retry');
    expect(page.querySelectorAll('.message')).toHaveLength(1);
  });
});
