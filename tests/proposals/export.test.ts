import type { HandlingUnitView, ProposalDetail } from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';
import { englishCells, readWorkbook, records, type SheetText } from '../ledger/workbook';

const TEXT = {
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大，占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};

/** proposals.exportStats as the leaders read it: every code in words, the columns they ask for. */
describe('proposals.exportStats workbook', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let names: Record<string, string>;
  let units: HandlingUnitView[];
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    const bound = all.filter((m) => m.openid);
    ids = Object.fromEntries(bound.map((m) => [m.openid!, m._id]));
    names = Object.fromEntries(bound.map((m) => [m.openid!, m.name]));
    units = [];
    for (const name of ['区交通运输局', '区住房和城乡建设局', '区公安分局'])
      units.push(await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', { name }));
  });
  afterEach(() => h.close());

  const get = (id: string) =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.get', { proposalId: id });

  async function submitted(
    lead: string,
    n: number,
    title: string,
    coSigners: string[] = [],
  ): Promise<ProposalDetail> {
    const d = await h.ok<ProposalDetail>(lead, 'proposals.saveDraft', {
      clientDraftId: `export-test-${n}`,
      revision: 1,
      title,
      category: '城乡建设',
      ...TEXT,
      coSignerIds: coSigners.map((o) => ids[o]!),
    });
    return h.ok<ProposalDetail>(lead, 'proposals.submit', { proposalId: d.id });
  }

  async function accepted(p: ProposalDetail): Promise<ProposalDetail> {
    return h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: p.id,
      version: (await get(p.id)).version,
    });
  }

  const reply = (proposalId: string, unit: number, replyClass: string) =>
    h.ok('demo-staff', 'proposals.recordReply', {
      proposalId,
      unitId: units[unit]!.id,
      replyClass,
      text: '我局高度重视，已将相关事项纳入年度计划并组织实施。',
    });

  async function exported(): Promise<SheetText[]> {
    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'proposals.exportStats', {
      year: 2026,
    });
    return readWorkbook(file.contentBase64);
  }

  it('lists a joint proposal with its co-signer, date, lead and co-handling units, reply class and evaluation, all in Chinese', async () => {
    // A joint proposal handled jointly: replied (class A), evaluated 满意, closed.
    const joint = await submitted('demo-member-01', 1, '关于缓解城区停车难的建议', [
      'demo-member-02',
    ]);
    await h.ok('demo-member-02', 'proposals.respondCoSign', { proposalId: joint.id, accept: true });
    await accepted(joint);
    await h.ok('demo-staff', 'proposals.assign', {
      proposalId: joint.id,
      version: (await get(joint.id)).version,
      mode: 'joint',
      units: [
        { unitId: units[0]!.id, role: 'lead' },
        { unitId: units[1]!.id, role: 'co' },
      ],
    });
    await reply(joint.id, 0, 'A');
    await h.ok('demo-member-01', 'proposals.evaluate', {
      proposalId: joint.id,
      rating: 'satisfied',
    });
    // Handled separately by two units, the answer found wanting: re-handling.
    const separate = await accepted(
      await submitted('demo-member-05', 2, '关于加强校园周边交通安全的建议'),
    );
    await h.ok('demo-staff', 'proposals.assign', {
      proposalId: separate.id,
      version: (await get(separate.id)).version,
      mode: 'separate',
      units: [{ unitId: units[0]!.id }, { unitId: units[2]!.id }],
    });
    await reply(separate.id, 0, 'B');
    await reply(separate.id, 2, 'C');
    await h.ok('demo-member-05', 'proposals.evaluate', {
      proposalId: separate.id,
      rating: 'unsatisfied',
      comment: '措施不具体',
    });
    // Still waiting for a co-signer; and one in the review queue.
    await submitted('demo-member-07', 3, '关于完善社区养老服务设施的建议', ['demo-member-04']);
    await submitted('demo-member-06', 4, '关于推进老旧小区加装电梯的建议');

    const sheets = await exported();

    expect(sheets.map((s) => s.name)).toEqual(['总体情况', '承办单位', '界别', '提案清单']);
    expect(englishCells(sheets)).toEqual([]);
    const list = sheets.find((s) => s.name === '提案清单')!;
    expect(list.rows[0]).toEqual([
      '案号',
      '标题',
      '类别',
      '提案形式',
      '提案人',
      '联名人',
      '提交日期',
      '状态',
      '办理',
      '主办单位',
      '会办单位',
      '答复类别',
      '满意度',
    ]);
    const byTitle = Object.fromEntries(records(list).map((r) => [r['标题'], r]));
    expect(byTitle['关于缓解城区停车难的建议']).toMatchObject({
      类别: '城乡建设',
      提案形式: '联名提案',
      提案人: names['demo-member-01'],
      联名人: names['demo-member-02'],
      提交日期: '2026-03-02',
      状态: '已立案',
      办理: '已办结',
      主办单位: '区交通运输局',
      会办单位: '区住房和城乡建设局',
      答复类别: 'A 类（已解决或采纳）',
      满意度: '满意',
    });
    expect(byTitle['关于缓解城区停车难的建议']!['案号']).not.toBe('');
    expect(byTitle['关于加强校园周边交通安全的建议']).toMatchObject({
      提案形式: '个人提案',
      联名人: '',
      状态: '已立案',
      办理: '重新办理中',
      主办单位: '区交通运输局（分办）、区公安分局（分办）',
      会办单位: '',
      答复类别: '区交通运输局：B 类（正在解决或列入计划）；区公安分局：C 类（因条件限制留作参考）',
      满意度: '不满意',
    });
    expect(byTitle['关于完善社区养老服务设施的建议']).toMatchObject({
      提案形式: '联名提案',
      联名人: '', // not confirmed yet
      状态: '联名确认中',
      办理: '',
      主办单位: '',
      答复类别: '',
      满意度: '',
    });
    expect(byTitle['关于推进老旧小区加装电梯的建议']).toMatchObject({
      状态: '待审查',
      案号: '',
    });

    const overview = Object.fromEntries(
      sheets.find((s) => s.name === '总体情况')!.rows.map(([item, value]) => [item, value]),
    );
    expect(overview).toMatchObject({
      收到提案: '4',
      立案: '2',
      'A 类（已解决或采纳）': '1',
      'B 类（正在解决或列入计划）': '1',
      'C 类（因条件限制留作参考）': '1',
    });
  });

  it('names a collective proposal’s body', async () => {
    const d = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: 'export-test-collective',
      revision: 1,
      title: '关于发展县域特色产业的建议',
      category: '经济建设',
      ...TEXT,
      collective: { kind: 'sector', name: '经济界' },
    });
    await h.ok('demo-member-01', 'proposals.submit', { proposalId: d.id });

    const list = (await exported()).find((s) => s.name === '提案清单')!;

    expect(records(list)[0]).toMatchObject({ 提案形式: '集体提案（经济界）', 状态: '待审查' });
    expect(englishCells([list])).toEqual([]);
  });
});
