import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import type { LocalDraft } from '../../../miniprogram/utils/drafts';
import { contracts } from '../../../typings/contracts';
import { DEFAULT_SETTINGS, PROPOSAL_LIMITS } from '../../../miniprogram/generated/contract';
import {
  emptyFields,
  overLimitReason,
  saveDraftInput,
  submitProblems,
  type ProposalFields,
} from '../../../miniprogram/pages/proposals/edit/form';
import { aProfile } from '../support/fixtures';
import {
  aDirectoryEntry,
  aDraft,
  aSimilar,
  CAUSE,
  inputText,
  installStorage,
  pressNow,
  settle,
  SUGGESTION,
} from '../support/proposal-fixtures';
import { exists, renderPage, select, selectAll, textOf, type PageComponent } from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/proposals/edit/index';
const TITLE = '关于加强社区养老服务的建议';
const defaults = { ...config };
let platform: ReturnType<typeof installStorage>;

beforeEach(() => {
  jest.useFakeTimers();
  resetWx();
  resetSession();
  platform = installStorage();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
  answerWith('members.getMyProfile', ok(aProfile()));
  answerWith('proposals.findSimilar', ok({ items: [] }));
  // The server keeps what it was sent and answers with the draft (id from the device's id).
  answerWith('proposals.saveDraft', (payload) => {
    const p = payload as { title: string; cause: string; suggestion: string; revision: number };
    return ok(aDraft({ id: 'pp-new', ...p }));
  });
});
afterEach(() => jest.useRealTimers());
afterAll(() => Object.assign(config, defaults));

type Methods = Record<string, (...args: unknown[]) => unknown>;

async function openEditor(query: Record<string, string> = {}): Promise<PageComponent> {
  const page = renderPage(ROUTE);
  void (page.instance as unknown as Methods).onLoad!(query);
  await settle();
  return page;
}

type Saved = { clientDraftId: string; revision: number; title: string; cause: string };

function saves(): Saved[] {
  return callsTo('proposals.saveDraft').map((c) => c.payload as Saved);
}

/** Every draft of the phone's storage. */
function stored(): Array<LocalDraft<ProposalFields>> {
  return [...platform.storage.entries()]
    .filter(([key]) => key.startsWith('draft:proposal:'))
    .map(([, value]) => value as LocalDraft<ProposalFields>);
}

/** Taps a node inside the member picker (its nodes sit in the component's own tree). */
function tapInPicker(page: PageComponent, selector: string, index = 0): void {
  const node = selectAll(page, selector)[index];
  if (!node) throw new Error(`nothing matches ${selector} [${index}]`);
  node.dispatchEvent('tap');
}

function indicator(page: PageComponent): string {
  return textOf(page.querySelector('.save-indicator')!);
}

async function fillComplete(page: PageComponent) {
  inputText(page, '.title-field', TITLE);
  inputText(page, '.cause-field', CAUSE);
  inputText(page, '.suggestion-field', SUGGESTION);
  await settle();
}

describe('proposal editor: the phone keeps every edit', () => {
  it('stores each edit at once under one device draft id, with a growing revision', async () => {
    const page = await openEditor();

    inputText(page, '.title-field', '关于');
    await settle();
    inputText(page, '.title-field', TITLE);
    await settle();

    const drafts = stored();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ revision: 2, syncedRevision: 0, serverId: null });
    expect(drafts[0]!.fields.title).toBe(TITLE);
    expect(drafts[0]!.clientDraftId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(indicator(page)).toBe('已保存在本机');
    expect(textOf(page.querySelector('.count--title')!)).toBe(`${TITLE.length}/60`);
    expect(saves()).toEqual([]);
  });

  it('autosaves 2 s after typing stops, then each later edit with a higher revision and the same device id', async () => {
    const page = await openEditor();

    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(1500);
    inputText(page, '.cause-field', CAUSE);
    await jest.advanceTimersByTimeAsync(1990);
    expect(saves()).toHaveLength(0);
    await settle();
    await settle();

    expect(saves()).toHaveLength(1);
    expect(saves()[0]).toMatchObject({ revision: 2, title: TITLE, cause: CAUSE });
    expect(indicator(page)).toBe('已保存到云端');
    expect(stored()[0]).toMatchObject({ serverId: 'pp-new', syncedRevision: 2 });
    expect(platform.storage.get('draftIds:proposal')).toEqual({
      'pp-new': stored()[0]!.clientDraftId,
    });

    inputText(page, '.suggestion-field', SUGGESTION);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(saves()).toHaveLength(2);
    expect(saves()[1]!.revision).toBe(3);
    expect(saves()[1]!.clientDraftId).toBe(saves()[0]!.clientDraftId);
    expect(saves()[0]!.clientDraftId).toBe(stored()[0]!.clientDraftId);
  });

  it('says the draft is kept on the phone when the server cannot be reached, and syncs it later', async () => {
    answerWith(
      'proposals.saveDraft',
      NETWORK_DOWN,
      NETWORK_DOWN,
      NETWORK_DOWN,
      ok(aDraft({ id: 'pp-new' })),
    );
    const page = await openEditor();

    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(indicator(page)).toBe('已保存在本机，联网后同步');
    expect(stored()[0]).toMatchObject({ revision: 1, syncedRevision: 0 });
    expect(stored()[0]!.fields.title).toBe(TITLE);

    await jest.advanceTimersByTimeAsync(15000);
    await settle();

    expect(indicator(page)).toBe('已保存到云端');
    const sent = saves();
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => `${s.clientDraftId}#${s.revision}`)).size).toBe(1);
  });

  it('saves at once when the page is hidden', async () => {
    const page = await openEditor();
    inputText(page, '.title-field', TITLE);
    await settle();

    void (page.instance as unknown as Methods).onHide!();
    await settle();

    expect(saves()).toHaveLength(1);
  });

  it('picks up the phone copy after a restart, newer than the server’s, and goes on from its revision', async () => {
    platform.storage.set('drafts:proposal', ['dkept0000001']);
    platform.storage.set('draft:proposal:dkept0000001', {
      clientDraftId: 'dkept0000001',
      serverId: 'pp-001',
      revision: 9,
      syncedRevision: 7,
      fields: {
        title: TITLE,
        category: '教育',
        cause: CAUSE,
        suggestion: '',
        coSigners: [],
        collective: null,
      },
      editedAt: 1,
    });
    answerWith('proposals.get', ok(aDraft({ id: 'pp-001', title: '旧标题', revision: 7 })));

    const page = await openEditor({ id: 'pp-001' });

    expect(page.data.form).toMatchObject({ title: TITLE, category: '教育' });
    // Unsynced edits go to the server straight away.
    expect(saves()).toHaveLength(1);
    expect(saves()[0]).toMatchObject({ clientDraftId: 'dkept0000001', revision: 9, title: TITLE });

    inputText(page, '.suggestion-field', SUGGESTION);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(saves()[1]).toMatchObject({ clientDraftId: 'dkept0000001', revision: 10 });
  });

  it('edits a withdrawn proposal under the device id it was first saved with', async () => {
    platform.storage.set('draftIds:proposal', { 'pp-001': 'dkept0000001' });
    answerWith('proposals.get', ok(aDraft({ id: 'pp-001', title: TITLE, revision: 12 })));
    const page = await openEditor({ id: 'pp-001' });
    expect(page.data.form).toMatchObject({ title: TITLE, cause: CAUSE });
    expect(saves()).toHaveLength(0);

    inputText(page, '.cause-field', `${CAUSE}补充`);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(saves()).toEqual([
      expect.objectContaining({ clientDraftId: 'dkept0000001', revision: 13, title: TITLE }),
    ]);
  });

  it('does not edit a server draft this phone has no record of (it would make a second draft)', async () => {
    answerWith('proposals.get', ok(aDraft({ id: 'pp-009' })));
    const page = await openEditor({ id: 'pp-009' });

    expect(exists(page, '.state--foreign')).toBe(true);
    pressNow(page, '.open-foreign');
    await settle();
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/proposals/detail/index?id=pp-009',
    });
  });

  it('stops autosaving and opens the proposal once the server says it was submitted', async () => {
    answerWith('proposals.saveDraft', fail('PROPOSAL.NOT_EDITABLE', '提案已提交，不能再修改'));
    platform.storage.set('drafts:proposal', ['dkept0000001']);
    platform.storage.set('draft:proposal:dkept0000001', {
      clientDraftId: 'dkept0000001',
      serverId: 'pp-001',
      revision: 3,
      syncedRevision: 3,
      fields: {
        title: TITLE,
        category: '教育',
        cause: '',
        suggestion: '',
        coSigners: [],
        collective: null,
      },
      editedAt: 1,
    });
    answerWith('proposals.get', ok(aDraft({ id: 'pp-001', revision: 3 })));
    const page = await openEditor({ id: 'pp-001' });

    inputText(page, '.cause-field', CAUSE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/proposals/detail/index?id=pp-001',
    });
    expect(stored()).toEqual([]);
    inputText(page, '.cause-field', `${CAUSE}再改`);
    await jest.advanceTimersByTimeAsync(30000);
    expect(saves()).toHaveLength(1);
  });
});

describe('proposal editor: similar proposals', () => {
  it('looks them up 800 ms after the text changes and shows up to 5 with their score', async () => {
    answerWith(
      'proposals.findSimilar',
      ok({
        items: [1, 2, 3, 4, 5, 6].map((n) =>
          aSimilar(n, n === 3 ? { status: 'submitted', number: null } : {}),
        ),
      }),
    );
    const page = await openEditor();

    inputText(page, '.title-field', '关于养老');
    await jest.advanceTimersByTimeAsync(500);
    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(790);
    expect(callsTo('proposals.findSimilar')).toHaveLength(0);
    await settle();
    await settle();

    expect(callsTo('proposals.findSimilar').map((c) => c.payload)).toEqual([
      { title: TITLE, text: '', limit: 5 },
    ]);
    const items = page.querySelectorAll('.similar-item');
    expect(items).toHaveLength(5);
    expect(textOf(items[0]!)).toContain('关于完善居家养老服务体系的建议 1');
    expect(textOf(items[0]!)).toContain('相似度 80%');
    expect(textOf(items[0]!)).toContain('已立案');

    pressNow(page, '.similar-item', 1);
    await settle();
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/proposals/detail/index?id=pp-s2',
    });
    // One still in review is not readable by others: shown, but not a link.
    expect(textOf(items[2]!)).toContain('待审查 · 委员3 领衔（审查中，暂不公开）');
    pressNow(page, '.similar-item', 2);
    await settle();
    expect(wxMock.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('leaves the draft itself out once it is on the server', async () => {
    const page = await openEditor();
    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    inputText(page, '.cause-field', CAUSE);
    await jest.advanceTimersByTimeAsync(800);
    await settle();

    expect(callsTo('proposals.findSimilar').at(-1)!.payload).toEqual({
      title: TITLE,
      text: CAUSE,
      limit: 5,
      excludeId: 'pp-new',
    });
  });
});

describe('proposal editor: co-signers and collective', () => {
  it('finds members by name, leaves out the writer, adds and removes co-signers', async () => {
    answerWith(
      'members.listDirectory',
      ok({
        items: [aDirectoryEntry(1), aDirectoryEntry(2), aDirectoryEntry(3)],
        total: 3,
        page: 1,
        pageSize: 20,
      }),
    );
    const page = await openEditor();

    tapInPicker(page, '.toggle');
    await settle();
    select(page, '.search__input')!.dispatchEvent('input', { detail: { value: '委员' } });
    tapInPicker(page, '.search__button');
    await settle();

    expect(callsTo('members.listDirectory')[0]!.payload).toEqual({ keyword: '委员', pageSize: 20 });
    // m-001 is the writer (aProfile).
    expect(selectAll(page, '.result')).toHaveLength(2);
    tapInPicker(page, '.result', 0);
    await settle();
    tapInPicker(page, '.result', 1);
    await settle();
    expect(selectAll(page, '.chosen')).toHaveLength(2);
    expect(selectAll(page, '.result--on')).toHaveLength(2);
    tapInPicker(page, '.chosen', 0);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(callsTo('proposals.saveDraft').at(-1)!.payload).toMatchObject({
      coSignerIds: ['m-003'],
    });
    expect(page.data.form.coSigners).toEqual([
      expect.objectContaining({ id: 'm-003', name: aDirectoryEntry(3).name }),
    ]);
  });

  it('names a collective proposal after the writer’s sector', async () => {
    const page = await openEditor();
    await settle();
    pressNow(page, '.collective-toggle');
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(callsTo('proposals.saveDraft').at(-1)!.payload).toMatchObject({
      collective: { kind: 'sector', name: '经济界' },
    });
  });
});

describe('proposal editor: submitting', () => {
  it('asks for confirmation, saves the latest text, submits and opens the proposal', async () => {
    answerWith('proposals.submit', ok(aDraft({ id: 'pp-new', status: 'submitted' })));
    const page = await openEditor();
    await fillComplete(page);

    pressNow(page, '.submit-button');
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交提案' }));
    expect(saves()).toHaveLength(1);
    expect(saves()[0]!.revision).toBe(3);
    expect(callsTo('proposals.submit').map((c) => c.payload)).toEqual([{ proposalId: 'pp-new' }]);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/proposals/detail/index?id=pp-new',
    });
    expect(stored()).toEqual([]);
  });

  it('does nothing when the confirmation is cancelled', async () => {
    wxMock.showModal.mockResolvedValueOnce({
      confirm: false,
      cancel: true,
      errMsg: 'showModal:ok',
    });
    const page = await openEditor();
    await fillComplete(page);

    pressNow(page, '.submit-button');
    await settle();

    expect(callsTo('proposals.submit')).toHaveLength(0);
  });

  it('marks what is missing before asking', async () => {
    const page = await openEditor();
    inputText(page, '.title-field', TITLE);
    await settle();

    pressNow(page, '.submit-button');
    await settle();

    expect(wxMock.showModal).not.toHaveBeenCalledWith(
      expect.objectContaining({ title: '提交提案' }),
    );
    expect(textOf(page.querySelector('.error--cause')!)).toBe('案由至少 20 个字');
    expect(textOf(page.querySelector('.error--suggestion')!)).toBe('建议至少 20 个字');
    expect(exists(page, '.error--title')).toBe(false);
  });

  it('highlights the fields the server names as incomplete', async () => {
    answerWith(
      'proposals.submit',
      fail('PROPOSAL.INCOMPLETE', '请填写标题（至少 5 字）、案由和建议（各至少 20 字）后再提交', {
        fields: ['cause'],
      }),
    );
    const page = await openEditor();
    await fillComplete(page);

    pressNow(page, '.submit-button');
    await settle();

    expect(textOf(page.querySelector('.error--cause')!)).toBe('请填写案由（至少 20 个字）');
    expect(page.querySelectorAll('.box--error')).toHaveLength(1);
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({
        content: '请填写标题（至少 5 字）、案由和建议（各至少 20 字）后再提交',
      }),
    );
  });

  it('keeps the draft and says so when the latest text cannot reach the server', async () => {
    answerWith('proposals.saveDraft', NETWORK_DOWN);
    const page = await openEditor();
    await fillComplete(page);

    pressNow(page, '.submit-button');
    await settle();

    expect(callsTo('proposals.submit')).toHaveLength(0);
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '网络不通，提案已保存在本机。请联网后再提交。' }),
    );
    expect(stored()).toHaveLength(1);
  });
});

describe('proposal editor: attachments', () => {
  const LOCAL_ID = `${'0'.repeat(31)}1`;

  it('uploads a file from a chat, keeps it on the phone and saves it with the draft', async () => {
    const page = await openEditor();
    wxMock.chooseMessageFile.mockResolvedValueOnce({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [
        { path: 'http://tmp/a', name: '调研报告.pdf', size: 2048, type: 'file', time: 0 },
      ],
    });

    pressNow(page, '.add-attachment');
    await settle();

    expect(wxMock.chooseMessageFile).toHaveBeenCalledWith({ count: 9, type: 'file' });
    expect(wxMock.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: `${config.localBaseUrl}/files`, filePath: 'http://tmp/a' }),
    );
    expect(textOf(page)).toContain('调研报告.pdf');
    const attachment = { fileId: `local://${LOCAL_ID}`, name: '调研报告.pdf' };
    expect(stored()[0]!.fields.attachments).toEqual([attachment]);

    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(callsTo('proposals.saveDraft').at(-1)!.payload).toMatchObject({
      attachments: [attachment],
    });
  });

  it('adds photos, and removes an attachment', async () => {
    const page = await openEditor();
    wxMock.showActionSheet.mockResolvedValueOnce({ errMsg: 'showActionSheet:ok', tapIndex: 1 });
    wxMock.chooseMedia.mockResolvedValueOnce({
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: [
        { tempFilePath: 'http://tmp/p1.jpg', size: 1000, fileType: 'image' },
        { tempFilePath: 'http://tmp/p2.png', size: 1000, fileType: 'image' },
      ],
    });

    pressNow(page, '.add-attachment');
    await settle();

    expect(wxMock.chooseMedia).toHaveBeenCalledWith(
      expect.objectContaining({ count: 9, mediaType: ['image'] }),
    );
    expect(page.querySelectorAll('.attachment')).toHaveLength(2);
    expect(textOf(page)).toContain('照片2.png');

    pressNow(page, '.remove-attachment', 0);
    await settle();

    expect(stored()[0]!.fields.attachments.map((a) => a.name)).toEqual(['照片2.png']);
  });

  it('keeps the draft and what was uploaded when an upload fails', async () => {
    const page = await openEditor();
    inputText(page, '.title-field', TITLE);
    await settle();
    wxMock.chooseMessageFile.mockResolvedValueOnce({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [
        { path: 'http://tmp/a', name: '一.pdf', size: 10, type: 'file', time: 0 },
        { path: 'http://tmp/b', name: '二.pdf', size: 10, type: 'file', time: 0 },
      ],
    });
    wxMock.uploadFile
      .mockImplementationOnce((o: { success: (r: object) => void; formData: { name: string } }) => {
        o.success({
          statusCode: 200,
          data: JSON.stringify({
            ok: true,
            data: { fileId: `local://${LOCAL_ID}`, name: '一.pdf' },
          }),
        });
      })
      .mockImplementationOnce((o: { fail: (e: object) => void }) =>
        o.fail({ errMsg: 'uploadFile:fail' }),
      );

    pressNow(page, '.add-attachment');
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining('二.pdf：') as string }),
    );
    const draft = stored()[0]!;
    expect(draft.fields.title).toBe(TITLE);
    expect(draft.fields.attachments.map((a) => a.name)).toEqual(['一.pdf']);
  });
});

describe('proposal editor: the form checks what the server checks', () => {
  function draftOf(fields: Partial<ProposalFields>): LocalDraft<ProposalFields> {
    return {
      clientDraftId: 'dtest0001',
      serverId: null,
      revision: 1,
      syncedRevision: 0,
      fields: { ...emptyFields(), ...fields },
      editedAt: 0,
    };
  }

  it('holds back exactly the drafts the server’s saveDraft schema refuses', () => {
    const long = (n: number) => '字'.repeat(n);
    const cases: Array<Partial<ProposalFields>> = [
      { title: TITLE, cause: CAUSE, suggestion: SUGGESTION },
      { title: long(PROPOSAL_LIMITS.title) },
      { title: long(PROPOSAL_LIMITS.title + 1) },
      { cause: long(PROPOSAL_LIMITS.body - 10), suggestion: long(10) },
      { cause: long(PROPOSAL_LIMITS.body - 10), suggestion: long(11) },
      {
        attachments: Array.from({ length: PROPOSAL_LIMITS.attachments + 1 }, (_, i) => ({
          fileId: `cloud://f${i}`,
          name: `f${i}.pdf`,
        })),
      },
      { collective: { kind: 'sector', name: long(31) } },
    ];
    for (const fields of cases) {
      const draft = draftOf(fields);
      const server = contracts.proposals.saveDraft.input.safeParse(saveDraftInput(draft));
      expect({ fields, held: overLimitReason(draft) !== '' }).toEqual({
        fields,
        held: !server.success,
      });
    }
  });

  it('checks the minimums and categories of the committee’s settings', () => {
    const rules = { ...DEFAULT_SETTINGS.proposals, titleMin: 8, categories: ['教育', '医疗'] };
    const f = { ...emptyFields(), title: '关于养老的建议', cause: CAUSE, suggestion: SUGGESTION };
    expect(submitProblems(f, rules)).toEqual({
      title: '标题至少 8 个字',
      category: '请选择提案类别',
    });
    expect(submitProblems({ ...f, title: TITLE, category: '教育' }, rules)).toEqual({});
  });
});

describe('代录: office staff enter a member’s paper proposal', () => {
  beforeEach(() => {
    resetSession();
    answerWith('members.getMyProfile', ok(aProfile({ id: 'm-staff', roles: ['staff'] })));
  });

  it('asks staff who are not members whom it is for first, then saves it for that member', async () => {
    const page = await openEditor();
    expect(exists(page, '.for-member-picker')).toBe(true);
    expect(exists(page, '.title-field')).toBe(false);
    expect(textOf(select(page, '.for-member')!)).toContain('请先选择为哪位委员代录');

    (page.instance as unknown as Methods).onForMember!({
      detail: { value: [{ id: 'm-004', name: '李红', sector: '教育界' }] },
    });
    await settle();
    expect(exists(page, '.title-field')).toBe(true);
    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(callsTo('proposals.saveDraft').at(-1)!.payload).toMatchObject({
      title: TITLE,
      onBehalfOf: 'm-004',
    });
  });

  it('keeps a member’s own proposal for staff who are members, unless they pick one', async () => {
    resetSession();
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['member', 'staff'] })));
    const page = await openEditor();
    expect(exists(page, '.title-field')).toBe(true);
    expect(textOf(select(page, '.for-member')!)).toContain('为本人撰写可不选');
    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(callsTo('proposals.saveDraft').at(-1)!.payload).not.toHaveProperty('onBehalfOf');
  });
});
