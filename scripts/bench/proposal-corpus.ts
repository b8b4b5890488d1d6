import type { ProposalDoc } from '../../cloudfunctions/modules/proposals/model';

/** Issues members write about, each with words of its own. */
const TOPICS = [
  ['老旧小区加装电梯', '高龄老人上下楼困难', '业主协商和财政补贴'],
  ['中小学课后服务', '双职工家庭接送难', '课后托管和师资补充'],
  ['社区居家养老服务', '失能老人照护缺口', '养老服务中心和护理补贴'],
  ['农村生活污水治理', '污水直排河道', '管网建设和运维资金'],
  ['城区停车难', '占道停车和交通拥堵', '立体停车场和错时共享'],
  ['优化营商环境', '审批环节多时限长', '一网通办和容缺受理'],
  ['食品安全监管', '小餐饮作坊卫生隐患', '明厨亮灶和抽检频次'],
  ['垃圾分类', '居民分类投放率低', '定时定点和积分激励'],
  ['基层医疗卫生', '乡镇卫生院人才流失', '县域医共体和定向培养'],
  ['非物质文化遗产保护', '传承人老龄化', '传习所和进校园'],
  ['电动自行车充电安全', '楼道飞线充电引发火灾', '集中充电桩和消防巡查'],
  ['校园周边交通安全', '上下学时段拥堵', '护学岗和限速标志'],
  ['农产品品牌建设', '特色农产品附加值低', '地理标志和电商销售'],
  ['青年人才住房保障', '新就业大学生租房贵', '人才公寓和租房补贴'],
  ['河道生态修复', '水体富营养化', '清淤截污和生态缓冲带'],
  ['公共文化设施利用', '文化礼堂闲置', '社会化运营和活动配送'],
  ['托育服务供给', '三岁以下婴幼儿入托难', '普惠托育机构和补助'],
  ['残疾人就业', '残疾人就业渠道窄', '辅助性就业和岗位开发'],
  ['物业管理纠纷', '物业费收缴和服务质量矛盾', '业委会建设和街道监管'],
  ['乡村旅游发展', '同质化严重配套不足', '民宿集群和旅游线路'],
];
const FILLER = [
  '群众反映强烈，社会关注度高。',
  '相关部门虽已采取措施，但效果尚不明显。',
  '调研发现问题主要集中在政策落实和资金保障两个方面。',
  '各街道推进进度不一，缺乏统一标准。',
  '建议加强部门协同，形成工作合力。',
  '建议建立考核评价机制，确保工作落到实处。',
  '建议加大宣传引导，提高群众知晓率和参与度。',
  '建议借鉴先进地区经验，因地制宜推进。',
  '建议设立专项资金，保障长效运行。',
  '建议完善配套政策，明确责任分工。',
];

/** A deterministic pseudo-random sequence, so the corpus is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` accepted proposals over five years on the topics above, phrased in varied ways. */
export function proposalCorpus(count: number, seed = 7): ProposalDoc[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const titleForms = [
    '关于{t}的建议',
    '关于进一步做好{t}工作的建议',
    '关于加强{t}的提案',
    '关于推进{t}的几点建议',
    '关于完善{t}机制的建议',
  ];
  return Array.from({ length: count }, (_, i) => {
    const [topic, problem, remedy] = pick(TOPICS);
    const year = 2022 + (i % 5);
    const cause = `${pick(FILLER)}当前${problem}的问题较为突出，${pick(FILLER)}${pick(FILLER)}`;
    const suggestion = `一是围绕${topic}，${pick(FILLER)}二是推进${remedy}。${pick(FILLER)}`;
    return {
      _id: `pp_corpus${String(i).padStart(5, '0')}`,
      year,
      status: 'accepted',
      clientDraftId: `corpus-${i}`,
      revision: 1,
      leadId: `m_corpus${i % 300}`,
      leadName: `委员${i % 300}`,
      leadSector: null,
      submittedByStaff: null,
      collective: null,
      coSigners: [],
      coSignDeadline: null,
      title: pick(titleForms).replace('{t}', topic!),
      category: '其他',
      cause,
      suggestion,
      attachments: [],
      number: `${year}-${String(i + 1).padStart(4, '0')}`,
      plenary: false,
      submittedAt: `${year}-01-15T02:00:00.000Z`,
      reviewReason: null,
      mergedInto: null,
      mergedFrom: [],
      convertedTo: null,
      ledgerKeys: [],
      handling: null,
      timeline: [],
      createdAt: `${year}-01-10T02:00:00.000Z`,
      updatedAt: `${year}-01-20T02:00:00.000Z`,
      version: 1,
    };
  });
}

/** A proposal already in the corpus, and the same issue written again by someone else. */
export const ORIGINAL: Pick<ProposalDoc, 'title' | 'cause' | 'suggestion'> = {
  title: '关于破解我区老旧住宅加装电梯“邻里协调难”问题的建议',
  cause:
    '我区2000年前建成的多层住宅约有1200幢，高龄老人占比高，上下楼难已成为民生痛点。加装电梯推进缓慢，主要卡在低层住户反对、费用分摊争议和审批流程繁琐。',
  suggestion:
    '建议由街道牵头建立邻里协商议事机制，制定费用分摊指导标准，对低楼层住户给予适当补偿；推行加装电梯联合审批，一窗受理、并联审批；加大财政补贴力度。',
};

export const REPHRASED = {
  title: '关于解决旧住宅小区增设电梯中邻里矛盾的提案',
  text: '多层老住宅的老年居民上下楼困难，增设电梯进展慢，原因是一楼二楼住户不同意、出资分摊谈不拢以及审批手续多。建议街道搭建邻里协商平台，出台出资分摊参考办法，给低层住户合理补偿，实行并联审批，提高财政补助。',
};
