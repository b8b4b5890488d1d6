/** The roster page's file handling: choosing, reading and opening files on the phone. */

/** Mirrors the contract's MAX_ROSTER_FILE_BYTES (checked by a test): refuse before uploading. */
export const MAX_ROSTER_FILE_BYTES = 2 * 1024 * 1024;

export interface ChosenFile {
  name: string;
  path: string;
  size: number;
}

function errMsgOf(err: unknown): string {
  return typeof err === 'object' &&
    err !== null &&
    typeof (err as { errMsg?: unknown }).errMsg === 'string'
    ? (err as { errMsg: string }).errMsg
    : String(err);
}

export function isCancel(err: unknown): boolean {
  return /cancel/i.test(errMsgOf(err));
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

export function readBase64(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (res) => resolve(typeof res.data === 'string' ? res.data : ''),
      fail: reject,
    });
  });
}

/** Keeps the server's name readable but safe as a local path. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^\.+/, '');
  return cleaned || 'roster.xlsx';
}

const OPENABLE = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const;
type OpenableType = (typeof OPENABLE)[number];

function openableType(fileName: string): OpenableType | undefined {
  const ext = fileName.split('.').pop()?.toLowerCase();
  return OPENABLE.find((t) => t === ext);
}

/** Saves a file under the app's user data folder and opens it with the share menu shown. */
export function saveAndOpen(fileName: string, contentBase64: string): Promise<string> {
  const filePath = `${wx.env.USER_DATA_PATH}/${safeFileName(fileName)}`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data: contentBase64,
      encoding: 'base64',
      fail: reject,
      success: () => {
        const fileType = openableType(fileName);
        wx.openDocument({
          filePath,
          showMenu: true,
          ...(fileType ? { fileType } : {}),
          success: () => resolve(filePath),
          fail: reject,
        });
      },
    });
  });
}
