/** 代录 of opinion reports and searching them, on the pages. */
import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import {
  anOpinion,
  anOpinionSummary,
  answerModal,
  inputText,
  installStorage,
  proposalsPage,
  settle,
} from '../support/proposal-fixtures';
import {
  callPage,
  exists,
  renderPage,
  select,
  tap,
  textOf,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, ok, resetWx } from '../support/wx';

const DETAIL = 'pages/opinions/detail/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  installStorage();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

const payloads = (action: string) => callsTo(action).map((c) => c.payload);
const entered = anOpinion(
  { status: 'confirming', statusLabel: '待委员确认', enteredBy: '办公室小周' },
  { confirmEntry: true },
);

async function openDetail(): Promise<PageComponent> {
  answerWith('opinions.get', ok(entered));
  const page = renderPage(DETAIL);
  await callPage(page, 'onLoad', { id: entered.id });
  return page;
}

describe('an opinion report entered for a member (代录)', () => {
  it('asks the member to confirm it, and sends it on 确认报送', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ id: 'm-001' })));
    const page = await openDetail();
    expect(textOf(select(page, '.entry')!)).toContain('政协办公室根据您提交的材料代录了这篇信息');
    answerWith('opinions.confirmEntry', ok(anOpinion({ status: 'submitted' })));
    answerModal(true);
    await tap(page, '.entry-confirm');
    expect(payloads('opinions.confirmEntry')).toEqual([{ opinionId: 'op-001', accept: true }]);
    expect(exists(page, '.entry')).toBe(false);
  });

  it('sends it back with the member’s reason', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ id: 'm-001' })));
    const page = await openDetail();
    answerWith('opinions.confirmEntry', ok(anOpinion({ status: 'draft' })));
    answerModal(true, '第二段的数字不对');
    await tap(page, '.entry-return');
    expect(payloads('opinions.confirmEntry')).toEqual([
      { opinionId: 'op-001', accept: false, note: '第二段的数字不对' },
    ]);
  });

  it('lets the office confirm for a member without a phone, saying how, and never send it back', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ id: 'm-staff', roles: ['staff'] })));
    const page = await openDetail();
    expect(textOf(select(page, '.entry')!)).toContain('等待委员确认');
    expect(exists(page, '.entry-return')).toBe(false);
    answerWith('opinions.confirmEntry', ok(anOpinion({ status: 'submitted' })));
    answerModal(false); // cancelled: nothing sent
    await tap(page, '.entry-confirm');
    expect(payloads('opinions.confirmEntry')).toEqual([]);
    answerModal(true, '委员无智能手机，已电话确认');
    await tap(page, '.entry-confirm');
    expect(payloads('opinions.confirmEntry')).toEqual([
      { opinionId: 'op-001', accept: true, note: '委员无智能手机，已电话确认' },
    ]);
  });
});

describe('entering a report for a member in the editor', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    answerWith('members.getMyProfile', ok(aProfile({ id: 'm-staff', roles: ['staff'] })));
  });
  afterEach(() => jest.useRealTimers());

  it('asks staff who are not members whom it is for first, then saves it for that member', async () => {
    answerWith('opinions.saveDraft', ok(anOpinion({ status: 'draft' }, { edit: true })));
    const page = renderPage('pages/opinions/edit/index');
    void (page.instance as unknown as { onLoad(q: object): unknown }).onLoad({});
    await settle();
    expect(exists(page, '.title-field')).toBe(false);
    expect(textOf(select(page, '.for-member')!)).toContain('请先选择为哪位委员代录');
    (page.instance as unknown as { onForMember(e: object): void }).onForMember({
      detail: { value: [{ id: 'm-004', name: '李红', sector: '教育界' }] },
    });
    await settle();
    inputText(page, '.title-field', '关于农村生活污水治理的情况反映');
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(payloads('opinions.saveDraft').at(-1)).toMatchObject({
      title: '关于农村生活污水治理的情况反映',
      onBehalfOf: 'm-004',
    });
  });
});

describe('searching opinion reports', () => {
  it('searches my reports, best first, and drops the phone’s own drafts meanwhile', async () => {
    answerWith('opinions.listMine', ok(proposalsPage(1, 1, (n) => anOpinionSummary(n))));
    const page = renderPage('pages/opinions/index');
    await callPage(page, 'onLoad');
    expect(payloads('opinions.listMine')).toEqual([{ page: 1, pageSize: 20 }]);
    await callPage(page, 'onSearch', { detail: { value: '充电' } });
    expect(payloads('opinions.listMine').at(-1)).toEqual({
      keyword: '充电',
      page: 1,
      pageSize: 20,
    });
    expect(textOf(select(page, '.list-total')!)).toContain('搜索结果');
    await callPage(page, 'onClearSearch');
    expect(payloads('opinions.listMine').at(-1)).toEqual({ page: 1, pageSize: 20 });
  });

  it('searches the office’s queue, and lists the entries waiting for members', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
    answerWith('opinions.reviewQueue', ok(proposalsPage(1, 1, (n) => anOpinionSummary(n))));
    const page = renderPage('pages/staff/opinion-review/index');
    await callPage(page, 'onLoad');
    await callPage(page, 'onSearch', { detail: { value: '王建华' } });
    expect(payloads('opinions.reviewQueue').at(-1)).toEqual({
      status: 'submitted',
      keyword: '王建华',
      page: 1,
      pageSize: 20,
    });
    await callPage(page, 'onQueue', { detail: { value: 'confirming' } });
    expect(payloads('opinions.reviewQueue').at(-1)).toMatchObject({ status: 'confirming' });
  });
});
