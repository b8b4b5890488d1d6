import type { Services } from '../../cloudfunctions/kernel/action';
import type { ManualClock } from '../../cloudfunctions/kernel/clock';
import type { ConsultationDetail, MatterView, StudioDetail } from '../../typings/contracts/studios';

type Call = <T>(openid: string, action: string, payload: unknown) => Promise<T>;

export interface DemoStudios {
  studioId: string;
  /** A matter waiting for the host, raised by the unbound demo account (demo-new-01). */
  pendingMatterId: string;
  /** A matter the host answered. */
  answeredMatterId: string;
  /** A consultation held, following up its outcomes, one turned into a proposal draft. */
  consultationId: string;
  /** A consultation planned for next week. */
  plannedConsultationId: string;
}

const DAY = 86_400_000;

/**
 * Two studios for the demo: residents' matters (pending, answered, taken into a consultation),
 * a consultation held with its participants and outcomes, a follow-up, a proposal draft made
 * from an outcome, and a consultation planned. All through the real handlers.
 */
export async function seedDemoStudios(
  call: Call,
  services: Services & { clock: ManualClock },
  now: Date,
  memberIdOf: (openid: string) => Promise<string>,
): Promise<DemoStudios> {
  const { clock } = services;
  const day = (offset: number) =>
    new Date(now.getTime() + offset * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
  const staff = 'demo-staff';
  const host = 'demo-host';
  const resident = 'demo-new-01';
  clock.set(new Date(now.getTime() - 40 * DAY));
  const studio = await call<StudioDetail>(staff, 'studios.saveStudio', {
    name: '和平街道委员工作室',
    theme: '老旧小区改造与养老服务',
    address: '和平街道社区服务中心二楼',
    hours: '每周三下午 2:30—5:00',
    contact: '街道政协联络组 0000-12345678',
    intro: '驻街道的市政协委员每月开展一次“微协商”，听取居民意见。',
    hostId: await memberIdOf(host),
    memberIds: [await memberIdOf('demo-member-01'), await memberIdOf('demo-member-06')],
  });
  await call(staff, 'studios.saveStudio', {
    name: '科技园区委员工作室',
    theme: '营商环境',
    address: '科技园区服务大厅一楼',
    hours: '每月第一个周五上午',
    hostId: await memberIdOf('demo-member-05'),
    memberIds: [],
  });

  clock.set(new Date(now.getTime() - 30 * DAY));
  const lift = await call<MatterView>(resident, 'studios.raiseMatter', {
    studioId: studio.id,
    topic: '老楼加装电梯',
    description: '我们 3 号楼是 1985 年的老楼，住着很多老人，上下楼很困难，希望加装电梯。',
    contactName: '张阿姨',
    contactPhone: '13900000001',
  });
  const light = await call<MatterView>(resident, 'studios.raiseMatter', {
    studioId: studio.id,
    topic: '小区路灯不亮',
    description: '小区东门到 5 号楼之间的路灯坏了一个多月，晚上老人出门不安全。',
  });
  await call(host, 'studios.triageMatter', {
    matterId: light.id,
    decision: 'answer',
    reply: '已联系社区物业，路灯本周内修复。感谢您的反映！',
  });

  clock.set(new Date(now.getTime() - 20 * DAY));
  let c = await call<ConsultationDetail>(host, 'studios.saveConsultation', {
    studioId: studio.id,
    topic: '老楼加装电梯',
    source: 'matter',
    date: day(-20),
    place: '和平街道社区议事厅',
    hostMemberId: await memberIdOf(host),
    minuteTaker: '社区工作人员 李敏',
    memberIds: [await memberIdOf('demo-member-01'), await memberIdOf('demo-member-06')],
    residents: 14,
    officials: 3,
    experts: 1,
    issues: '底层住户担心采光和噪音；资金分摊比例没有共识。',
    outcomes: [
      {
        text: '由街道牵头统计各楼意愿，形成资金分摊方案',
        unit: '和平街道办事处',
        deadline: day(5),
      },
      { text: '建议区里出台老楼加装电梯补贴办法', unit: '区住建局', deadline: day(-2) },
    ],
    matterIds: [lift.id],
  });
  c = await call<ConsultationDetail>(host, 'studios.holdConsultation', {
    consultationId: c.id,
    version: c.version,
  });
  clock.set(new Date(now.getTime() - 10 * DAY));
  await call(host, 'studios.addFollowUp', {
    consultationId: c.id,
    outcomeId: c.outcomes[0]!.id,
    text: '街道已完成 3 号楼、5 号楼的意愿统计，同意率 85%。',
  });
  await call(host, 'studios.startDraft', {
    consultationId: c.id,
    outcomeId: c.outcomes[1]!.id,
    kind: 'proposal',
    clientDraftId: 'demo-studio-draft-0001',
  });

  const pending = await call<MatterView>(resident, 'studios.raiseMatter', {
    studioId: studio.id,
    topic: '社区食堂开到晚上',
    description: '社区老年食堂只供应午饭，希望晚饭也能开，方便独居老人。',
    contactName: '王大爷',
  });
  const planned = await call<ConsultationDetail>(host, 'studios.saveConsultation', {
    studioId: studio.id,
    topic: '社区老年食堂运营',
    source: 'member',
    date: day(7),
    place: '和平街道社区服务中心',
    hostMemberId: await memberIdOf(host),
    memberIds: [await memberIdOf('demo-member-01')],
  });
  clock.set(now);
  return {
    studioId: studio.id,
    pendingMatterId: pending.id,
    answeredMatterId: light.id,
    consultationId: c.id,
    plannedConsultationId: planned.id,
  };
}
