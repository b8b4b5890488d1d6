import { cloudFiles } from '../../cloudfunctions/adapters/cloudbase-files';
import { localFileStore } from '../../cloudfunctions/ports/file-store';

/** The adapter against a stand-in for `cloud.downloadFile` (cloud storage is out of reach here). */
describe('cloud storage reads', () => {
  it('asks storage for a cloud:// file and answers its bytes', async () => {
    const downloadFile = jest.fn(async () => ({
      fileContent: Buffer.from('姓名\r\n张三', 'utf8'),
    }));
    const files = cloudFiles({ downloadFile });
    const bytes = await files.read('cloud://env-1a2b.7365-env-1a2b/uploads/2026/x-名册.csv');
    expect(bytes?.toString('utf8')).toBe('姓名\r\n张三');
    expect(downloadFile).toHaveBeenCalledWith({
      fileID: 'cloud://env-1a2b.7365-env-1a2b/uploads/2026/x-名册.csv',
    });
  });

  it('reads a file storage does not have as null, and raises other failures', async () => {
    const missing = Object.assign(new Error('storage file not exists'), {
      code: 'STORAGE_FILE_NONEXIST',
    });
    expect(
      await cloudFiles({ downloadFile: jest.fn().mockRejectedValue(missing) }).read('cloud://e/a'),
    ).toBeNull();
    await expect(
      cloudFiles({
        downloadFile: jest.fn().mockRejectedValue(new Error('ECONNRESET')),
      }).read('cloud://e/a'),
    ).rejects.toThrow('ECONNRESET');
  });

  it('never asks storage for an id that is not a cloud file', async () => {
    const downloadFile = jest.fn();
    const files = cloudFiles({ downloadFile });
    expect(await files.read('local://0123456789abcdef0123456789abcdef')).toBeNull();
    expect(await files.read('https://example.com/x.csv')).toBeNull();
    expect(downloadFile).not.toHaveBeenCalled();
  });
});

describe('the local runtime’s files', () => {
  it('reads local:// ids from its folder, and nothing else', async () => {
    const read = jest.fn(async (id: string) =>
      id === 'a'.repeat(32) ? { bytes: Buffer.from('x') } : null,
    );
    const files = localFileStore(read);
    expect((await files.read(`local://${'a'.repeat(32)}`))?.toString()).toBe('x');
    expect(await files.read(`local://${'b'.repeat(32)}`)).toBeNull();
    expect(await files.read('local://../../etc/passwd')).toBeNull();
    expect(read).toHaveBeenCalledTimes(2);
  });
});
