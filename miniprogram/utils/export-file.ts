/**
 * An office export (Excel or CSV) from the server to the member's eyes: saved on the phone,
 * opened in WeChat's viewer, or, when the viewer cannot open it (CSV on most Android phones),
 * offered to be sent to a chat to open on a computer. Used by 考核结果 and 提案办理统计.
 */
import { isCancel, openFile, saveFile, shareFile } from './files';
import { confirmAction } from './prompt';
import { showError, showMessage } from './toast';

export interface ExportedFile {
  fileName: string;
  contentBase64: string;
}

export interface ExportTexts {
  /** What was exported, for the message when it cannot be saved: 考核结果, 统计表. */
  what: string;
  /** Said when sending to a chat failed: what to try instead. */
  shareFailed: string;
}

async function offerShare(filePath: string, fileName: string, texts: ExportTexts) {
  const send = await confirmAction({
    title: '无法直接打开',
    content: '本机无法直接打开该文件。可以发送到微信聊天，再在电脑上打开。',
    confirmText: '发送到聊天',
  });
  if (!send) return;
  try {
    await shareFile(filePath, fileName);
  } catch (err) {
    if (!isCancel(err)) showMessage(texts.shareFailed);
  }
}

/** Fetches the file under the loading toast, saves it and opens it (or offers to share it). */
export async function exportFile(
  fetch: () => Promise<ExportedFile>,
  texts: ExportTexts,
): Promise<void> {
  wx.showLoading({ title: '正在导出', mask: true });
  let file: ExportedFile;
  try {
    file = await fetch();
  } catch (err) {
    wx.hideLoading();
    showError(err);
    return;
  }
  let filePath: string;
  try {
    filePath = await saveFile(file.fileName, file.contentBase64);
  } catch {
    wx.hideLoading();
    showMessage(`${texts.what}已导出，但无法保存到本机，请检查手机存储空间后重试`);
    return;
  }
  try {
    await openFile(filePath, file.fileName);
    wx.hideLoading();
  } catch {
    wx.hideLoading();
    await offerShare(filePath, file.fileName, texts);
  }
}
