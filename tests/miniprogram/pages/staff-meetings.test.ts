import { config } from '../../../miniprogram/config';
import { markChanged } from '../../../miniprogram/kit/changes';
import { aSummary, installMeetingWx, meetingsPage } from '../support/meeting-fixtures';
import {
  callPage,
  exists,
  renderPage,
  tap,
  textOf,
  type PageComponent,
  selectAll,
} from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/meetings/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

const STATUSES = [
  aSummary(1, { status: 'draft', myReply: null }),
  aSummary(2, { status: 'published', myReply: null }),
  aSummary(3, { status: 'cancelled', myReply: null }),
];

async function openList(): Promise<PageComponent> {
  answerWith('meetings.list', (payload) => {
    const { scope, page = 1 } = payload as { scope: string; page?: number };
    return scope === 'upcoming'
      ? ok({ items: STATUSES, total: 3, page, pageSize: 20 })
      : ok(meetingsPage(page, 1, 20, (n) => aSummary(n, { status: 'closed', myReply: null })));
  });
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

describe('staff meetings list (会议管理)', () => {
  it('lists every meeting with its status and no reply', async () => {
    const page = await openList();

    expect(callsTo('meetings.list').map((c) => c.payload)).toEqual([
      { all: true, scope: 'upcoming', page: 1, pageSize: 20 },
    ]);
    const cards = selectAll(page, '.meeting-card').map((c) => textOf(c));
    expect(cards[0]).toContain('草稿');
    expect(cards[1]).toContain('已发布');
    expect(cards[2]).toContain('已取消');
    expect(cards.join()).not.toContain('未回执');

    await tap(page, '.chip--past');
    expect(callsTo('meetings.list').at(-1)?.payload).toEqual({
      all: true,
      scope: 'past',
      page: 1,
      pageSize: 20,
    });
    expect(textOf(page)).toContain('已结束');
  });

  it('opens a draft in the editor and other meetings on the board', async () => {
    const page = await openList();

    await tap(page, '.meeting-card', 0);
    await tap(page, '.meeting-card', 1);

    expect(wxMock.navigateTo.mock.calls.map((c) => c[0])).toEqual([
      { url: '/pages/staff/meeting-edit/index?id=mt-001' },
      { url: '/pages/staff/meeting-board/index?id=mt-002' },
    ]);
  });

  it('creates a meeting, and reloads when shown after a change', async () => {
    const page = await openList();

    await tap(page, '.create-button');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/meeting-edit/index' });

    await callPage(page, 'onShow');
    expect(callsTo('meetings.list')).toHaveLength(1);
    markChanged('meetings');
    await callPage(page, 'onShow');
    expect(callsTo('meetings.list')).toHaveLength(2);
  });

  it('explains the page to a member', async () => {
    answerWith('meetings.list', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(exists(page, '.state--forbidden')).toBe(true);
  });
});
