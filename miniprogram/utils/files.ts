/** Reading, saving, opening and sharing files on the phone (imports and exports of the office). */

function errMsgOf(err: unknown): string {
  return typeof err === 'object' &&
    err !== null &&
    typeof (err as { errMsg?: unknown }).errMsg === 'string'
    ? (err as { errMsg: string }).errMsg
    : String(err);
}

/** The member closed a picker or a share sheet: not an error to report. */
export function isCancel(err: unknown): boolean {
  return /cancel/i.test(errMsgOf(err));
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
export function safeFileName(name: string, fallback = 'export'): string {
  const cleaned = name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^\.+/, '');
  return cleaned || fallback;
}

const OPENABLE = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const;
type OpenableType = (typeof OPENABLE)[number];

/** The types `wx.openDocument` names; anything else (CSV) it may or may not open. */
export function openableType(fileName: string): OpenableType | undefined {
  const ext = fileName.split('.').pop()?.toLowerCase();
  return OPENABLE.find((t) => t === ext);
}

/** Writes base64 content under the app's user data folder; resolves to the file's path. */
export function saveFile(fileName: string, contentBase64: string): Promise<string> {
  const filePath = `${wx.env.USER_DATA_PATH}/${safeFileName(fileName)}`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data: contentBase64,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: reject,
    });
  });
}

/** Opens a saved file in WeChat's viewer with the share menu shown. */
export function openFile(filePath: string, fileName: string): Promise<void> {
  const fileType = openableType(fileName);
  return new Promise((resolve, reject) => {
    wx.openDocument({
      filePath,
      showMenu: true,
      ...(fileType ? { fileType } : {}),
      success: () => resolve(),
      fail: reject,
    });
  });
}

/** Saves a file and opens it with the share menu shown; resolves to the saved path. */
export async function saveAndOpen(fileName: string, contentBase64: string): Promise<string> {
  const filePath = await saveFile(fileName, contentBase64);
  await openFile(filePath, fileName);
  return filePath;
}

/**
 * Sends a saved file to a WeChat chat (to open it on a computer): the way out for a file the
 * phone's viewer cannot open. Must follow a tap (a modal's confirm counts).
 */
export function shareFile(filePath: string, fileName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (typeof wx.shareFileMessage !== 'function') {
      reject({ errMsg: 'shareFileMessage:fail not supported' });
      return;
    }
    wx.shareFileMessage({ filePath, fileName, success: () => resolve(), fail: reject });
  });
}
