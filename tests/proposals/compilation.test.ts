import type { HandlingUnitView, ProposalDetail } from '../../typings/contracts/proposals';
import { DEFAULT_SETTINGS } from '../../typings/contracts/settings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';
import { readDocx, type DocxText } from '../support/docx';

const TEXT = {
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大。\n占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};

/** proposals.exportCompilation: the year's 提案汇编 as a Word file, read back. */
describe('proposals.exportCompilation (提案汇编)', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let names: Record<string, string>;
  let units: HandlingUnitView[];
  beforeEach(async () => {
    h = await makeHarness();
    const bound = (await h.store.find<MemberDoc>('members', {})).filter((m) => m.openid);
    ids = Object.fromEntries(bound.map((m) => [m.openid!, m._id]));
    names = Object.fromEntries(bound.map((m) => [m.openid!, m.name]));
    units = [];
    for (const name of ['区交通运输局', '区公安分局'])
      units.push(await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', { name }));
  });
  afterEach(() => h.close());

  const sectorOf = async (openid: string) =>
    (await h.store.get<MemberDoc>('members', ids[openid]!))!.sector;

  const get = (id: string) =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.get', { proposalId: id });

  async function submitted(
    lead: string,
    n: number,
    fields: { title: string; category: string; coSigners?: string[]; collective?: object },
  ): Promise<ProposalDetail> {
    const d = await h.ok<ProposalDetail>(lead, 'proposals.saveDraft', {
      clientDraftId: `compilation-${n}`,
      revision: 1,
      title: fields.title,
      category: fields.category,
      ...TEXT,
      coSignerIds: (fields.coSigners ?? []).map((o) => ids[o]!),
      ...(fields.collective ? { collective: fields.collective } : {}),
    });
    return h.ok<ProposalDetail>(lead, 'proposals.submit', { proposalId: d.id });
  }

  const accept = async (p: ProposalDetail) =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: p.id,
      version: (await get(p.id)).version,
    });

  const exported = async (year = 2026): Promise<DocxText> => {
    const file = await h.ok<{ fileName: string; mimeType: string; contentBase64: string }>(
      'demo-staff',
      'proposals.exportCompilation',
      { year },
    );
    expect(file.fileName).toBe(`提案汇编-${year}年.docx`);
    expect(file.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    return readDocx(file.contentBase64);
  };

  it('sets out the accepted proposals by category, with case numbers, proposers, units and replies in the committee’s classes', async () => {
    // The committee calls class A 已解决 (its own words).
    const current = await h.ok<{ version: number }>('demo-staff', 'settings.get', {});
    await h.ok('demo-admin', 'settings.update', {
      version: current.version,
      settings: {
        ...DEFAULT_SETTINGS,
        proposals: {
          ...DEFAULT_SETTINGS.proposals,
          replyClasses: [
            { code: 'A', label: '已解决' },
            { code: 'B', label: '正在解决或列入计划' },
            { code: 'C', label: '因条件限制留作参考' },
          ],
        },
      },
    });
    const joint = await submitted('demo-member-01', 1, {
      title: '关于缓解城区停车难的建议',
      category: '城乡建设',
      coSigners: ['demo-member-02', 'demo-member-07'],
    });
    await h.ok('demo-member-02', 'proposals.respondCoSign', { proposalId: joint.id, accept: true });
    await h.ok('demo-member-07', 'proposals.respondCoSign', {
      proposalId: joint.id,
      accept: false,
    });
    const parking = await accept(joint);
    await h.ok('demo-staff', 'proposals.assign', {
      proposalId: joint.id,
      version: (await get(joint.id)).version,
      mode: 'joint',
      units: [
        { unitId: units[0]!.id, role: 'lead' },
        { unitId: units[1]!.id, role: 'co' },
      ],
    });
    await h.ok('demo-staff', 'proposals.recordReply', {
      proposalId: joint.id,
      unitId: units[0]!.id,
      replyClass: 'A',
      text: '我局高度重视，已新建公共停车泊位 1200 个。',
    });
    const economy = await accept(
      await submitted('demo-member-04', 2, {
        title: '关于发展县域特色产业的建议',
        category: '经济建设',
        collective: { kind: 'sector', name: '经济界' },
      }),
    );
    // Not in the compilation: one still in review, one rejected.
    await submitted('demo-member-05', 3, {
      title: '关于推进老旧小区加装电梯的建议',
      category: '城乡建设',
    });
    const rejected = await submitted('demo-member-06', 4, {
      title: '关于建设城市绿道的建议',
      category: '生态文明建设',
    });
    await h.ok('demo-staff', 'proposals.reject', {
      proposalId: rejected.id,
      version: (await get(rejected.id)).version,
      reason: '不属于提案受理范围',
    });

    const doc = await exported();

    // The committee's category order: 经济建设 before 城乡建设.
    const economyAt = doc.paragraphs.indexOf('一、经济建设（1 件）');
    const urbanAt = doc.paragraphs.indexOf('二、城乡建设（1 件）');
    expect(economyAt).toBeGreaterThan(0);
    expect(urbanAt).toBeGreaterThan(economyAt);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([
        '2026 年度提案汇编',
        '共立案提案 2 件',
        `第 ${parking.number} 号\u3000关于缓解城区停车难的建议`,
        '案由：',
        '我区部分路段早晚高峰拥堵严重，停车位缺口大。',
        '占道停车现象普遍，群众出行不便。',
        '建议：',
        '承办单位：区交通运输局（主办）、区公安分局（会办）',
        '区交通运输局答复：A 类（已解决），2026 年 3 月 2 日',
        '我局高度重视，已新建公共停车泊位 1200 个。',
        `第 ${economy.number} 号\u3000关于发展县域特色产业的建议`,
        '提案人：经济界（集体提案）',
        '办理答复：尚未答复',
      ]),
    );
    // The lead with the sector, and the co-signer who confirmed (not the one who declined).
    expect(doc.paragraphs).toContain(
      `提案人：${names['demo-member-01']}（${await sectorOf('demo-member-01')}），联名：${names['demo-member-02']}`,
    );
    expect(doc.text).not.toContain('老旧小区加装电梯');
    expect(doc.text).not.toContain('城市绿道');
    // The contents: one row per proposal, in the categories' order.
    expect(doc.tables[0]!.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['经济建设', economy.number, '关于发展县域特色产业的建议'],
      ['城乡建设', parking.number, '关于缓解城区停车难的建议'],
    ]);
    // 办理情况统计: the charts of reply classes, units and months, as SVG pictures.
    expect(doc.paragraphs).toContain('办理情况统计');
    const svgs = Object.entries(doc.media)
      .filter(([path]) => path.endsWith('.svg'))
      .map(([, bytes]) => bytes.toString('utf8'));
    expect(svgs).toHaveLength(3);
    expect(svgs.join('')).toContain(units[0]!.name);
    expect(doc.xml).toContain('title="2026 年答复类别（件次）"');
  });

  it('names the proposals merged into one, with their proposers', async () => {
    const target = await submitted('demo-member-01', 1, {
      title: '关于缓解城区停车难的建议',
      category: '城乡建设',
    });
    const source = await submitted('demo-member-05', 2, {
      title: '关于增加老城区停车位的建议',
      category: '城乡建设',
    });
    await h.ok('demo-staff', 'proposals.merge', {
      targetId: target.id,
      sourceIds: [source.id],
      reason: '内容相近，并案办理',
    });
    await accept(target);

    const doc = await exported();

    expect(doc.paragraphs).toContain(
      `并案：《关于增加老城区停车位的建议》（${names['demo-member-05']}（${await sectorOf('demo-member-05')}））`,
    );
  });

  it('answers PROPOSAL.NONE_ACCEPTED for a year with nothing accepted', async () => {
    await submitted('demo-member-01', 1, {
      title: '关于缓解城区停车难的建议',
      category: '城乡建设',
    });

    expect(await h.err('demo-staff', 'proposals.exportCompilation', { year: 2026 })).toMatchObject({
      code: 'PROPOSAL.NONE_ACCEPTED',
    });
  });

  it('is for the office only, and checks the year', async () => {
    expect(
      await h.err('demo-member-01', 'proposals.exportCompilation', { year: 2026 }),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await h.err('demo-staff', 'proposals.exportCompilation', { year: 1999 })).toMatchObject({
      code: 'REQUEST.INVALID',
    });
    expect(await h.err('demo-staff', 'proposals.exportCompilation', {})).toMatchObject({
      code: 'REQUEST.INVALID',
    });
  });
});
