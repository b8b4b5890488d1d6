import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { MeetingDetail } from '../../typings/contracts/meetings';
import type { OpinionDetail } from '../../typings/contracts/opinions';
import type {
  HandlingUnitView,
  UnitContactView,
  ProposalDetail,
} from '../../typings/contracts/proposals';
import type { SettingsView } from '../../typings/contracts/settings';
import type { Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import { createDispatcher, type Dispatch } from '../../cloudfunctions/kernel/pipeline';
import { deliverDue } from '../../cloudfunctions/modules/notify/delivery';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { seedDemoReading, type DemoReading } from './demo-reading';
import { seedDemoStudios, type DemoStudios } from './demo-studios';
import { seedDemoSpeeches, type DemoSpeeches } from './demo-speeches';

const DAY = 86_400_000;

/**
 * A lived-in committee for the demo: past meetings closed with their attendance in the ledger,
 * an upcoming plenary with some replies, proposals at every stage, an award, delivered
 * notices. Everything goes through the real handlers, as the people concerned, with the clock
 * moved to when each thing happened; `now` is where the clock is left.
 */
/** Ids of what the demo activity made, for previews and walkthroughs. */
export interface DemoActivity extends DemoReading, DemoStudios, DemoSpeeches {
  plenaryId: string;
  standingMeetingId: string;
  acceptedProposalId: string;
  /** Handled online by 区生态环境分局 (demo-unit-01): its reply waits for the office's review. */
  unitReplyProposalId: string;
  submittedProposalId: string;
  cosigningProposalId: string;
  opinionId: string;
}

export async function seedDemoActivity(
  services: Omit<Services, 'clock'>,
  now: Date,
): Promise<DemoActivity> {
  const clock = new ManualClock(now);
  const svc: Services = { ...services, clock };
  const dispatchers = new Map<string, Dispatch>(
    Object.entries(FUNCTIONS).map(([name, handlers]) => [
      name,
      createDispatcher(name, handlers, svc),
    ]),
  );
  const call = async <T>(openid: string, action: string, payload: unknown): Promise<T> => {
    const res = (await dispatchers.get(action.split('.')[0]!)!(
      { action, payload },
      { openid },
    )) as ResponseEnvelope<T>;
    if (!res.ok)
      throw new Error(
        `demo activity: ${action} as ${openid}: ${res.error.code} ${res.error.message}`,
      );
    return res.data;
  };
  const at = (daysFromNow: number, beijingTime: string) => {
    const d = new Date(now.getTime() + daysFromNow * DAY + 8 * 3_600_000);
    return `${d.toISOString().slice(0, 10)}T${beijingTime}:00+08:00`;
  };
  const setClock = (daysFromNow: number, beijingTime: string) =>
    clock.set(new Date(at(daysFromNow, beijingTime)));
  const staff = 'demo-staff';
  const member = (n: number) =>
    n === 3 ? 'demo-host' : `demo-member-${String(n).padStart(2, '0')}`;

  /** 立案 by the office, from the version it reads. */
  const accept = async (proposalId: string) => {
    const current = await call<ProposalDetail>(staff, 'proposals.get', { proposalId });
    return call<ProposalDetail>(staff, 'proposals.accept', {
      proposalId,
      version: current.version,
    });
  };

  /** A unit's contact account, bound to `openid` with an invite code, as a unit's contact does. */
  const bindUnitContact = async (unitId: string, name: string, phone: string, openid: string) => {
    const contact = await call<UnitContactView>(staff, 'proposals.saveUnitContact', {
      unitId,
      name,
      phone,
    });
    const invite = await call<{ code: string }>(staff, 'members.issueInviteCode', {
      memberId: contact.memberId,
    });
    await call(openid, 'members.bindByInviteCode', { code: invite.code });
  };

  // Handling units.
  const units: HandlingUnitView[] = [];
  for (const name of [
    '区交通运输局',
    '区住房和城乡建设局',
    '区教育局',
    '区卫生健康局',
    '区生态环境分局',
  ]) {
    units.push(
      await call<HandlingUnitView>(staff, 'proposals.saveUnit', {
        name,
        contactName: '办公室联络员',
      }),
    );
  }

  // The committee's settings: the plenary proposal window runs from three months before the
  // upcoming plenary to its day, so the demo proposals below are plenary proposals.
  setClock(-60, '09:00');
  const current = await call<SettingsView>('demo-admin', 'settings.get', {});
  const { version: _v, updatedAt: _a, updatedBy: _b, note: _n, ...body } = current;
  await call('demo-admin', 'settings.update', {
    version: current.version,
    note: '设置本年度大会提案征集时间',
    settings: {
      ...body,
      proposals: {
        ...body.proposals,
        plenaryWindows: [
          {
            year: Number(at(3, '08:30').slice(0, 4)),
            opensAt: at(-88, '00:00'),
            closesAt: at(3, '23:59'),
          },
        ],
      },
    },
  });

  // A standing-committee meeting a month ago, closed with its attendance.
  setClock(-35, '09:00');
  const standing = await call<MeetingDetail>(staff, 'meetings.create', {
    kind: 'standing',
    title: '区政协常委会第十二次会议',
    sessions: [{ label: '全天', startsAt: at(-30, '09:00'), endsAt: at(-30, '17:00') }],
    venue: { name: '区政协三楼会议室', address: '人民路 1 号' },
    agenda: '一、学习传达上级会议精神\n二、协商讨论年度协商计划',
    invitees: { mode: 'standing' },
    replyDeadline: at(-31, '18:00'),
  });
  await call(staff, 'meetings.publish', { meetingId: standing.id });
  await call(member(6), 'meetings.reply', {
    meetingId: standing.id,
    answer: 'leave',
    reason: '赴外地参加行业会议',
  });
  await call(staff, 'meetings.decideLeave', {
    meetingId: standing.id,
    memberId: await memberId(svc, member(6)),
    approve: true,
  });
  setClock(-30, '08:40');
  const code = await call<{ token: string }>(staff, 'meetings.getCheckInCode', {
    meetingId: standing.id,
    sessionId: 's1',
  });
  for (const n of [1, 11, 16, 21, 26])
    await call(member(n), 'meetings.checkIn', { token: code.token });
  setClock(-30, '09:10');
  const late = await call<{ token: string }>(staff, 'meetings.getCheckInCode', {
    meetingId: standing.id,
    sessionId: 's1',
  });
  await call(member(31), 'meetings.checkIn', { token: late.token });
  setClock(-30, '17:30');
  await call(staff, 'meetings.close', { meetingId: standing.id });

  // An inspection three weeks ago.
  setClock(-25, '10:00');
  const inspection = await call<MeetingDetail>(staff, 'meetings.create', {
    kind: 'inspection',
    title: '视察城区老旧小区改造工作',
    sessions: [{ label: '上午', startsAt: at(-20, '09:00'), endsAt: at(-20, '11:30') }],
    venue: { name: '幸福里社区', address: '幸福路 18 号' },
    invitees: { mode: 'sectors', sectors: ['民建', '经济界', '科技界', '工商联'] },
    replyDeadline: at(-21, '18:00'),
  });
  await call(staff, 'meetings.publish', { meetingId: inspection.id });
  setClock(-20, '08:50');
  const insCode = await call<{ token: string }>(staff, 'meetings.getCheckInCode', {
    meetingId: inspection.id,
    sessionId: 's1',
  });
  for (const n of [4, 10, 20]) await call(member(n), 'meetings.checkIn', { token: insCode.token });
  setClock(-20, '12:00');
  await call(staff, 'meetings.close', { meetingId: inspection.id });

  // Proposals: one accepted, assigned and answered; one waiting for review; one joint in co-signing.
  setClock(-40, '20:30');
  const p1 = await call<ProposalDetail>(member(1), 'proposals.saveDraft', {
    clientDraftId: 'demo-proposal-elevator',
    revision: 3,
    title: '关于加快推进老旧小区加装电梯的建议',
    category: '城乡建设',
    cause:
      '我区2000年前建成的多层住宅中，老年居民比例较高，上下楼困难已成为突出的民生问题。加装电梯推进缓慢，主要卡在低层住户意见不一、费用分摊争议和审批环节多。',
    suggestion:
      '一是由街道牵头建立邻里协商机制；二是出台费用分摊指导标准；三是推行联合审批、一窗受理；四是加大财政补贴力度，明确后期维保责任。',
    coSignerIds: [await memberId(svc, member(2))],
  });
  await call(member(1), 'proposals.submit', { proposalId: p1.id });
  setClock(-39, '09:00');
  await call(member(2), 'proposals.respondCoSign', { proposalId: p1.id, accept: true });
  setClock(-36, '10:00');
  const d1 = await accept(p1.id);
  await call<ProposalDetail>(staff, 'proposals.assign', {
    proposalId: p1.id,
    version: d1.version,
    mode: 'joint',
    units: [
      { unitId: units[1]!.id, role: 'lead' },
      { unitId: units[0]!.id, role: 'co' },
    ],
  });
  setClock(-5, '15:00');
  await call(staff, 'proposals.recordReply', {
    proposalId: p1.id,
    unitId: units[1]!.id,
    replyClass: 'B',
    text: '我局高度重视，已会同各街道制定加装电梯三年行动计划，今年计划完成加装 60 台，并简化审批流程。',
  });

  setClock(-3, '21:00');
  const p2 = await call<ProposalDetail>(member(4), 'proposals.saveDraft', {
    clientDraftId: 'demo-proposal-afterschool',
    revision: 1,
    title: '关于完善中小学课后托管服务的建议',
    category: '教育',
    cause:
      '双职工家庭普遍存在放学后接送难的问题，部分学校课后服务时间短、内容单一，家长满意度不高。',
    suggestion:
      '建议延长课后服务时间至 18 时，引入社会优质资源丰富课程内容，完善经费保障和教师激励机制。',
  });
  await call(member(4), 'proposals.submit', { proposalId: p2.id });

  setClock(-1, '19:00');
  const p3 = await call<ProposalDetail>(member(5), 'proposals.saveDraft', {
    clientDraftId: 'demo-proposal-parking',
    revision: 1,
    title: '关于缓解老城区停车难的建议',
    category: '城乡建设',
    cause: '老城区道路狭窄，停车位缺口大，占道停车现象普遍，早晚高峰交通拥堵严重。',
    suggestion:
      '建议利用边角地建设立体停车场，推行机关企事业单位停车位错时共享，建设智慧停车平台。',
    coSignerIds: [await memberId(svc, member(1))],
  });
  await call(member(5), 'proposals.submit', { proposalId: p3.id });

  // Two more accepted proposals for the office's work queues: one being handled, one to assign.
  setClock(-30, '20:00');
  const p4 = await call<ProposalDetail>(member(6), 'proposals.saveDraft', {
    clientDraftId: 'demo-proposal-river',
    revision: 1,
    title: '关于加强城区河道生态治理的建议',
    category: '生态文明建设',
    cause: '城区部分河道存在雨污混流、水体发黑发臭问题，沿岸居民反映强烈。',
    suggestion: '建议开展雨污分流改造，建立河长巡查和水质公开制度，引入生态修复技术。',
  });
  await call(member(6), 'proposals.submit', { proposalId: p4.id });
  setClock(-28, '10:00');
  const d4 = await accept(p4.id);
  await call<ProposalDetail>(staff, 'proposals.assign', {
    proposalId: p4.id,
    version: d4.version,
    mode: 'joint',
    units: [{ unitId: units[4]!.id, role: 'lead' }],
  });
  // Two units work online (their contacts bound like members, openids demo-unit-01/02): the
  // environment bureau took the river proposal on and sent its reply to the office's review.
  await bindUnitContact(units[4]!.id, '环保局联络员', '13800000101', 'demo-unit-01');
  await bindUnitContact(units[0]!.id, '交通局联络员', '13800000102', 'demo-unit-02');
  setClock(-27, '09:00');
  await call('demo-unit-01', 'proposals.unitAccept', { proposalId: p4.id });
  setClock(-2, '16:00');
  await call('demo-unit-01', 'proposals.unitSaveReply', {
    proposalId: p4.id,
    replyClass: 'B',
    text: '我局高度重视，已将城区河道雨污分流改造列入今明两年治水工程，今年完成东河、西河两段改造，并建立河长巡查和水质月度公开制度。',
    letter: null,
  });
  await call('demo-unit-01', 'proposals.unitSubmitReply', { proposalId: p4.id });
  setClock(-6, '20:00');
  const p5 = await call<ProposalDetail>(member(7), 'proposals.saveDraft', {
    clientDraftId: 'demo-proposal-clinic',
    revision: 1,
    title: '关于提升社区卫生服务中心诊疗能力的建议',
    category: '医疗卫生',
    cause: '社区卫生服务中心设备陈旧、全科医生不足，居民常见病也往大医院跑。',
    suggestion: '建议推进医联体建设，专家定期下沉社区坐诊，加大全科医生培养和设备更新投入。',
  });
  await call(member(7), 'proposals.submit', { proposalId: p5.id });
  setClock(-4, '09:30');
  await accept(p5.id);

  // An opinion report adopted and sent up to the city, with a leader's instruction.
  setClock(-15, '20:00');
  const op = await call<OpinionDetail>(member(1), 'opinions.saveDraft', {
    clientDraftId: 'demo-opinion-school-traffic',
    revision: 1,
    title: '关于校园周边交通安全的情况反映',
    body: '近期多名家长反映，城区部分学校周边上下学时段交通拥堵严重，人车混行，存在较大安全隐患。建议交警部门在上下学高峰时段增派警力，设置护学岗和临时停车区，学校错峰放学。',
  });
  await call(member(1), 'opinions.submit', { opinionId: op.id });
  setClock(-12, '10:00');
  const opFresh = await call<OpinionDetail>(staff, 'opinions.get', { opinionId: op.id });
  await call(staff, 'opinions.adopt', {
    opinionId: op.id,
    version: opFresh.version,
    issue: '2026 年第 5 期',
  });
  await call(staff, 'opinions.forward', { opinionId: op.id, level: 'city', adopted: true });
  setClock(-8, '16:00');
  await call(staff, 'opinions.recordInstruction', {
    opinionId: op.id,
    level: 'district',
    leader: '区委副书记',
    text: '请区公安分局、区教育局研究落实。',
  });

  // An item the office awards by hand.
  setClock(-28, '16:00');
  await call(staff, 'ledger.awardPoints', {
    memberId: await memberId(svc, member(1)),
    points: 3,
    category: 'other',
    title: '全会大会书面发言',
    reason: '书面发言被大会采用',
  });

  // The upcoming plenary, with some replies.
  clock.set(new Date(now.getTime() - DAY));
  const plenary = await call<MeetingDetail>(staff, 'meetings.create', {
    kind: 'plenary',
    title: '区政协十五届三次会议第一次全体会议',
    sessions: [
      { label: '上午', startsAt: at(3, '08:30'), endsAt: at(3, '12:00') },
      { label: '下午', startsAt: at(3, '14:00'), endsAt: at(3, '17:30') },
    ],
    venue: {
      name: '区会议中心大礼堂',
      address: '人民路 1 号',
      latitude: 30.2741,
      longitude: 120.1551,
      radiusMeters: 300,
    },
    requireLocation: true,
    agenda: '一、听取和审议常务委员会工作报告\n二、听取和审议提案工作情况报告\n三、大会发言',
    invitees: { mode: 'all' },
    replyDeadline: at(2, '18:00'),
  });
  await call(staff, 'meetings.publish', { meetingId: plenary.id });
  await call(member(1), 'meetings.reply', { meetingId: plenary.id, answer: 'attend' });
  await call(member(2), 'meetings.reply', {
    meetingId: plenary.id,
    answer: 'leave',
    reason: '住院治疗',
  });

  const speechIds = await seedDemoSpeeches(call, clock, now, plenary.id);
  const readingIds = await seedDemoReading(call, { ...svc, clock }, now, member);
  const studioIds = await seedDemoStudios(call, { ...svc, clock }, now, (openid) =>
    memberId(svc, openid),
  );

  clock.set(now);
  await deliverDue(svc, 2000);
  return {
    ...readingIds,
    ...studioIds,
    ...speechIds,
    plenaryId: plenary.id,
    standingMeetingId: standing.id,
    acceptedProposalId: p1.id,
    unitReplyProposalId: p4.id,
    submittedProposalId: p2.id,
    cosigningProposalId: p3.id,
    opinionId: op.id,
  };
}

async function memberId(services: Services, openid: string): Promise<string> {
  const binding = await services.store.get<{ _id: string; memberId: string }>('bindings', openid);
  if (!binding) throw new Error(`demo activity: no binding for ${openid}`);
  return binding.memberId;
}
