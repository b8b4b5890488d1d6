import type { ManualClock } from '../../cloudfunctions/kernel/clock';
import type { SpeechDetail } from '../../typings/contracts/speeches';

type Call = <T>(openid: string, action: string, payload: unknown) => Promise<T>;

export interface DemoSpeeches {
  /** demo-member-01's speech for the upcoming plenary: accepted and chosen to be delivered. */
  deliveredSpeechId: string;
  /** demo-member-04's speech, waiting for the office's review. */
  submittedSpeechId: string;
}

const HOUR = 3_600_000;

const DELIVERED = [
  '推动城乡融合发展，关键在于打通城乡要素流动的堵点。近年来，我区农村集体经营性建设用地入市试点稳步推进，但仍存在规划衔接不够、收益分配机制不健全、金融支持不足等问题。',
  '为此建议：一是统筹编制镇村国土空间规划，把入市地块纳入全区产业布局；二是完善土地增值收益在集体和成员之间的分配办法，保障农民长期收益；三是鼓励金融机构开发以集体建设用地使用权抵押的信贷产品；四是建立城乡统一的公共服务标准，推动教育、医疗资源向镇村延伸。',
  '城乡融合不是简单的“城市下乡”，而是要让农村在融合中获得内生发展动力。我们要坚持以人为本，把增进农民福祉作为出发点和落脚点，以改革破题、以项目落地、以机制保障，走出一条具有我区特色的城乡融合发展之路。',
].join('\n');

const SUBMITTED = [
  '“一老一小”问题，关系千家万户。我区60岁以上户籍老人已占户籍人口的24.6%，而每千名老人拥有的养老床位和社区托育点数量仍低于全市平均水平。',
  '建议：一是将社区嵌入式养老托育服务设施纳入老旧小区改造的必配项目；二是推行“养老+托育”综合体模式，共享场地和人员；三是完善运营补贴与服务质量挂钩的考核办法；四是培育专业化的社会组织，壮大护理员、保育员队伍，建立职业技能提升补贴制度。',
  '从调研情况看，社区养老服务站点普遍存在“有场地、缺服务”的现象，部分站点日均服务不足十人；托育机构则集中在新城区，老城区家庭送托距离远、费用高。供需错配的根源在于规划、建设、运营各管一段，缺少统筹。',
  '让老人安享晚年、孩子健康成长，是民生幸福的最好注脚，需要我们凝聚各方力量，久久为功。',
].join('\n');

/**
 * Two plenary speeches (大会发言) for the demo, through the real handlers: one submitted,
 * accepted and chosen to be delivered (its author's points on the ledger), one waiting for
 * the office's review.
 */
export async function seedDemoSpeeches(
  call: Call,
  clock: ManualClock,
  now: Date,
  plenaryId: string,
): Promise<DemoSpeeches> {
  const staff = 'demo-staff';
  clock.set(new Date(now.getTime() - 20 * HOUR));
  const d1 = await call<SpeechDetail>('demo-member-01', 'proposals.saveSpeech', {
    clientDraftId: 'demo-speech-integration',
    revision: 1,
    title: '以城乡融合发展推动共同富裕',
    body: DELIVERED,
    meetingId: plenaryId,
  });
  const s1 = await call<SpeechDetail>('demo-member-01', 'proposals.submitSpeech', {
    speechId: d1.id,
  });
  clock.set(new Date(now.getTime() - 8 * HOUR));
  const a1 = await call<SpeechDetail>(staff, 'proposals.reviewSpeech', {
    speechId: s1.id,
    version: s1.version,
    accept: true,
  });
  await call(staff, 'proposals.chooseSpeech', {
    speechId: a1.id,
    version: a1.version,
    delivery: 'oral',
  });
  clock.set(new Date(now.getTime() - 4 * HOUR));
  const d2 = await call<SpeechDetail>('demo-member-04', 'proposals.saveSpeech', {
    clientDraftId: 'demo-speech-elderly-care',
    revision: 1,
    title: '关于统筹做好“一老一小”服务的建议',
    body: SUBMITTED,
    meetingId: plenaryId,
  });
  await call('demo-member-04', 'proposals.submitSpeech', { speechId: d2.id });
  return { deliveredSpeechId: a1.id, submittedSpeechId: d2.id };
}
