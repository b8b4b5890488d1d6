/**
 * Files members and staff uploaded (the mini-program puts them in cloud storage, or in the local
 * runtime's file folder, and sends their id): the functions read them back by id. The cloud
 * adapter is `adapters/cloudbase-files.ts`; the local runtime's is `localFileStore`.
 */
export interface FileStorePort {
  /** The file's bytes, or null when no file has this id (or it is no longer there). */
  read(fileId: string): Promise<Buffer | null>;
}

/** Where no files are kept (a test that uploads nothing). */
export const noFiles: FileStorePort = { read: async () => null };

/** `local://<id>` in the local runtime's folder (scripts/local/files.ts writes them). */
export function localFileStore(
  read: (id: string) => Promise<{ bytes: Buffer } | null>,
): FileStorePort {
  return {
    async read(fileId) {
      const id = /^local:\/\/([a-f0-9]{32})$/.exec(fileId)?.[1];
      return id ? ((await read(id))?.bytes ?? null) : null;
    },
  };
}
