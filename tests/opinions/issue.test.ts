import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { OpinionDetail, OpinionIssue } from '../../typings/contracts/opinions';
import { readDocx } from '../support/docx';
import { makeHarness, type Harness } from '../support/harness';

const BODY =
  '近期多名家长反映，城区部分学校周边上下学时段交通拥堵严重，人车混行，存在较大安全隐患。\n建议交警部门在上下学高峰时段增派警力，设置护学岗和临时停车区，学校错峰放学。';

/** 《社情民意》: the reports adopted under one 期号, listed and exported as a Word file. */
describe('an issue of 《社情民意》 (opinions.listIssues, opinions.exportIssue)', () => {
  let h: Harness;
  let names: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const bound = (await h.store.find<MemberDoc>('members', {})).filter((m) => m.openid);
    names = Object.fromEntries(bound.map((m) => [m.openid!, m.name]));
  });
  afterEach(() => h.close());

  async function report(author: string, n: number, title: string): Promise<OpinionDetail> {
    const d = await h.ok<OpinionDetail>(author, 'opinions.saveDraft', {
      clientDraftId: `issue-report-${n}`,
      revision: 1,
      title,
      body: BODY,
    });
    return h.ok<OpinionDetail>(author, 'opinions.submit', { opinionId: d.id });
  }

  const adopt = (o: OpinionDetail, issue: string) =>
    h.ok<OpinionDetail>('demo-staff', 'opinions.adopt', {
      opinionId: o.id,
      version: o.version,
      issue,
    });

  it('lists the issues and exports one: masthead, title, contents, each report in the order adopted', async () => {
    const school = await report('demo-member-01', 1, '关于校园周边交通安全的情况反映');
    const elderly = await report('demo-member-02', 2, '关于社区养老服务的意见建议');
    const other = await report('demo-member-04', 3, '关于农村饮水安全的情况反映');
    await report('demo-member-05', 4, '关于老旧小区改造的情况反映'); // not adopted
    h.clock.set('2026-03-03T02:00:00.000Z');
    await adopt(elderly, '2026 年第 5 期');
    h.clock.set('2026-03-04T02:00:00.000Z');
    const adopted = await adopt(school, '2026 年第 5 期');
    await h.ok('demo-staff', 'opinions.forward', {
      opinionId: school.id,
      level: 'city',
      adopted: true,
    });
    await h.ok('demo-staff', 'opinions.recordInstruction', {
      opinionId: school.id,
      level: 'city',
      leader: '张副市长',
      text: '请市公安局牵头研究落实。',
    });
    h.clock.set('2026-03-06T02:00:00.000Z');
    await adopt(other, '2026 年第 6 期');
    expect(adopted.issue).toBe('2026 年第 5 期');

    const { items } = await h.ok<{ items: OpinionIssue[] }>(
      'demo-staff',
      'opinions.listIssues',
      {},
    );
    expect(items).toEqual([
      { issue: '2026 年第 6 期', reports: 1, lastAdoptedAt: '2026-03-06T02:00:00.000Z' },
      { issue: '2026 年第 5 期', reports: 2, lastAdoptedAt: '2026-03-04T02:00:00.000Z' },
    ]);

    const file = await h.ok<{ fileName: string; mimeType: string; contentBase64: string }>(
      'demo-staff',
      'opinions.exportIssue',
      { issue: '2026 年第 5 期', title: '关注民生安全' },
    );
    expect(file.fileName).toBe('社情民意-2026年第5期.docx');
    const doc = await readDocx(file.contentBase64);
    expect(doc.paragraphs.slice(0, 4)).toEqual([
      '社情民意',
      '2026 年第 5 期',
      '政协办公室编　2026 年 3 月 6 日',
      '',
    ]);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([
        '关注民生安全',
        '1. 关于社区养老服务的意见建议',
        '2. 关于校园周边交通安全的情况反映',
        '近期多名家长反映，城区部分学校周边上下学时段交通拥堵严重，人车混行，存在较大安全隐患。',
        `（报送人：${names['demo-member-01']}）`,
        '报送情况：市政协（已采用）',
        '领导批示（市领导 张副市长，2026 年 3 月 4 日）：请市公安局牵头研究落实。',
      ]),
    );
    // Adopted first, listed first; the other issue's report and the one not adopted are not in it.
    expect(doc.paragraphs.indexOf('1. 关于社区养老服务的意见建议')).toBeLessThan(
      doc.paragraphs.indexOf('2. 关于校园周边交通安全的情况反映'),
    );
    expect(doc.text).not.toContain('农村饮水安全');
    expect(doc.text).not.toContain('老旧小区改造');
    expect(doc.tables[0]).toEqual([
      ['序号', '标题', '报送人'],
      ['1', '关于社区养老服务的意见建议', names['demo-member-02']],
      ['2', '关于校园周边交通安全的情况反映', names['demo-member-01']],
    ]);
  });

  it('answers OPINION.ISSUE_NOT_FOUND for a 期号 no report was adopted under', async () => {
    const o = await report('demo-member-01', 1, '关于校园周边交通安全的情况反映');
    await adopt(o, '2026 年第 5 期');

    expect(
      await h.err('demo-staff', 'opinions.exportIssue', { issue: '2026 年第 9 期' }),
    ).toMatchObject({ code: 'OPINION.ISSUE_NOT_FOUND' });
  });

  it('is for the office only, and checks what staff typed', async () => {
    for (const [action, payload] of [
      ['opinions.listIssues', {}],
      ['opinions.exportIssue', { issue: '2026 年第 5 期' }],
    ] as const)
      expect(await h.err('demo-member-01', action, payload)).toMatchObject({
        code: 'AUTH.FORBIDDEN',
      });
    expect(await h.err('demo-staff', 'opinions.exportIssue', { issue: ' ' })).toMatchObject({
      code: 'REQUEST.INVALID',
    });
    expect(
      await h.err('demo-staff', 'opinions.exportIssue', {
        issue: '2026 年第 5 期',
        title: '长'.repeat(41),
      }),
    ).toMatchObject({ code: 'REQUEST.INVALID' });
  });
});
