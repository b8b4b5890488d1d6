/** The roster page's own file handling: choosing a roster file (saving and opening: utils/files). */
import { MAX_ROSTER_FILE_BYTES } from '../../../generated/contract';
import { isCancel } from '../../../utils/files';

/** The size limit as the office reads it: `2 MB`. */
export const MAX_ROSTER_FILE_TEXT = `${Math.round(MAX_ROSTER_FILE_BYTES / 1024 / 1024)} MB`;

export interface ChosenFile {
  name: string;
  path: string;
  size: number;
}

/** A CSV or Excel file from a WeChat chat (where office staff keep them); null if cancelled. */
export async function chooseRosterFile(): Promise<ChosenFile | null> {
  try {
    const res = await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
    const file = res.tempFiles[0];
    return file ? { name: file.name, path: file.path, size: file.size } : null;
  } catch (err) {
    if (isCancel(err)) return null;
    throw err;
  }
}
