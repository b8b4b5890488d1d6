import { config } from '../../miniprogram/config';
import {
  FileError,
  fileMessageOf,
  openFile,
  uploadFile,
  uploadProblem,
} from '../../miniprogram/services/files';
import { resetWx, wxMock } from './support/wx';

const defaults = { ...config };
const LOCAL_ID = `${'0'.repeat(31)}1`;

beforeEach(() => {
  resetWx();
  Object.assign(config, defaults, { localBaseUrl: 'http://127.0.0.1:8787/api' });
});
afterAll(() => Object.assign(config, defaults));

describe('uploading in cloud mode', () => {
  beforeEach(() => Object.assign(config, { transport: 'cloud' }));

  it('puts the file under uploads/<year>/ with a random prefix and keeps the name', async () => {
    const stored = await uploadFile('http://tmp/abc.pdf', '常委会 工作报告.pdf');

    const option = wxMock.cloud.uploadFile.mock.calls[0][0] as {
      cloudPath: string;
      filePath: string;
    };
    expect(option.filePath).toBe('http://tmp/abc.pdf');
    expect(option.cloudPath).toMatch(
      new RegExp(`^uploads/${new Date().getFullYear()}/[a-z0-9]+-常委会_工作报告\\.pdf$`),
    );
    expect(stored).toEqual({
      fileId: `cloud://env/${option.cloudPath}`,
      name: '常委会 工作报告.pdf',
    });
    expect(wxMock.uploadFile).not.toHaveBeenCalled();
  });

  it('reports progress and a failed upload in Chinese', async () => {
    const progress = jest.fn();
    const onProgressUpdate = jest.fn((cb: (p: { progress: number }) => void) =>
      cb({ progress: 40 }),
    );
    wxMock.cloud.uploadFile.mockImplementationOnce((o: { success: (r: object) => void }) => {
      o.success({ fileID: 'cloud://env/x.pdf' });
      return { onProgressUpdate };
    });
    await uploadFile('http://tmp/x', 'x.pdf', { onProgress: progress });
    expect(progress).toHaveBeenCalledWith(40);

    wxMock.cloud.uploadFile.mockImplementationOnce((o: { fail: (e: object) => void }) =>
      o.fail({ errMsg: 'cloud.uploadFile:fail network' }),
    );
    const err: unknown = await uploadFile('http://tmp/x', 'x.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect(fileMessageOf(err)).toBe('上传失败，请检查网络后重试');
  });

  it('opens a cloud file after downloading it', async () => {
    await openFile({ fileId: 'cloud://env/uploads/2025/a-议程.docx', name: '议程.docx' });

    expect(wxMock.cloud.downloadFile).toHaveBeenCalledWith({
      fileID: 'cloud://env/uploads/2025/a-议程.docx',
    });
    expect(wxMock.openDocument).toHaveBeenCalledWith({
      filePath: 'http://tmp/a-议程.docx',
      fileType: 'docx',
    });
  });
});

describe('uploading in local mode', () => {
  it('posts to <localBaseUrl>/files as the dev openid, with the name as a field', async () => {
    Object.assign(config, { devOpenid: 'demo-staff' });
    const stored = await uploadFile('http://tmp/abc', '议程.docx', { size: 1024 });

    expect(wxMock.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:8787/api/files',
        filePath: 'http://tmp/abc',
        name: 'file',
        header: { 'X-WX-OPENID': 'demo-staff' },
        formData: { name: '议程.docx' },
      }),
    );
    expect(stored).toEqual({ fileId: `local://${LOCAL_ID}`, name: '议程.docx' });
    expect(wxMock.cloud.uploadFile).not.toHaveBeenCalled();
  });

  it('turns the server’s refusals and a stopped server into messages', async () => {
    wxMock.uploadFile.mockImplementationOnce((o: { success: (r: object) => void }) =>
      o.success({
        statusCode: 413,
        data: JSON.stringify({ ok: false, error: { code: 'REQUEST.TOO_LARGE', message: 'x' } }),
      }),
    );
    await expect(uploadFile('http://tmp/a', 'a.pdf')).rejects.toThrow('文件不能超过 20 MB');

    wxMock.uploadFile.mockImplementationOnce((o: { success: (r: object) => void }) =>
      o.success({ statusCode: 200, data: '<html>' }),
    );
    await expect(uploadFile('http://tmp/a', 'a.pdf')).rejects.toThrow('上传失败，请稍后重试');

    wxMock.uploadFile.mockImplementationOnce((o: { fail: (e: object) => void }) =>
      o.fail({ errMsg: 'uploadFile:fail connect' }),
    );
    await expect(uploadFile('http://tmp/a', 'a.pdf')).rejects.toThrow('本地服务');
  });

  it('downloads a local file as the dev openid and shows a picture in the viewer', async () => {
    await openFile({ fileId: `local://${LOCAL_ID}`, name: '现场.JPG' });

    expect(wxMock.downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `http://127.0.0.1:8787/api/files/${LOCAL_ID}`,
        header: { 'X-WX-OPENID': config.devOpenid },
      }),
    );
    expect(wxMock.previewImage).toHaveBeenCalledWith({
      urls: [`http://tmp/${LOCAL_ID}`],
      current: `http://tmp/${LOCAL_ID}`,
    });
    expect(wxMock.openDocument).not.toHaveBeenCalled();
  });

  it('says when a local file is gone', async () => {
    wxMock.downloadFile.mockImplementationOnce((o: { success: (r: object) => void }) =>
      o.success({ statusCode: 404, tempFilePath: 'http://tmp/x' }),
    );
    const err: unknown = await openFile({ fileId: `local://${LOCAL_ID}`, name: 'a.pdf' }).catch(
      (e: unknown) => e,
    );
    expect(fileMessageOf(err)).toBe('文件不存在或已被删除');
  });
});

describe('limits', () => {
  it('refuses other types and files over 20 MB before sending anything', async () => {
    expect(uploadProblem('a.exe')).toContain('只能上传');
    expect(uploadProblem('noext')).toContain('只能上传');
    expect(uploadProblem('a.PDF', 20 * 1024 * 1024)).toBe('');
    expect(uploadProblem('a.pdf', 20 * 1024 * 1024 + 1)).toBe('文件不能超过 20 MB');
    await expect(uploadFile('http://tmp/a', 'a.zip')).rejects.toBeInstanceOf(FileError);
    await expect(uploadFile('http://tmp/a', 'a.pdf', { size: 21 * 1024 * 1024 })).rejects.toThrow(
      '文件不能超过 20 MB',
    );
    expect(wxMock.uploadFile).not.toHaveBeenCalled();
    expect(wxMock.cloud.uploadFile).not.toHaveBeenCalled();
  });

  it('says nothing when the member cancelled', () => {
    expect(fileMessageOf({ errMsg: 'chooseMessageFile:fail cancel' })).toBe('');
    expect(fileMessageOf(new Error('x'), '打开失败')).toBe('打开失败');
  });
});
