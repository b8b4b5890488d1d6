import type { FileStorePort } from '../ports/file-store';

/** The part of wx-server-sdk that reads cloud storage. */
export interface CloudDownload {
  downloadFile(args: { fileID: string }): Promise<{ fileContent: Buffer }>;
}

/**
 * Cloud storage through `cloud.downloadFile`: a `cloud://` id from this environment. Anything
 * else, or a file storage says is not there, reads as null.
 */
export function cloudFiles(cloud: CloudDownload): FileStorePort {
  return {
    async read(fileId) {
      if (!/^cloud:\/\/\S+$/.test(fileId)) return null;
      try {
        const { fileContent } = await cloud.downloadFile({ fileID: fileId });
        return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
  };
}

/** Storage's "no such file" (STORAGE_FILE_NONEXIST / 404); other failures are raised. */
function isMissing(e: unknown): boolean {
  const text =
    e instanceof Error ? `${e.message} ${(e as { code?: unknown }).code ?? ''}` : String(e);
  return /NONEXIST|not exist|404/i.test(text);
}
