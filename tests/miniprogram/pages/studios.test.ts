/**
 * @jest-environment ./tests/miniprogram/preview/environment.js
 */
/**
 * The studio pages against the real handlers (support/live-backend): a resident raising a
 * matter, the host answering it and following up a consultation, a member turning an outcome
 * into a proposal draft the proposal editor goes on with, and the office's overview.
 */
import type {
  ConsultationDetail,
  MatterView,
  ProposalDetail,
  Page,
  StudioOverview,
} from '../../../typings/contracts';
import { knownClientDraftId } from '../../../miniprogram/utils/drafts';
import { answerModals, installStorage, typeText } from '../support/proposal-fixtures';
import { openLiveBackend, type LiveBackend } from '../support/live-backend';
import { callPage, flush, select, tap, textOf } from '../support/page';
import { wxMock } from '../support/wx';

let live: LiveBackend;
let platform: ReturnType<typeof installStorage>;

beforeEach(async () => {
  live = await openLiveBackend('unbound');
  platform = installStorage();
});
afterEach(() => live.close());

const seed = () => live.backend.seed.activity!;

const urls = (mock: jest.Mock) => mock.mock.calls.map((c) => (c[0] as { url: string }).url);

describe('a resident (群众) raises a matter', () => {
  const ROUTE = 'pages/studios/matter-new/index';

  it('keeps what was typed on the phone, refuses it incomplete, then sends it once', async () => {
    let page = await live.open(ROUTE, { studioId: seed().studioId });
    await typeText(page, '.topic-field', '垃圾分类点太远');
    // The app is closed and opened again: the words are still there.
    page = await live.open(ROUTE, { studioId: seed().studioId });
    expect((page.instance.data as { form: { topic: string } }).form.topic).toBe('垃圾分类点太远');

    await tap(page, '.send-button');
    expect(textOf(page)).toContain('请填写具体情况');

    await typeText(
      page,
      '.description-field',
      '小区只有一个垃圾分类点，在最北边，南区老人倒垃圾要走很远。',
    );
    await tap(page, '.send-button');
    await live.settle();
    const mine = await live.api<MatterView[]>('unbound', 'studios.myMatters', {});
    const sent = mine.find((m) => m.topic === '垃圾分类点太远')!;
    expect(sent).toMatchObject({ status: 'pending', studioId: seed().studioId });
    expect(urls(wxMock.redirectTo)).toEqual([`/pages/studios/matter/index?id=${sent.id}`]);
    expect([...platform.storage.keys()].some((k) => k.startsWith('form:matter:'))).toBe(false);
  });
});

describe('the host (工作室负责委员)', () => {
  it('answers a matter; the resident reads the reply', async () => {
    live.actAs('host');
    const page = await live.open('pages/studios/matter/index', { id: seed().pendingMatterId });
    expect(textOf(page)).toContain('王大爷');
    answerModals('街道正在和食堂商量，下月起试行晚餐。');
    await tap(page, '.answer-button');
    await live.settle();
    expect(textOf(page)).toContain('已答复');

    const seen = await live.api<MatterView>('unbound', 'studios.getMatter', {
      matterId: seed().pendingMatterId,
    });
    expect(seen).toMatchObject({
      status: 'answered',
      reply: '街道正在和食堂商量，下月起试行晚餐。',
    });
    expect(seen.contactName).toBeNull();
  });

  it('follows an outcome up and marks it carried out', async () => {
    live.actAs('host');
    const page = await live.open('pages/studios/consultation/index', { id: seed().consultationId });
    wxMock.showActionSheet.mockImplementationOnce(() =>
      Promise.resolve({ errMsg: 'showActionSheet:ok', tapIndex: 1 }),
    );
    answerModals('区住建局已起草补贴办法，征求意见中。');
    await tap(page, '.follow-up-button', 1);
    await live.settle();
    const c = await live.api<ConsultationDetail>('host', 'studios.getConsultation', {
      consultationId: seed().consultationId,
    });
    expect(c.outcomes[1]).toMatchObject({ done: true, overdue: false });
    expect(c.outcomes[1]!.followUps.at(-1)!.text).toBe('区住建局已起草补贴办法，征求意见中。');
    expect(textOf(page)).toContain('已落实');
  });

  it('plans a new consultation taking up a waiting matter', async () => {
    live.actAs('host');
    const page = await live.open('pages/studios/consultation-edit/index', {
      studioId: seed().studioId,
      matterId: seed().pendingMatterId,
    });
    await typeText(page, '.topic-field', '社区老年食堂晚餐');
    await callPage(page, 'onAddOutcome');
    await typeText(page, '.outcome-text', '试行晚餐供应一个月');
    await callPage(page, 'onSave');
    await live.settle();
    const redirected = urls(wxMock.redirectTo)[0]!;
    const id = redirected.split('id=')[1]!;
    const c = await live.api<ConsultationDetail>('host', 'studios.getConsultation', {
      consultationId: id,
    });
    expect(c).toMatchObject({ topic: '社区老年食堂晚餐', status: 'planned' });
    expect(c.matters.map((m) => m.id)).toEqual([seed().pendingMatterId]);
    expect(c.outcomes.map((o) => o.text)).toEqual(['试行晚餐供应一个月']);
  });
});

describe('a planned consultation published as a meeting (协商活动)', () => {
  it('the host picks the times and publishes; the member invited finds it among their meetings', async () => {
    live.actAs('host');
    const page = await live.open('pages/studios/consultation/index', {
      id: seed().plannedConsultationId,
    });
    await tap(page, '.open-button');
    const pick = async (selector: string, value: string) => {
      select(page, selector)!.dispatchEvent('change', { detail: { value } });
      await flush();
    };
    // An end before the start is refused on the phone, with the server's words.
    await pick('.start-picker', '15:00');
    await pick('.end-picker', '14:00');
    await tap(page, '.publish-button');
    expect(textOf(page)).toContain('结束时间应晚于开始时间');
    await pick('.end-picker', '17:00');
    await tap(page, '.publish-button');
    await live.settle();
    expect(textOf(page)).toContain('协商活动会议');
    expect(textOf(page)).toContain('邀请 2 人');

    const c = await live.api<ConsultationDetail>('host', 'studios.getConsultation', {
      consultationId: seed().plannedConsultationId,
    });
    expect(c.meeting).toMatchObject({ status: 'published' });
    expect(c.meeting!.startsAt).toBe(new Date(`${c.date}T15:00:00+08:00`).toISOString());
    const mine = await live.api<Page<{ id: string; kindLabel: string }>>(
      'member',
      'meetings.list',
      { scope: 'upcoming' },
    );
    expect(mine.items.find((m) => m.id === c.meeting!.id)).toMatchObject({ kindLabel: '协商活动' });
  });
});

describe('a member who was there (参加协商的委员)', () => {
  it('turns an outcome into a proposal draft that the proposal editor goes on with', async () => {
    live.actAs('member');
    const page = await live.open('pages/studios/consultation/index', { id: seed().consultationId });
    await tap(page, '.draft-proposal', 0);
    await live.settle();
    const [url] = urls(wxMock.navigateTo);
    expect(url).toMatch(/^\/pages\/proposals\/edit\/index\?id=pp_/);
    const draftId = url!.split('id=')[1]!;
    expect(knownClientDraftId('proposal', draftId)).not.toBeNull();

    const editor = await live.open('pages/proposals/edit/index', { id: draftId });
    expect((editor.instance.data as { status: string }).status).toBe('ready');
    expect((editor.instance.data as { form: { title: string } }).form.title).toBe(
      '关于老楼加装电梯的建议',
    );
    const draft = await live.api<ProposalDetail>('member', 'proposals.get', {
      proposalId: draftId,
    });
    expect(draft.timeline[0]!.note).toContain('和平街道委员工作室');
  });
});

describe('the office (政协机关)', () => {
  it('sees every studio, the overdue outcome and the waiting matter', async () => {
    live.actAs('staff');
    const page = await live.open('pages/staff/studios/index', {});
    const overview = (page.instance.data as { overview: StudioOverview }).overview;
    expect(overview.rows.map((r) => r.name)).toEqual(['和平街道委员工作室', '科技园区委员工作室']);
    expect(textOf(page)).toContain('建议区里出台老楼加装电梯补贴办法');
    expect(textOf(page)).toContain('社区食堂开到晚上');
  });
});
