import { ApiCallError } from '../../miniprogram/services/errors';
import { showError, showMessage, showSuccess, textWidth } from '../../miniprogram/utils/toast';
import { resetWx, wxMock } from './support/wx';

beforeEach(() => resetWx());

describe('showError', () => {
  it('shows a short message of an ApiCallError as a toast without an icon', () => {
    showError(new ApiCallError({ code: 'BIND.CODE_USED', message: '该邀请码已被使用' }));

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该邀请码已被使用', icon: 'none' }),
    );
    expect(wxMock.showModal).not.toHaveBeenCalled();
  });

  it('shows a long message in a modal that stays until dismissed', () => {
    const message = '该手机号不在委员名册中，请使用邀请码绑定或联系政协办公室';
    showError(new ApiCallError({ code: 'BIND.PHONE_NOT_ON_ROSTER', message }));

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: message, showCancel: false }),
    );
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });

  it('shows the generic message for anything that is not an ApiCallError', () => {
    showError(new TypeError('x is undefined'));

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '系统繁忙，请稍后再试', icon: 'none' }),
    );
  });

  it('never shows internal text from a thrown value', () => {
    showError({ errMsg: 'request:fail socket hang up' });

    const shown = JSON.stringify([wxMock.showToast.mock.calls, wxMock.showModal.mock.calls]);
    expect(shown).not.toContain('socket');
  });
});

describe('showMessage', () => {
  it('counts a CJK character as one and ASCII as half', () => {
    expect(textWidth('已复制')).toBe(3);
    expect(textWidth('2 MB')).toBe(2);
  });

  it('keeps a message of 14 characters in a toast and moves 15 to a modal', () => {
    showMessage('一二三四五六七八九十一二三四');
    expect(wxMock.showToast).toHaveBeenCalledTimes(1);

    showMessage('一二三四五六七八九十一二三四五');
    expect(wxMock.showModal).toHaveBeenCalledTimes(1);
  });
});

describe('showSuccess', () => {
  it('uses the success icon for a short confirmation', () => {
    showSuccess('绑定成功');
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '绑定成功', icon: 'success' }),
    );
  });
});
