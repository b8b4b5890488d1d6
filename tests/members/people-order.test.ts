import ExcelJS from 'exceljs';
import type { Assessment } from '../../typings/contracts/ledger';
import type { AttendanceBoard, MeetingDetail } from '../../typings/contracts/meetings';
import type {
  DirectoryEntry,
  ExportedFile,
  RosterEntry,
  RosterImportResult,
} from '../../typings/contracts/members';
import type { Page } from '../../typings/contracts/envelope';
import {
  DEFAULT_SETTINGS,
  type PeopleOrder,
  type SettingsView,
} from '../../typings/contracts/settings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import {
  NAME_KEYS_VERSION,
  nameKeysOf,
  nameSearch,
  sortPeople,
} from '../../cloudfunctions/kernel/people-order';
import { healNameKeys } from '../../cloudfunctions/modules/members/name-keys';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import { csvFile, makeHarness, type Harness } from '../support/harness';
import { publishedMeeting } from '../meetings/support';

const HEADER = '姓名,性别,界别,专委会,常委,手机号,届次';
const SECTOR = '测试界';

/** Names sorted as the committee's lists would sort them (ids break ties). */
async function sorted(names: string[], order: PeopleOrder): Promise<string[]> {
  const items = names.map((name, i) => ({ name, id: String(i).padStart(4, '0') }));
  const result = await sortPeople(items, order, { name: (p) => p.name, id: (p) => p.id });
  return result.map((p) => p.name);
}

describe('the order of names (kernel/people-order.ts)', () => {
  it('puts 安琪 before 刘洋 by pinyin (code points put 刘 U+5218 first)', async () => {
    expect('刘洋' < '安琪').toBe(true);
    expect(await sorted(['刘洋', '安琪'], 'pinyin')).toEqual(['安琪', '刘洋']);
  });

  it('orders by pinyin as the dictionary does: syllable, then tone; a shorter name first', async () => {
    expect(
      await sorted(['张伟', '王一', '王', '李娜', '艾青', '安', '安琪', '黄磊', '陈红'], 'pinyin'),
    ).toEqual(['艾青', '安', '安琪', '陈红', '黄磊', '李娜', '王', '王一', '张伟']);
    // ü comes after u and before the longer syllables: lu < lü < luan < luo.
    expect(await sorted(['罗勇', '吕布', '卢山', '栾平'], 'pinyin')).toEqual([
      '卢山',
      '吕布',
      '栾平',
      '罗勇',
    ]);
  });

  it('reads a surname as a surname (曾 zēng, 单 shàn, 朴 piáo), unlike a plain collator', async () => {
    expect(await sorted(['曾小明', '陈红', '张伟'], 'pinyin')).toEqual(['陈红', '曾小明', '张伟']);
    expect(await sorted(['邵华', '单田芳', '沙宝', '石磊'], 'pinyin')).toEqual([
      '沙宝',
      '单田芳',
      '邵华',
      '石磊',
    ]);
    expect(await sorted(['朴树', '潘岳', '彭磊'], 'pinyin')).toEqual(['潘岳', '彭磊', '朴树']);
  });

  it('agrees with Intl.Collator("zh-CN") where no surname has two readings', async () => {
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭肖田董潘袁';
    const given = ['建国', '秀英', '志强', '丽华', '一', '明'];
    const names = [...surnames].flatMap((s) => given.map((g) => s + g));
    const collator = new Intl.Collator('zh-CN');
    expect(await sorted(names, 'pinyin')).toEqual([...names].sort(collator.compare));
  });

  it('orders by surname strokes as mainland lists are printed: count, then 横竖撇点折', async () => {
    // 丁 2, 于 3 (横 first) before 马 3 (折 first), 王 4 (横) before 方 4 (点), 刘 6, 李 7,
    // 张 7, 陈 7 (阝 counted 2: ICU's stroke collation counts it 3), 周 8, 黄 11, 曾 12.
    expect(
      await sorted(
        [
          '陈红',
          '曾小明',
          '黄磊',
          '周平',
          '张伟',
          '李娜',
          '刘洋',
          '方明',
          '王芳',
          '马云',
          '于谦',
          '丁力',
        ],
        'strokes',
      ),
    ).toEqual([
      '丁力',
      '于谦',
      '马云',
      '王芳',
      '方明',
      '刘洋',
      '李娜',
      '张伟',
      '陈红',
      '周平',
      '黄磊',
      '曾小明',
    ]);
    // The same stroke count and first stroke: the next strokes decide (刘 丶一 before 安 丶丶).
    expect(await sorted(['安琪', '刘洋'], 'strokes')).toEqual(['刘洋', '安琪']);
    // The same surname: the given name decides, a shorter name first.
    expect(await sorted(['王芳', '王一', '王'], 'strokes')).toEqual(['王', '王一', '王芳']);
  });

  it('keeps every key to ASCII, so both stores order the strings alike', async () => {
    for (const name of ['刘洋', '阿依古丽·买买提', 'Amy李', '王𠈌', '欧阳明']) {
      const keys = await nameKeysOf(name);
      expect(keys.v).toBe(NAME_KEYS_VERSION);
      for (const key of [keys.pinyin, keys.strokes, keys.search])
        expect(key).toMatch(/^[\x21-\x7e]+$/);
    }
    // The middle dot of a transcribed name is not part of it.
    expect((await nameKeysOf('阿依古丽·买买提')).search).toContain('|ayglmmt');
  });

  it('searches pinyin from a syllable’s start, anything else in the name itself', async () => {
    expect(await nameKeysOf('刘洋')).toMatchObject({ search: '|ly|liuyang|y|yang' });
    expect(nameSearch('LY')).toEqual({ 'nameKeys.search': { $search: '|ly' } });
    expect(nameSearch('liu yang')).toEqual({ 'nameKeys.search': { $search: '|liuyang' } });
    expect(nameSearch('吕')).toEqual({ name: { $search: '吕' } });
    expect((await nameKeysOf('吕布')).search).toContain('|lvbu');
    expect((await nameKeysOf('吕布')).search).toContain('|lubu');
  });
});

describe('people in the committee’s order, end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  const PEOPLE = ['刘洋', '安琪', '张伟', '丁力', '王芳'];
  const importPeople = (names = PEOPLE) =>
    h.ok<RosterImportResult>(
      'demo-staff',
      'members.importRoster',
      csvFile([HEADER, ...names.map((n, i) => `${n},男,${SECTOR},,否,1371111000${i},第十五届`)]),
    );
  const roster = async (payload: Record<string, unknown> = {}) =>
    (
      await h.ok<Page<RosterEntry>>('demo-staff', 'members.listRoster', {
        sector: SECTOR,
        pageSize: 50,
        ...payload,
      })
    ).items.map((m) => m.name);
  const setOrder = async (order: PeopleOrder) => {
    const current = await h.ok<SettingsView>('demo-admin', 'settings.get', {});
    const { version, updatedAt: _u, updatedBy: _b, note: _n, ...body } = current;
    await h.ok('demo-admin', 'settings.update', {
      version,
      settings: { ...body, members: { order } },
    });
  };
  const idOf = async (name: string) =>
    (await h.store.find<MemberDoc>('members', { where: { name } }))[0]!._id;

  describe('members.listRoster', () => {
    it('lists by pinyin by default, and by surname strokes once the settings say so', async () => {
      await importPeople();
      expect(await roster()).toEqual(['安琪', '丁力', '刘洋', '王芳', '张伟']);
      await setOrder('strokes');
      expect(await roster()).toEqual(['丁力', '王芳', '刘洋', '安琪', '张伟']);
      await setOrder('pinyin');
      expect(await roster()).toEqual(['安琪', '丁力', '刘洋', '王芳', '张伟']);
    });

    it('pages in the database in that order', async () => {
      await importPeople();
      await setOrder('strokes');
      const pages = [];
      for (const page of [1, 2, 3]) pages.push(await roster({ page, pageSize: 2 }));
      expect(pages).toEqual([['丁力', '王芳'], ['刘洋', '安琪'], ['张伟']]);
    });

    it('keeps the sector first, as the roster groups people', async () => {
      const all = (
        await h.ok<Page<RosterEntry>>('demo-staff', 'members.listRoster', { pageSize: 100 })
      ).items;
      const sectors = all.map((m) => m.sector ?? '');
      expect(sectors).toEqual([...sectors].sort());
    });

    it.each([
      ['ly', ['刘洋']],
      ['LY', ['刘洋']],
      ['liu', ['刘洋']],
      ['liuyang', ['刘洋']],
      ['liu yang', ['刘洋']],
      ['yang', ['刘洋']],
      ['an', ['安琪']],
      ['刘', ['刘洋']],
      ['w', ['王芳', '张伟']],
    ])('finds a member by name or pinyin: %s', async (keyword, found) => {
      await importPeople();
      expect(await roster({ keyword })).toEqual(found);
    });

    it('follows a name the import job changes: the new name’s pinyin finds it, the old not', async () => {
      // A file checked with 赵阳 on a phone nobody had; before its last batch, an entry
      // 刘洋 arrives with that phone (by another import): the job updates it by phone.
      await importPeople();
      const id = await idOf('刘洋');
      const rows = Array.from(
        { length: 249 },
        (_, i) => `委员${i},男,经济界,,否,1360000${String(i).padStart(4, '0')},第十五届`,
      );
      const first = await h.ok<RosterImportResult>(
        'demo-staff',
        'members.importRoster',
        csvFile([HEADER, ...rows, `赵阳,男,${SECTOR},,否,13699999999,第十五届`]),
      );
      expect(first.job).toMatchObject({ status: 'running' });
      await h.store.update('members', id, { set: { phone: '13699999999' } });
      await h.okUntilDone('demo-staff', 'members.continueImport', {});
      const doc = (await h.store.get<MemberDoc>('members', id))!;
      expect(doc).toMatchObject({ name: '赵阳', nameKeys: await nameKeysOf('赵阳') });
      expect(await roster({ keyword: 'ly' })).toEqual([]);
      expect(await roster({ keyword: 'zy' })).toEqual(['赵阳']);
      expect(await roster()).toEqual(['安琪', '丁力', '王芳', '张伟', '赵阳']);
    });
  });

  describe('members.listDirectory and the member picker', () => {
    it('finds members by initials for any member, in the committee’s order', async () => {
      await importPeople(['王一', '王芳', '魏峰']);
      const found = await h.ok<Page<DirectoryEntry>>('demo-member-01', 'members.listDirectory', {
        keyword: 'wf',
      });
      expect(found.items.map((m) => m.name)).toEqual(['王芳', '魏峰']);
    });
  });

  describe('entries written before name keys were kept', () => {
    const legacy = async (name: string, phone: string) => {
      const doc: MemberDoc = {
        _id: `m_legacy_${phone}`,
        name,
        gender: null,
        sector: SECTOR,
        specialCommittee: null,
        standingMember: false,
        phone,
        term: null,
        roles: ['member'],
        active: true,
        openid: null,
        boundAt: null,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
        version: 3,
      };
      await h.store.insert('members', doc);
      return doc._id;
    };

    it('are given their keys by the timer, without counting as a change', async () => {
      const id = await legacy('刘洋', '13722220001');
      expect(await roster({ keyword: 'ly' })).toEqual([]);
      expect((await onTimer(h.services)).nameKeys).toBe(1);
      expect(await roster({ keyword: 'ly' })).toEqual(['刘洋']);
      expect(await h.store.get<MemberDoc>('members', id)).toMatchObject({
        version: 3,
        updatedAt: '2025-01-01T00:00:00.000Z',
        nameKeys: await nameKeysOf('刘洋'),
      });
      expect(await healNameKeys(h.services)).toBe(0);
    });

    it('are sorted by keys computed from the name meanwhile, where a list is read whole', async () => {
      await importPeople(['丁力']);
      await legacy('安琪', '13722220002');
      const file = await h.ok<ExportedFile>('demo-staff', 'members.exportRoster', {});
      const names = await exportedNames(file);
      expect(names.indexOf('安琪')).toBeLessThan(names.indexOf('丁力'));
    });

    it('keep a rename made while the keys were being worked out', async () => {
      const id = await legacy('刘洋', '13722220003');
      // The rename lands between the timer's read and its write.
      const racing = Object.create(h.store) as DocumentStore;
      racing.find = async <T extends { _id: string }>(
        ...args: Parameters<DocumentStore['find']>
      ) => {
        const found = await h.store.find<T>(...args);
        await h.store.update('members', id, {
          set: { name: '赵阳', nameKeys: await nameKeysOf('赵阳') },
        });
        return found;
      };
      expect(await healNameKeys({ store: racing })).toBe(0);
      expect(await h.store.get<MemberDoc>('members', id)).toMatchObject({
        name: '赵阳',
        nameKeys: await nameKeysOf('赵阳'),
      });
    });
  });

  describe('other lists of people', () => {
    it('members.exportRoster lists by sector, then name in the committee’s order', async () => {
      await importPeople();
      await setOrder('strokes');
      const names = await exportedNames(
        await h.ok<ExportedFile>('demo-staff', 'members.exportRoster', {}),
      );
      expect(names.filter((n) => PEOPLE.includes(n))).toEqual([
        '丁力',
        '王芳',
        '刘洋',
        '安琪',
        '张伟',
      ]);
    });

    it('meetings.getAttendance lists invitees in the committee’s order', async () => {
      await importPeople();
      const ids = await Promise.all(PEOPLE.map(idOf));
      const m = await publishedMeeting(h, { invitees: { mode: 'named', memberIds: ids } });
      const board = async () =>
        (
          await h.ok<AttendanceBoard>('demo-staff', 'meetings.getAttendance', {
            meetingId: (m as MeetingDetail).id,
            sessionId: 's1',
          })
        ).members.map((x) => x.name);
      expect(await board()).toEqual(['安琪', '丁力', '刘洋', '王芳', '张伟']);
      await setOrder('strokes');
      expect(await board()).toEqual(['丁力', '王芳', '刘洋', '安琪', '张伟']);
    });

    it('ledger.getAssessment ranks equal totals by name in the committee’s order', async () => {
      await importPeople();
      const rows = async () =>
        (
          await h.ok<Assessment>('demo-staff', 'ledger.getAssessment', {
            year: 2026,
            sector: SECTOR,
            pageSize: 50,
          })
        ).rows.items.map((r) => r.name);
      expect(await rows()).toEqual(['安琪', '丁力', '刘洋', '王芳', '张伟']);
      await setOrder('strokes');
      expect(await rows()).toEqual(['丁力', '王芳', '刘洋', '安琪', '张伟']);
    });
  });

  it('reads pinyin while no version of the settings says otherwise', () => {
    expect(DEFAULT_SETTINGS.members.order).toBe('pinyin');
  });
});

async function exportedNames(file: ExportedFile): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  const names: string[] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(1).value));
  });
  return names;
}
