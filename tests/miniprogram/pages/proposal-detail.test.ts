import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { markChanged } from '../../../miniprogram/kit/changes';
import {
  aHandledProposal,
  aProposal,
  answerModal,
  installStorage,
  typeText,
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
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/proposals/detail/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  installStorage();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

async function openDetail(detail = aProposal()): Promise<PageComponent> {
  answerWith('proposals.get', ok(detail));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', { id: detail.id });
  return page;
}

function view(page: PageComponent) {
  return select(page, '.proposal')!;
}

function text(page: PageComponent, selector: string): string {
  const node = select(page, selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return textOf(node);
}

describe('proposal detail', () => {
  it('shows the proposal: head, co-signers with their status, text and timeline', async () => {
    const page = await openDetail(
      aProposal({
        coSigners: [
          {
            memberId: 'm-002',
            name: '李明',
            sector: '教育界',
            status: 'confirmed',
            respondedAt: null,
          },
          { memberId: 'm-003', name: '张华', sector: null, status: 'invited', respondedAt: null },
        ],
      }),
    );

    const text = textOf(page);
    expect(text).toContain('关于加强社区养老服务的建议 1');
    expect(text).toContain('待审查');
    expect(text).toContain('联名提案');
    expect(text).toContain('王建华');
    expect(
      view(page)
        .querySelectorAll('.pv-cosigner')
        .map((n) => textOf(n)),
    ).toEqual(['李明教育界已确认', '张华待确认']);
    expect(textOf(view(page).querySelector('.pv-cause')!)).toContain('社区养老服务设施不足');
    expect(textOf(view(page).querySelector('.pv-step')!)).toContain('提交提案（王建华）');
  });

  it('shows only the buttons `can` allows', async () => {
    let page = await openDetail(aProposal({}, { withdraw: true }));
    expect(exists(page, '.withdraw-button')).toBe(true);
    expect(exists(page, '.edit-button')).toBe(false);
    expect(exists(page, '.cosign-confirm')).toBe(false);
    expect(exists(page, '.consent-yes')).toBe(false);
    expect(exists(page, '.evaluation')).toBe(false);

    page = await openDetail(aProposal({ status: 'draft' }, { edit: true, submit: true }));
    expect(exists(page, '.edit-button')).toBe(true);
    expect(exists(page, '.withdraw-button')).toBe(false);
    await tap(page, '.edit-button');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/proposals/edit/index?id=pp-001',
    });
  });

  it('lets an invited co-signer confirm', async () => {
    const page = await openDetail(
      aProposal(
        { status: 'cosigning', coSignDeadline: '2026-03-08T02:00:00.000Z' },
        { coSign: true },
      ),
    );
    expect(text(page, '.cosign-notice')).toContain('王建华邀请您联名这件提案');
    answerWith('proposals.respondCoSign', ok(aProposal({ status: 'cosigning' })));

    await tap(page, '.cosign-confirm');

    expect(callsTo('proposals.respondCoSign').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001', accept: true },
    ]);
    expect(exists(page, '.cosign-notice')).toBe(false);
  });

  it('asks before a co-signer declines', async () => {
    const page = await openDetail(aProposal({ status: 'cosigning' }, { coSign: true }));
    answerWith('proposals.respondCoSign', ok(aProposal()));
    answerModal(false);

    await tap(page, '.cosign-decline');
    expect(callsTo('proposals.respondCoSign')).toHaveLength(0);

    await tap(page, '.cosign-decline');
    expect(callsTo('proposals.respondCoSign').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001', accept: false },
    ]);
  });

  it('shows a closed co-signing and the proposal as it now is', async () => {
    const page = await openDetail(aProposal({ status: 'cosigning' }, { coSign: true }));
    answerWith('proposals.respondCoSign', fail('PROPOSAL.COSIGN_CLOSED', '联名确认已截止'));
    answerWith('proposals.get', ok(aProposal()));

    await tap(page, '.cosign-confirm');

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '联名确认已截止' }),
    );
    expect(exists(page, '.cosign-notice')).toBe(false);
  });

  describe('代录', () => {
    const entered = aProposal(
      { status: 'confirming', statusLabel: '待委员确认', submittedByStaff: 'm-staff' },
      { confirmEntry: true },
    );

    it('asks the member to confirm a proposal the office entered, and submits it on 确认提交', async () => {
      resetSession();
      answerWith('members.getMyProfile', ok(aProfile()));
      const page = await openDetail(entered);
      expect(text(page, '.entry-notice')).toContain('政协办公室根据您提交的材料代录了这件提案');
      answerWith('proposals.confirmEntry', ok(aProposal({ status: 'submitted' })));
      answerModal(true);
      await tap(page, '.entry-confirm');
      expect(callsTo('proposals.confirmEntry').map((c) => c.payload)).toEqual([
        { proposalId: 'pp-001', accept: true },
      ]);
      expect(exists(page, '.entry-notice')).toBe(false);
    });

    it('sends it back with the member’s reason', async () => {
      resetSession();
      answerWith('members.getMyProfile', ok(aProfile()));
      const page = await openDetail(entered);
      answerWith('proposals.confirmEntry', ok(aProposal({ status: 'draft' })));
      answerModal(true, '建议部分漏了第三条');
      await tap(page, '.entry-return');
      expect(callsTo('proposals.confirmEntry').map((c) => c.payload)).toEqual([
        { proposalId: 'pp-001', accept: false, note: '建议部分漏了第三条' },
      ]);
    });

    it('lets the office confirm for a member without a phone, saying how', async () => {
      resetSession();
      answerWith('members.getMyProfile', ok(aProfile({ id: 'm-staff', roles: ['staff'] })));
      const page = await openDetail(entered);
      expect(text(page, '.entry-notice')).toContain('等待委员确认');
      expect(exists(page, '.entry-return')).toBe(false);
      answerWith('proposals.confirmEntry', ok(aProposal({ status: 'submitted' })));
      answerModal(true, '委员无智能手机，已电话确认');
      await tap(page, '.entry-confirm');
      expect(callsTo('proposals.confirmEntry').map((c) => c.payload)).toEqual([
        { proposalId: 'pp-001', accept: true, note: '委员无智能手机，已电话确认' },
      ]);
    });
  });

  it('withdraws with a reason', async () => {
    const page = await openDetail(aProposal({}, { withdraw: true }));
    answerWith('proposals.withdraw', ok(aProposal({ status: 'draft' }, { edit: true })));
    answerModal(true, '需要补充调研数据');

    await tap(page, '.withdraw-button');

    expect(callsTo('proposals.withdraw').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001', reason: '需要补充调研数据' },
    ]);
    expect(exists(page, '.edit-button')).toBe(true);
  });

  it('checks the withdrawal reason as the server does', async () => {
    const page = await openDetail(aProposal({}, { withdraw: true }));
    answerModal(true, '改');

    await tap(page, '.withdraw-button');

    expect(callsTo('proposals.withdraw')).toHaveLength(0);
    expect(wxMock.showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '撤回原因至少 2 个字' }),
    );
  });

  it('reloads when shown again after a proposal changed, not after its own answer', async () => {
    const page = await openDetail(aProposal({ status: 'cosigning' }, { coSign: true }));
    answerWith('proposals.respondCoSign', ok(aProposal({ status: 'cosigning' })));
    await tap(page, '.cosign-confirm');
    await callPage(page, 'onShow');
    expect(callsTo('proposals.get')).toHaveLength(1);

    markChanged('proposals');
    await callPage(page, 'onShow');
    expect(callsTo('proposals.get')).toHaveLength(2);
  });

  it('lets the lead consent to a conversion, showing the office’s reason', async () => {
    const page = await openDetail(
      aProposal(
        { status: 'converting', reviewReason: '内容适合以社情民意形式反映' },
        { consentConvert: true },
      ),
    );
    expect(text(page, '.consent-notice')).toContain('内容适合以社情民意形式反映');
    answerWith(
      'proposals.consentConversion',
      ok(aProposal({ status: 'converted', convertedTo: 'op-9' })),
    );

    await tap(page, '.consent-yes');

    expect(callsTo('proposals.consentConversion').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001', consent: true },
    ]);
    await tap(view(page), '.pv-converted');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/opinions/detail/index?id=op-9' });
  });
});

describe('proposal detail: handling and evaluation', () => {
  it('shows units with roles, the deadline, overdue, replies with their class, the key proposal', async () => {
    const page = await openDetail(
      aHandledProposal({
        stage: 'assigned',
        overdue: true,
        key: { supervisor: '李主席', markedAt: '2026-03-12T02:00:00.000Z' },
        supervision: [{ at: '2026-04-01T02:00:00.000Z', note: '实地督办', by: '办公室' }],
      }),
    );

    const units = view(page)
      .querySelectorAll('.pv-unit')
      .map((n) => textOf(n));
    expect(units[0]).toContain('区民政局主办');
    expect(units[0]).toContain('B 类：正在解决或列入计划');
    expect(units[0]).toContain('我局已将社区养老服务设施建设列入今年工作计划。');
    expect(units[1]).toContain('区财政局会办尚未答复');
    expect(textOf(view(page).querySelector('.pv-deadline-value')!)).toBe(
      '2026-06-10 前答复（已超期）',
    );
    expect(textOf(view(page))).toContain('督办领导：李主席');
    expect(textOf(view(page).querySelector('.pv-supervision')!)).toContain('实地督办');
  });

  it('rates the reply with an overall rating, optional attitude and result, and a comment', async () => {
    const page = await openDetail(aHandledProposal({}, { evaluate: true }));
    answerWith('proposals.evaluate', ok(aHandledProposal({ stage: 'closed' })));

    await tap(page, '.evaluate-button');
    expect(text(page, '.evaluation-error')).toBe('请选择总体评价');
    expect(callsTo('proposals.evaluate')).toHaveLength(0);

    await tap(page, '.rate--rating', 0);
    await tap(page, '.rate--attitude', 1);
    await tap(page, '.rate--result', 2);
    await tap(page, '.rate--result', 2); // tapped again: no rating of the result
    await typeText(page, '.evaluation-comment', '答复及时，希望抓紧落实');
    await tap(page, '.evaluate-button');

    expect(callsTo('proposals.evaluate').map((c) => c.payload)).toEqual([
      {
        proposalId: 'pp-001',
        rating: 'satisfied',
        attitude: 'basic',
        comment: '答复及时，希望抓紧落实',
      },
    ]);
    expect(exists(page, '.evaluation')).toBe(false);
  });

  it('explains a missing proposal', async () => {
    answerWith('proposals.get', fail('PROPOSAL.NOT_FOUND', '未找到该提案'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'pp-x' });

    expect(exists(page, '.state--not-found')).toBe(true);
    expect(exists(page, '.retry')).toBe(false);
  });
});

describe('proposal detail: attachments', () => {
  it('lists the attachments and opens one', async () => {
    Object.assign(config, { transport: 'cloud' });
    const page = await openDetail(
      aProposal({
        attachments: [{ fileId: 'cloud://env/uploads/2025/x-调研.pdf', name: '调研.pdf' }],
      }),
    );
    expect(textOf(view(page))).toContain('调研.pdf');

    await tap(view(page), '.pv-attachment');

    expect(wxMock.cloud.downloadFile).toHaveBeenCalledWith({
      fileID: 'cloud://env/uploads/2025/x-调研.pdf',
    });
    expect(wxMock.openDocument).toHaveBeenCalledWith({
      filePath: 'http://tmp/x-调研.pdf',
      fileType: 'pdf',
    });
  });
});
