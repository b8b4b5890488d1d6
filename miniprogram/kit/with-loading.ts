import { showError } from '../utils/toast';

/**
 * Runs one call under WeChat's blocking loading toast (`title`, e.g. 正在导出), then hides it; a
 * failure is shown with the one error toast. Resolves to the call's result, or null after a
 * failure, so a handler reads `const done = await withLoading(…); if (!done) return;`.
 */
export async function withLoading<T>(title: string, work: () => Promise<T>): Promise<T | null> {
  wx.showLoading({ title, mask: true });
  try {
    const result = await work();
    wx.hideLoading();
    return result;
  } catch (err) {
    wx.hideLoading();
    showError(err);
    return null;
  }
}
