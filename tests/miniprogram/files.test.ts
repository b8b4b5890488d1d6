import { openableType, safeFileName, saveAndOpen, shareFile } from '../../miniprogram/utils/files';
import { resetWx, wxMock } from './support/wx';

beforeEach(() => resetWx());

describe('files', () => {
  it('keeps a file name readable but safe as a path', () => {
    expect(safeFileName('履职积分 2025/年.xlsx')).toBe('履职积分_2025_年.xlsx');
    expect(safeFileName('..')).toBe('export');
    expect(safeFileName('', 'roster.xlsx')).toBe('roster.xlsx');
  });

  it('names the types the document viewer knows, and nothing for CSV', () => {
    expect(openableType('a.XLSX')).toBe('xlsx');
    expect(openableType('a.csv')).toBeUndefined();
  });

  it('saves under the user data folder, then opens with the menu', async () => {
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    wxMock.openDocument.mockImplementation((o: { success: () => void }) => o.success());

    await expect(saveAndOpen('a b.pdf', 'JVBERg==')).resolves.toBe('http://usr/a_b.pdf');

    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://usr/a_b.pdf', showMenu: true, fileType: 'pdf' }),
    );
  });

  it('does not open what could not be saved', async () => {
    wxMock.fs.writeFile.mockImplementation((o: { fail: (e: object) => void }) =>
      o.fail({ errMsg: 'writeFile:fail the maximum size of the file storage limit is exceeded' }),
    );

    await expect(saveAndOpen('a.xlsx', 'UEsDBA==')).rejects.toMatchObject({
      errMsg: expect.stringContaining('writeFile:fail'),
    });
    expect(wxMock.openDocument).not.toHaveBeenCalled();
  });

  it('refuses to share on a WeChat without shareFileMessage', async () => {
    await expect(shareFile('http://usr/a.csv', 'a.csv')).rejects.toMatchObject({
      errMsg: 'shareFileMessage:fail not supported',
    });
  });
});
