import { api } from '../../../services/api';
import { showError, showMessage } from '../../../utils/toast';
import { isCancel, openFile, saveFile, shareFile } from '../../../utils/files';

export type ExportFormat = 'xlsx' | 'csv';

/** The phone's viewer cannot open every file (CSV on most Android phones): send it to a chat. */
async function offerShare(filePath: string, fileName: string): Promise<void> {
  const res = await wx.showModal({
    title: '无法直接打开',
    content: '本机无法直接打开该文件。可以发送到微信聊天，再在电脑上打开。',
    confirmText: '发送到聊天',
    cancelText: '取消',
  });
  if (!res.confirm) return;
  try {
    await shareFile(filePath, fileName);
  } catch (err) {
    if (!isCancel(err)) showMessage('无法发送该文件，请改用 Excel 格式导出');
  }
}

/** Exports the year's assessment, saves it on the phone and opens it (or offers to share it). */
export async function exportAssessment(year: number, format: ExportFormat): Promise<void> {
  wx.showLoading({ title: '正在导出', mask: true });
  try {
    const file = await api.ledger.exportAssessment({ year, format });
    let filePath: string;
    try {
      filePath = await saveFile(file.fileName, file.contentBase64);
    } catch {
      wx.hideLoading();
      showMessage('考核结果已导出，但无法保存到本机，请检查手机存储空间后重试');
      return;
    }
    try {
      await openFile(filePath, file.fileName);
      wx.hideLoading();
    } catch {
      wx.hideLoading();
      await offerShare(filePath, file.fileName);
    }
  } catch (err) {
    wx.hideLoading();
    showError(err);
  }
}
