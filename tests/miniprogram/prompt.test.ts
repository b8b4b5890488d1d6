import { checkInput } from '../../miniprogram/kit/validate';
import { askText, checkAt } from '../../miniprogram/utils/prompt';
import { resetWx, wxMock } from './support/wx';

beforeEach(() => resetWx());

function answers(...contents: Array<string | null>): void {
  for (const content of contents) {
    wxMock.showModal.mockResolvedValueOnce(
      content === null
        ? { errMsg: 'showModal:ok', confirm: false, cancel: true, content: '' }
        : { errMsg: 'showModal:ok', confirm: true, cancel: false, content },
    );
  }
}

/** The contract's own check of a rejection reason (written('不予立案的理由', 2, 500)). */
const rejectReason = checkAt('reason', (text) =>
  checkInput('proposals', 'reject', { proposalId: 'pp-001', version: 3, reason: text }),
);

describe('checkAt', () => {
  it('gives the server’s message for the path, null when that field passes', () => {
    expect(rejectReason('好')).toBe('不予立案的理由至少 2 个字');
    expect(rejectReason('x'.repeat(501))).toBe('不予立案的理由不能超过 500 个字');
    expect(rejectReason('不属于提案范围')).toBeNull();
  });

  it('ignores problems of other fields: only the typed text is the member’s to fix', () => {
    const check = checkAt('reason', (text) =>
      checkInput('proposals', 'reject', { proposalId: '', version: 0, reason: text }),
    );
    expect(check('不属于提案范围')).toBeNull();
  });
});

describe('askText with a check', () => {
  it('resolves to the trimmed text the check accepts', async () => {
    answers('  不属于提案范围  ');

    await expect(
      askText({ title: '不予立案的理由', placeholder: '', check: rejectReason }),
    ).resolves.toBe('不属于提案范围');
    expect(wxMock.showModal).toHaveBeenCalledTimes(1);
    expect(wxMock.showModal.mock.calls[0][0]).toMatchObject({
      title: '不予立案的理由',
      editable: true,
      content: '',
    });
  });

  it('asks again with the check’s message as the title and the text kept', async () => {
    answers(' 好 ', '属于个人诉求');

    await expect(
      askText({ title: '不予立案的理由', placeholder: '', check: rejectReason }),
    ).resolves.toBe('属于个人诉求');
    expect(wxMock.showModal.mock.calls[1][0]).toMatchObject({
      title: '不予立案的理由至少 2 个字',
      content: '好',
    });
  });

  it('keeps no more than the input’s cap for the next attempt', async () => {
    answers('x'.repeat(510), 'x'.repeat(20));

    await askText({ title: 't', placeholder: '', maxLength: 500, check: rejectReason });
    expect(wxMock.showModal.mock.calls[1][0]).toMatchObject({
      title: '不予立案的理由不能超过 500 个字',
      content: 'x'.repeat(500),
    });
  });

  it('gives up after three refused answers and shows the message; nothing is sent', async () => {
    answers('', '好', '');

    await expect(askText({ title: 't', placeholder: '', check: rejectReason })).resolves.toBeNull();
    expect(wxMock.showModal).toHaveBeenCalledTimes(3);
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '不予立案的理由至少 2 个字' }),
    );
  });

  it('is null when cancelled, even after a refusal', async () => {
    answers('好', null);

    await expect(askText({ title: 't', placeholder: '', check: rejectReason })).resolves.toBeNull();
    expect(wxMock.showModal).toHaveBeenCalledTimes(2);
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });

  it('takes an empty answer when the field is optional in the contract', async () => {
    const note = checkAt('note', (text) =>
      checkInput('meetings', 'decideLeave', {
        meetingId: 'mt-001',
        memberId: 'm-001',
        approve: false,
        ...(text ? { note: text } : {}),
      }),
    );
    answers('   ');

    await expect(askText({ title: 't', placeholder: '', check: note })).resolves.toBe('');
  });
});
