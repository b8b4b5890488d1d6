import { messageOf } from '../services/errors';

/**
 * A toast without an icon holds about two short lines; anything longer is cut, and older
 * members cannot read a message that vanishes mid-sentence. Longer text goes to a modal that
 * stays until it is dismissed. Width counts a CJK character as 1 and ASCII as 1/2.
 */
export const TOAST_MAX_WIDTH = 14;

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return width;
}

/** Shows a message to read: a toast when it fits, else a modal with one button. */
export function showMessage(message: string, title = '提示'): void {
  if (textWidth(message) <= TOAST_MAX_WIDTH) {
    wx.showToast({ title: message, icon: 'none', duration: 2500 });
  } else {
    wx.showModal({ title, content: message, showCancel: false, confirmText: '知道了' });
  }
}

/** Turns any failure (an ApiCallError or anything thrown) into a message the member reads. */
export function showError(err: unknown): void {
  showMessage(messageOf(err));
}

/** A short confirmation such as 已复制 (a success icon leaves room for about 7 characters). */
export function showSuccess(title: string): void {
  if (textWidth(title) <= 7) wx.showToast({ title, icon: 'success', duration: 1500 });
  else showMessage(title);
}
