import type { MeetingDetail, RosterEntry } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { DEFAULT_SETTINGS } from '../../../miniprogram/generated/contract';
import { refreshSettings } from '../../../miniprogram/kit/settings';
import { aRosterEntry } from '../support/fixtures';
import { aStaffDetail, installMeetingWx, typeText } from '../support/meeting-fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  select,
  selectAll,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/meeting-edit/index';
const defaults = { ...config };
let platform: ReturnType<typeof installMeetingWx>;

beforeEach(() => {
  resetWx();
  platform = installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

/** Fires a native picker's change, as choosing a value in it does. */
async function pick(page: PageComponent, selector: string, value: string, index = 0) {
  const node = page.querySelectorAll(selector)[index];
  if (!node) throw new Error(`nothing matches ${selector} [${index}]`);
  node.dispatchEvent('change', { detail: { value } });
  await flush();
}

async function openNew(): Promise<PageComponent> {
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', {});
  return page;
}

/** A standing meeting on 2025-03-05 09:00–11:30, replies due 03-03 17:00, everyone invited. */
async function fillIn(page: PageComponent): Promise<void> {
  await pick(page, '.kind-picker', '1');
  await typeText(page, '.title-field', '七届第十次常委会议');
  await pick(page, '.session-date', '2025-03-05');
  await typeText(page, '.venue-name', '政协机关第一会议室');
  await pick(page, '.deadline-date', '2025-03-03');
}

const EXPECTED_BODY = {
  kind: 'standing',
  title: '七届第十次常委会议',
  sessions: [
    { label: '上午', startsAt: '2025-03-05T09:00:00+08:00', endsAt: '2025-03-05T11:30:00+08:00' },
  ],
  venue: {
    name: '政协机关第一会议室',
    address: '',
    latitude: null,
    longitude: null,
    radiusMeters: 300,
  },
  requireLocation: false,
  agenda: '',
  materials: [],
  invitees: { mode: 'all' },
  replyDeadline: '2025-03-03T17:00:00+08:00',
  checkInWindow: { beforeMinutes: 60, afterMinutes: 30 },
};

function created(overrides: Partial<MeetingDetail> = {}): MeetingDetail {
  return aStaffDetail(
    { id: 'mt-010', status: 'draft', version: 1, ...overrides },
    { publish: true, close: false },
  );
}

describe('meeting editor: checking', () => {
  it('shows what to fix and sends nothing', async () => {
    const page = await openNew();

    await tap(page, '.publish-button');

    expect(callsTo('meetings.create')).toHaveLength(0);
    for (const error of ['.error--kind', '.error--title', '.error--venue-name', '.error--deadline'])
      expect(exists(page, error)).toBe(true);
    expect(textOf(page)).toContain('请选择日期');
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '请选择会议类型' }),
    );
  });

  it('refuses a reply deadline after the start, and an end before the start', async () => {
    const page = await openNew();
    await fillIn(page);
    await pick(page, '.deadline-date', '2025-03-06');
    await pick(page, '.session-end', '08:00');

    await tap(page, '.save-button');

    expect(callsTo('meetings.create')).toHaveLength(0);
    expect(textOf(page)).toContain('结束时间应晚于开始时间');
  });

  it('requires the venue position when location check-in is on', async () => {
    const page = await openNew();
    await fillIn(page);
    await callPage(page, 'onRequireLocation', { detail: { value: true } });

    await tap(page, '.save-button');
    expect(callsTo('meetings.create')).toHaveLength(0);
    expect(textOf(page)).toContain('要求定位签到时，请先选择会场位置');

    await tap(page, '.choose-location');
    answerWith('meetings.create', ok(created()));
    await tap(page, '.save-button');

    expect(payloads('meetings.create')).toEqual([
      expect.objectContaining({
        requireLocation: true,
        venue: {
          name: '政协机关第一会议室',
          address: '人民路 1 号',
          latitude: 30.5,
          longitude: 114.3,
          radiusMeters: 300,
        },
      }),
    ]);
  });
});

describe('meeting editor: create and publish', () => {
  it('creates the meeting, then publishes it after confirmation and opens the board', async () => {
    const page = await openNew();
    await fillIn(page);
    answerWith('meetings.create', ok(created()));
    answerWith('meetings.publish', ok(created({ status: 'published', version: 2 })));

    await tap(page, '.publish-button');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '发布会议通知', confirmText: '发布' }),
    );
    expect(payloads('meetings.create')).toEqual([EXPECTED_BODY]);
    expect(payloads('meetings.publish')).toEqual([{ meetingId: 'mt-010' }]);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/staff/meeting-board/index?id=mt-010',
    });
  });

  it('publishes nothing when the confirmation is declined', async () => {
    const page = await openNew();
    await fillIn(page);
    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' });

    await tap(page, '.publish-button');

    expect(callsTo('meetings.create')).toHaveLength(0);
    expect(callsTo('meetings.publish')).toHaveLength(0);
  });

  it('saves a draft, then updates it with the version it got', async () => {
    const page = await openNew();
    await fillIn(page);
    answerWith('meetings.create', ok(created()));
    answerWith('meetings.update', ok(created({ version: 2 })));

    await tap(page, '.save-button');
    await typeText(page, '.title-field', '七届第十次常委会议（扩大）');
    await tap(page, '.save-button');

    expect(callsTo('meetings.create')).toHaveLength(1);
    expect(payloads('meetings.update')).toEqual([
      {
        meetingId: 'mt-010',
        version: 1,
        meeting: { ...EXPECTED_BODY, title: '七届第十次常委会议（扩大）' },
      },
    ]);
    expect(callsTo('meetings.publish')).toHaveLength(0);
  });

  it('adds an afternoon session after the morning, on the same day', async () => {
    const page = await openNew();
    await fillIn(page);
    answerWith('meetings.create', ok(created()));

    await tap(page, '.add-session');
    await tap(page, '.save-button');

    expect((payloads('meetings.create')[0] as { sessions: unknown }).sessions).toEqual([
      { label: '上午', startsAt: '2025-03-05T09:00:00+08:00', endsAt: '2025-03-05T11:30:00+08:00' },
      { label: '下午', startsAt: '2025-03-05T14:30:00+08:00', endsAt: '2025-03-05T17:30:00+08:00' },
    ]);
  });
});

describe('meeting editor: the draft on the phone', () => {
  it('keeps typing in storage and restores it after a restart', async () => {
    const page = await openNew();
    await typeText(page, '.title-field', '七届第十次常委会议');

    const stored = platform.storage.get('form:meeting:new') as { fields: { title: string } };
    expect(stored.fields.title).toBe('七届第十次常委会议');

    const again = await openNew();
    expect(again.data.form).toMatchObject({ title: '七届第十次常委会议' });
    expect(exists(again, '.restored')).toBe(true);
  });

  it('clears the stored copy once saved', async () => {
    const page = await openNew();
    await fillIn(page);
    answerWith('meetings.create', ok(created()));

    await tap(page, '.save-button');

    expect(platform.storage.has('form:meeting:new')).toBe(false);
    expect(platform.storage.has('form:meeting:mt-010')).toBe(false);
  });

  it('tells the user about a change made meanwhile and reloads the meeting', async () => {
    answerWith(
      'meetings.get',
      ok(created({ title: '原来的标题', version: 4 })),
      ok(created({ title: '别人改过的标题', version: 5 })),
    );
    answerWith('meetings.update', fail('STORE.CONFLICT', '会议已被他人修改，请刷新后再编辑'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-010' });
    expect(page.data.form).toMatchObject({ title: '原来的标题' });
    await typeText(page, '.title-field', '我改的标题');

    await tap(page, '.save-button');

    expect(payloads('meetings.update')).toEqual([
      expect.objectContaining({ meetingId: 'mt-010', version: 4 }),
    ]);
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '会议已被修改' }),
    );
    expect(callsTo('meetings.get')).toHaveLength(2);
    expect(page.data.form).toMatchObject({ title: '别人改过的标题' });
    expect(page.data.version).toBe(5);
    expect(platform.storage.has('form:meeting:mt-010')).toBe(false);
  });

  it('restores unsaved typing for the same version only', async () => {
    answerWith('meetings.get', ok(created({ title: '原来的标题', version: 4 })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-010' });
    await typeText(page, '.title-field', '我改的标题');

    const same = renderPage(ROUTE);
    await callPage(same, 'onLoad', { id: 'mt-010' });
    expect(same.data.form).toMatchObject({ title: '我改的标题' });

    answerWith('meetings.get', ok(created({ title: '别人改过的标题', version: 5 })));
    const newer = renderPage(ROUTE);
    await callPage(newer, 'onLoad', { id: 'mt-010' });
    expect(newer.data.form).toMatchObject({ title: '别人改过的标题' });
    expect(exists(newer, '.stale-draft')).toBe(true);
  });
});

describe('meeting editor: invitees', () => {
  function roster(): RosterEntry[] {
    return [
      aRosterEntry(1, { sector: '经济界', specialCommittee: '经济委' }),
      aRosterEntry(2, { sector: '经济界', specialCommittee: '提案委' }),
      aRosterEntry(3, { sector: '教育界', specialCommittee: null }),
      aRosterEntry(4, { sector: '医药卫生界', specialCommittee: '提案委' }),
    ];
  }

  /** The roster in pages of 2 (the page asks for 100; the answer decides). */
  function answerRoster(entries = roster()) {
    answerWith('members.listRoster', (payload) => {
      const { page = 1, keyword } = payload as { page?: number; keyword?: string };
      const found = keyword ? entries.filter((e) => e.name.includes(keyword)) : entries;
      const items = keyword ? found : found.slice((page - 1) * 2, page * 2);
      return ok({ items, total: found.length, page, pageSize: keyword ? 20 : 2 });
    });
  }

  it('offers the roster sectors (read page by page) and invites the ticked ones', async () => {
    answerRoster();
    const page = await openNew();
    await fillIn(page);

    await tap(page, '.mode--sectors');

    expect(payloads('members.listRoster')).toEqual([
      { role: 'member', page: 1, pageSize: 100 },
      { role: 'member', page: 2, pageSize: 100 },
    ]);
    expect(page.querySelectorAll('.choice--sector').map((n) => textOf(n))).toEqual([
      '经济界',
      '教育界',
      '医药卫生界',
    ]);
    await tap(page, '.choice--sector', 0);
    await tap(page, '.choice--sector', 2);
    answerWith('meetings.create', ok(created()));
    await tap(page, '.save-button');

    expect((payloads('meetings.create')[0] as { invitees: unknown }).invitees).toEqual({
      mode: 'sectors',
      sectors: ['经济界', '医药卫生界'],
    });
  });

  it('offers the special committees', async () => {
    answerRoster();
    const page = await openNew();

    await tap(page, '.mode--committees');

    expect(page.querySelectorAll('.choice--committee').map((n) => textOf(n))).toEqual([
      '提案委',
      '经济委',
    ]);
  });

  it('requires a choice for sectors', async () => {
    answerRoster();
    const page = await openNew();
    await fillIn(page);
    await tap(page, '.mode--sectors');

    await tap(page, '.save-button');

    expect(callsTo('meetings.create')).toHaveLength(0);
    expect(textOf(page)).toContain('请至少选择一个界别');
  });

  it('finds members by name and invites the ticked ones', async () => {
    answerRoster();
    const page = await openNew();
    await fillIn(page);
    await tap(page, '.mode--named');

    await tap(page, '.invitee-picker >>> .toggle');
    select(page, '.search__input')!.dispatchEvent('input', { detail: { value: '委员3' } });
    await tap(page, '.search__button');
    expect(payloads('members.listRoster').at(-1)).toEqual({
      keyword: '委员3',
      role: 'member',
      pageSize: 20,
    });
    await tap(page, '.result', 0);
    expect(textOf(page)).toContain('已选 1 人');
    answerWith('meetings.create', ok(created()));
    await tap(page, '.save-button');

    expect((payloads('meetings.create')[0] as { invitees: unknown }).invitees).toEqual({
      mode: 'named',
      memberIds: ['m-003'],
    });
  });

  it('names the invitees of a saved meeting from the roster', async () => {
    answerRoster();
    answerWith(
      'meetings.get',
      ok(created({ invitees: { mode: 'named', memberIds: ['m-002', 'm-004'] } })),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-010' });

    const chosen = selectAll(page, '.chosen').map((n) => textOf(n));
    expect(chosen.join(' ')).toContain('委员2');
    expect(chosen.join(' ')).toContain('委员4');
  });
});

describe('meeting editor: a published meeting', () => {
  it('asks before saving a change that invitees will be told about', async () => {
    answerWith('meetings.get', ok(created({ status: 'published', version: 3 })));
    answerWith('meetings.update', ok(created({ status: 'published', version: 4 })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-010' });
    expect(exists(page, '.publish-button')).toBe(false);

    await tap(page, '.save-button');

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '保存修改' }));
    expect(payloads('meetings.update')).toEqual([
      expect.objectContaining({ meetingId: 'mt-010', version: 3 }),
    ]);
  });

  it('refuses to edit a closed meeting', async () => {
    answerWith('meetings.get', ok(aStaffDetail({ status: 'closed' }, { edit: false })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-001' });

    expect(textOf(page)).toContain('会议已结束或已取消，不能再修改');
  });
});

describe('meeting editor: one-line fields', () => {
  it('keeps a long title on one line however it was typed', async () => {
    const page = await openNew();

    await typeText(page, '.title-field', '关于召开七届三次会议\n的通知');

    expect(page.data.form).toMatchObject({ title: '关于召开七届三次会议的通知' });
  });
});

describe('meeting editor: materials', () => {
  const LOCAL_ID = `${'0'.repeat(31)}1`;
  const chooseFiles = (...files: Array<{ name: string; size?: number }>) =>
    wxMock.chooseMessageFile.mockResolvedValueOnce({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: files.map((f, i) => ({
        path: `http://tmp/pick-${i}`,
        name: f.name,
        size: f.size ?? 1000,
        type: 'file',
        time: 0,
      })),
    });

  it('uploads picked files, lets the name be edited, and sends them with the meeting', async () => {
    const page = await openNew();
    await fillIn(page);
    chooseFiles({ name: '工作报告.pdf' });

    await tap(page, '.add-material');

    expect(wxMock.chooseMessageFile).toHaveBeenCalledWith({ count: 5, type: 'file' });
    expect(wxMock.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${config.localBaseUrl}/files`,
        filePath: 'http://tmp/pick-0',
        formData: { name: '工作报告.pdf' },
      }),
    );
    await typeInto(page, '.material-name', '常委会工作报告（审议稿）.pdf');
    answerWith('meetings.create', ok(created()));

    await tap(page, '.save-button');

    expect(payloads('meetings.create')).toEqual([
      {
        ...EXPECTED_BODY,
        materials: [{ fileId: `local://${LOCAL_ID}`, name: '常委会工作报告（审议稿）.pdf' }],
      },
    ]);
  });

  it('removes a material, and keeps it in the phone’s copy until then', async () => {
    const page = await openNew();
    chooseFiles({ name: '议程.docx' }, { name: '名单.xlsx' });

    await tap(page, '.add-material');
    expect(page.querySelectorAll('.material')).toHaveLength(2);
    expect(
      (platform.storage.get('form:meeting:new') as { fields: { materials: unknown[] } }).fields
        .materials,
    ).toHaveLength(2);

    await tap(page, '.remove-material', 0);

    expect(page.querySelectorAll('.material')).toHaveLength(1);
    expect(textOf(page)).not.toContain('资料 2');
    const draft = platform.storage.get('form:meeting:new') as {
      fields: { materials: Array<{ name: string }> };
    };
    expect(draft.fields.materials.map((m) => m.name)).toEqual(['名单.xlsx']);
  });

  it('keeps the files that uploaded and names the one that did not', async () => {
    const page = await openNew();
    chooseFiles({ name: '议程.docx' }, { name: '程序.exe' }, { name: '大文件.pdf', size: 30e6 });

    await tap(page, '.add-material');

    expect(wxMock.uploadFile).toHaveBeenCalledTimes(1);
    expect(page.querySelectorAll('.material')).toHaveLength(1);
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '以下文件未能上传',
        content: expect.stringContaining('大文件.pdf：文件不能超过 20 MB') as string,
      }),
    );
  });

  it('uploads to cloud storage in cloud mode', async () => {
    Object.assign(config, { transport: 'cloud' });
    const page = await openNew();
    chooseFiles({ name: '议程.docx' });

    await tap(page, '.add-material');

    expect(wxMock.cloud.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://tmp/pick-0' }),
    );
    expect(wxMock.uploadFile).not.toHaveBeenCalled();
    expect(textOf(page)).toContain('资料 1');
  });
});

describe('meeting editor: the committee’s settings', () => {
  afterEach(() => refreshSettings());

  it('starts a new meeting with the check-in window the committee set', async () => {
    refreshSettings();
    answerWith(
      'settings.get',
      ok({
        ...DEFAULT_SETTINGS,
        meetings: { checkInBeforeMinutes: 45, checkInAfterMinutes: 15 },
        version: 3,
        updatedAt: null,
        updatedBy: null,
        note: null,
      }),
    );
    const page = await openNew();
    await fillIn(page);
    answerWith('meetings.create', ok(created()));

    await tap(page, '.save-button');

    expect(payloads('meetings.create')).toEqual([
      { ...EXPECTED_BODY, checkInWindow: { beforeMinutes: 45, afterMinutes: 15 } },
    ]);
  });
});
