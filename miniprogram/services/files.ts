import { config } from '../config';
import { isCancel, openableType, safeFileName } from '../utils/files';

/**
 * The only code that uploads or downloads members' files (meeting materials, proposal
 * attachments). Cloud transport: CloudBase storage (`cloud://…` file ids). Local transport: the
 * local runtime's `POST <localBaseUrl>/files` (`local://<id>` file ids). Opening a file picks
 * the way by its id, so a file opens wherever it was stored.
 */
export interface StoredFile {
  fileId: string;
  name: string;
}

/** Kept in step with the local runtime's limit (scripts/local/files.ts). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const UPLOAD_TYPES = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'jpg',
  'jpeg',
  'png',
  'txt',
  'csv',
] as const;
const IMAGE_TYPES = ['jpg', 'jpeg', 'png'];
const LOCAL_PREFIX = 'local://';

/** A failure to tell the member as it is (the message is theirs to read). */
export class FileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileError';
  }
}

/** What the member reads after a failed upload or open; '' when they cancelled. */
export function fileMessageOf(err: unknown, fallback = '文件处理失败，请稍后重试'): string {
  if (err instanceof FileError) return err.message;
  if (isCancel(err)) return '';
  return fallback;
}

function extensionOf(name: string): string {
  return name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
}

/** Why a chosen file cannot be uploaded, or ''. */
export function uploadProblem(name: string, size?: number): string {
  if (!(UPLOAD_TYPES as readonly string[]).includes(extensionOf(name)))
    return '只能上传 PDF、Word、Excel（含 CSV）、PPT、图片或文本文件';
  if (size !== undefined && size > MAX_UPLOAD_BYTES) return '文件不能超过 20 MB';
  return '';
}

export interface UploadOptions {
  /** The file's size in bytes when known (the pickers say it): checked before sending. */
  size?: number;
  /** 0..100 as the upload goes. */
  onProgress?: (percent: number) => void;
}

/** A file a picker returned. */
export interface PickedFile {
  path: string;
  name: string;
  size?: number;
}

/**
 * Uploads chosen files one after another, telling `onStatus` which one is going and how far
 * ('' when done) and handing each stored file to `onStored` as soon as it is kept, so a later
 * failure loses none before it. Resolves to a line per file that failed (name: why).
 */
export async function uploadEach(
  files: readonly PickedFile[],
  onStatus: (text: string) => void,
  onStored: (file: StoredFile) => void,
): Promise<string[]> {
  const failed: string[] = [];
  for (const [i, file] of files.entries()) {
    const counter = files.length > 1 ? `（${i + 1}/${files.length}）` : '';
    onStatus(`正在上传${counter}…`);
    try {
      const stored = await uploadFile(file.path, file.name, {
        ...(file.size === undefined ? {} : { size: file.size }),
        onProgress: (p) => onStatus(`正在上传${counter}… ${p}%`),
      });
      onStored(stored);
    } catch (err) {
      failed.push(`${file.name}：${fileMessageOf(err, '上传失败，请稍后重试')}`);
    }
  }
  onStatus('');
  return failed;
}

/** Uploads a file the member chose; resolves to what a meeting or proposal keeps. */
export function uploadFile(
  localPath: string,
  name: string,
  options: UploadOptions = {},
): Promise<StoredFile> {
  const problem = uploadProblem(name, options.size);
  if (problem) return Promise.reject(new FileError(problem));
  return config.transport === 'cloud'
    ? uploadToCloud(localPath, name, options)
    : uploadToLocal(localPath, name, options);
}

function randomPart(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function uploadToCloud(
  filePath: string,
  name: string,
  { onProgress }: UploadOptions,
): Promise<StoredFile> {
  const year = new Date().getFullYear();
  const cloudPath = `uploads/${year}/${randomPart()}-${safeFileName(name, 'file')}`;
  return new Promise((resolve, reject) => {
    const task = wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve({ fileId: res.fileID, name }),
      fail: () => reject(new FileError('上传失败，请检查网络后重试')),
    });
    if (onProgress) task?.onProgressUpdate?.((p) => onProgress(p.progress));
  });
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return null;
  }
}

function uploadToLocal(
  filePath: string,
  name: string,
  { onProgress }: UploadOptions,
): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const task = wx.uploadFile({
      url: `${config.localBaseUrl}/files`,
      filePath,
      name: 'file',
      header: { 'X-WX-OPENID': config.devOpenid },
      formData: { name },
      timeout: 120000,
      success: (res) => {
        const body = parseJson(res.data) as {
          ok?: boolean;
          data?: Partial<StoredFile>;
          error?: { message?: string };
        } | null;
        const stored = body?.ok ? body.data : undefined;
        if (typeof stored?.fileId === 'string' && stored.fileId.startsWith(LOCAL_PREFIX)) {
          resolve({ fileId: stored.fileId, name: stored.name || name });
        } else if (res.statusCode === 413) {
          reject(new FileError('文件不能超过 20 MB'));
        } else {
          reject(new FileError(body?.error?.message || '上传失败，请稍后重试'));
        }
      },
      fail: () => reject(new FileError('上传失败，请检查本地服务是否已启动')),
    });
    if (onProgress) task?.onProgressUpdate?.((p) => onProgress(p.progress));
  });
}

function downloadFromLocal(id: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url: `${config.localBaseUrl}/files/${encodeURIComponent(id)}`,
      header: { 'X-WX-OPENID': config.devOpenid },
      success: (res) =>
        res.statusCode === 200
          ? resolve(res.tempFilePath)
          : reject(new FileError(res.statusCode === 404 ? '文件不存在或已被删除' : '文件下载失败')),
      fail: reject,
    });
  });
}

/**
 * Where an `<image>` can show a stored picture: a cloud file id as it is (the image component
 * reads cloud:// ids itself), a local runtime file downloaded first (it needs the caller's
 * header, which an image request cannot send).
 */
export function imageSourceOf(file: StoredFile): Promise<string> {
  return file.fileId.startsWith(LOCAL_PREFIX)
    ? downloadFromLocal(file.fileId.slice(LOCAL_PREFIX.length))
    : Promise.resolve(file.fileId);
}

/**
 * Downloads a stored file and shows it: pictures in the image viewer, documents in WeChat's
 * reader (no share menu: committee files are for the members they were given to).
 */
export async function openFile(file: StoredFile): Promise<void> {
  const filePath = file.fileId.startsWith(LOCAL_PREFIX)
    ? await downloadFromLocal(file.fileId.slice(LOCAL_PREFIX.length))
    : (await wx.cloud.downloadFile({ fileID: file.fileId })).tempFilePath;
  if (IMAGE_TYPES.includes(extensionOf(file.name))) {
    await wx.previewImage({ urls: [filePath], current: filePath });
    return;
  }
  const fileType = openableType(file.name);
  await wx.openDocument({ filePath, ...(fileType ? { fileType } : {}) });
}
