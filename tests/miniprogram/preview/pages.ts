/**
 * Every page of the mini-program, as the previews and the layout check see it: its feature
 * group (the gallery's sections), the roles that use it and its other states. A page joins by
 * one entry here; registry.test.ts fails while a page of app.json has none.
 *
 * Each page is rendered through miniprogram-simulate with the real handlers on a fresh SQLite
 * database seeded with the demo committee (scripts/local/demo-seed.ts), once in its normal
 * state for each of `roles`, then once for each entry of `states`; every picture is taken at
 * the standard text size and at the 关怀模式 scale (render.ts `TEXT_SCALES`).
 *
 * Conventions for states:
 * - `loading`: the backend never answers (`backend: 'silent'`);
 * - `unreachable`: the transport fails (no network, function crashed), after the client's retries;
 * - `refused`: a real error envelope from the handlers (a member on a staff page gets
 *   AUTH.FORBIDDEN; a wrong invite code);
 * - `empty`: a filter or search that the demo data cannot match;
 * - anything else a member does on the page (`act`): taps and typing through the helpers of
 *   support/page.ts, against the same backend.
 */
import { DEFAULT_POLICY } from '../../../typings/contracts/default-policy';
import type { DemoSeed } from '../../../scripts/local/demo-seed';
import type { ViewportName } from '../../../scripts/preview/browser';
import { fireOpenType, tap, typeInto, type PageComponent } from '../support/page';
import type { WxMock } from '../support/wx';
import { PREVIEW_NOW } from './backend';

export type Role = 'member' | 'host' | 'staff' | 'admin' | 'unit' | 'unbound';

/** Who is looking: the demo seed's openids, and one WeChat account bound to nobody. */
export const ROLES: Record<Role, { openid: string; label: string }> = {
  member: { openid: 'demo-member-01', label: '委员' },
  host: { openid: 'demo-host', label: '工作室负责人' },
  staff: { openid: 'demo-staff', label: '机关工作人员' },
  admin: { openid: 'demo-admin', label: '管理员' },
  unit: { openid: 'demo-unit-01', label: '承办单位联络员' },
  unbound: { openid: 'demo-new-01', label: '未绑定的微信' },
};

export type BackendBehaviour = 'live' | 'unreachable' | 'silent';

/** What a state's `act` can use. */
export interface ActContext {
  page: PageComponent;
  /**
   * Calls a page method (a handler or lifecycle hook, which simulate does not call by itself)
   * and lets what it started settle, without waiting forever on a silent backend.
   */
  call(method: string, ...args: unknown[]): Promise<void>;
  /** From now on the backend behaves like this. */
  backend(behaviour: BackendBehaviour): void;
  /** Waits, e.g. for a dialog's enter transition. */
  wait(ms: number): Promise<void>;
  wx: WxMock;
  seed: DemoSeed;
  /**
   * Calls an action of the demo backend directly, as `role` (setting up what the page is then
   * shown with, e.g. a door code to open the check-in page with). Resolves to the data; rejects
   * with the error envelope's code and message.
   */
  api<T = unknown>(role: Role, action: string, payload?: unknown): Promise<T>;
  /** Moves the demo backend's clock on (a code that has expired meanwhile). */
  advanceClock(ms: number): void;
}

export interface PreviewState {
  /** Short id, unique on the page; part of the picture's file name. */
  id: string;
  /** What the picture shows (the gallery's caption). */
  label: string;
  /** Who is looking (default: the page's first role). */
  as?: Role;
  /** How the backend behaves from the start (default: `live`). */
  backend?: BackendBehaviour;
  /** What the member does once the page has loaded. */
  act?: (ctx: ActContext) => Promise<void>;
  /**
   * The screen it is laid out, checked and pictured on (default: the page's, else the phone):
   * `desk` is a PC WeChat window or a tablet on its side, 1280 × 800.
   */
  viewport?: ViewportName;
  /**
   * The page's error view (`state--error`) is what this state should show. Implied for
   * `unreachable` and `refused`; in any other state the layout check fails on an error view.
   */
  showsError?: boolean;
}

export interface PreviewPage {
  /** As in app.json (sub-package pages with their root: `pages/staff/roster/index`). */
  route: string;
  /** The folder `route` is relative to (default: miniprogram/; the check's own fixture). */
  root?: string;
  /** The gallery section. */
  feature: string;
  /** Who uses the page: its normal state is pictured for each. */
  roles: Role[];
  /** onLoad's query; a function when it needs ids the demo data made. */
  query?: Record<string, string> | ((seed: DemoSeed) => Record<string, string>);
  /** The screen of its states unless a state names another (default: the phone). */
  viewport?: ViewportName;
  states: PreviewState[];
}

const LOADING: PreviewState = {
  id: 'loading',
  label: '加载中（后端没有应答）',
  backend: 'silent',
};
/** The page's normal state in a PC WeChat window (1280 × 800): styles/desk.wxss lays it out. */
const DESK: PreviewState = {
  id: 'desk',
  label: '电脑微信窗口（1280 × 800）',
  viewport: 'desk',
};
const UNREACHABLE: PreviewState = {
  id: 'unreachable',
  label: '网络不通（请求失败，重试后仍失败）',
  backend: 'unreachable',
};

/** A roster file with mistakes: an invalid phone number and a repeated phone number. */
const BAD_ROSTER_CSV = [
  '姓名,性别,界别,专委会,常委,手机号,届次',
  '赵一,男,经济界,经济委员会,是,1391111000,第十五届',
  '钱二,女,教育界,提案委员会,否,13911110002,第十五届',
  '孙三,男,科技界,经济委员会,否,13911110002,第十五届',
].join('\r\n');

/** A proposal the office entered for the previews' member from paper (代录), not yet confirmed. */
/** The accepted demo proposal marked 优秀提案 by the office (its id). */
async function excellentProposal(ctx: ActContext): Promise<string> {
  const id = ctx.seed.activity!.acceptedProposalId;
  const p = await ctx.api<{ version: number }>('staff', 'proposals.get', { proposalId: id });
  await ctx.api('staff', 'proposals.markExcellent', { proposalId: id, version: p.version });
  return id;
}

/** A speech of demo-member-01's that the office returned for revision (its id). */
async function returnedSpeech(ctx: ActContext): Promise<string> {
  const d = await ctx.api<{ id: string }>('member', 'proposals.saveSpeech', {
    clientDraftId: 'preview-speech-returned',
    revision: 1,
    title: '关于加快数字乡村建设的几点建议',
    body: '数字乡村建设是乡村振兴的战略方向。'.repeat(20),
  });
  const s = await ctx.api<{ version: number }>('member', 'proposals.submitSpeech', {
    speechId: d.id,
  });
  await ctx.api('staff', 'proposals.reviewSpeech', {
    speechId: d.id,
    version: s.version,
    accept: false,
    note: '请压缩到 1500 字以内，并补充本区的具体数据和案例。',
  });
  return d.id;
}

async function enteredProposal({ api }: ActContext): Promise<string> {
  const me = await api<{ id: string }>('member', 'members.getMyProfile', {});
  const draft = await api<{ id: string }>('staff', 'proposals.saveDraft', {
    clientDraftId: 'preview-entry-0001',
    revision: 1,
    onBehalfOf: me.id,
    title: '关于规范农村宅基地审批管理的建议',
    category: '城乡建设',
    cause: '部分乡镇宅基地审批程序不统一，群众多头跑、审批周期长，违规占地问题时有发生。',
    suggestion: '建议统一审批流程和材料清单，推行线上申报，建立乡镇联审联办和批后监管机制。',
  });
  await api('staff', 'proposals.submit', { proposalId: draft.id });
  return draft.id;
}

/** An opinion report the office entered for the previews' member (代录), not yet confirmed. */
async function enteredOpinion({ api }: ActContext): Promise<string> {
  const me = await api<{ id: string }>('member', 'members.getMyProfile', {});
  const draft = await api<{ id: string }>('staff', 'opinions.saveDraft', {
    clientDraftId: 'preview-opinion-entry-0001',
    revision: 1,
    onBehalfOf: me.id,
    title: '关于农村生活污水治理的情况反映',
    body: '部分行政村生活污水仍直排河沟，夏季异味明显，群众意见较大。建议加快管网建设，因地制宜建设小型处理设施，并落实日常运维责任和经费保障。',
  });
  await api('staff', 'opinions.submit', { opinionId: draft.id });
  return draft.id;
}

// --- check-in: meetings open at the preview moment (10:00), door codes, positions ------------

/** A meeting published by staff whose check-in is open at 10:00 (its session starts 10:15). */
async function checkInMeeting(
  { api }: ActContext,
  over: Record<string, unknown> = {},
): Promise<string> {
  const draft = await api<{ id: string }>('staff', 'meetings.create', {
    kind: 'consultation',
    title: '关于老旧小区加装电梯的专题协商会',
    sessions: [
      { label: '上午', startsAt: '2026-03-02T10:15:00+08:00', endsAt: '2026-03-02T12:00:00+08:00' },
    ],
    venue: {
      name: '区政协三楼会议室',
      address: '人民路 1 号',
      latitude: 30.2741,
      longitude: 120.1551,
      radiusMeters: 300,
    },
    invitees: { mode: 'all' },
    replyDeadline: '2026-03-02T10:05:00+08:00',
    ...over,
  });
  await api('staff', 'meetings.publish', { meetingId: draft.id });
  return draft.id;
}

/** The door's current ticket (the `scene` of its mini-program code). */
async function doorScene({ api }: ActContext, meetingId: string): Promise<string> {
  return (
    await api<{ scene: string }>('staff', 'meetings.getCheckInCode', { meetingId, sessionId: 's1' })
  ).scene;
}

/** WeChat's camera opens the check-in page with a mini-program code of that meeting's door. */
async function scanDoor(ctx: ActContext, meetingId: string): Promise<void> {
  await ctx.call('onLoad', { scene: encodeURIComponent(await doorScene(ctx, meetingId)) });
}

/** The phone's position: at the venue, 2 km away, refused, or none to be had. */
function positionIs(ctx: ActContext, where: 'far' | 'denied' | 'noFix'): void {
  const getLocation = jest.fn(() =>
    where === 'far'
      ? Promise.resolve({ latitude: 30.2921, longitude: 120.1551, accuracy: 30 })
      : Promise.reject({
          errMsg: where === 'denied' ? 'getLocation:fail auth deny' : 'getLocation:fail timeout',
        }),
  );
  Object.assign(ctx.wx, { getLocation });
}

/**
 * WeChat's subscription sheet, answered for every template asked (the shared mock has no
 * `requestSubscribeMessage`; a page without one asks nothing).
 */
function answerSubscriptions(wx: WxMock, answer: 'accept' | 'reject'): void {
  Object.assign(wx, {
    requestSubscribeMessage: jest.fn(
      (o: { tmplIds: string[]; success?: (res: Record<string, string>) => void }) =>
        o.success?.({
          errMsg: 'requestSubscribeMessage:ok',
          ...Object.fromEntries(o.tmplIds.map((id) => [id, answer])),
        }),
    ),
  });
}

// --- closing the demo plenary (2026-03-05, 上午 08:30, 下午 14:00–17:30) -----------------------

/** From the preview moment (03-02 10:00) to 03-05 14:30 (下午 under way) and 17:45 (over). */
const PLENARY_AFTERNOON_MS = (3 * 24 + 4.5) * 3_600_000;
const PLENARY_OVER_MS = (3 * 24 + 7.75) * 3_600_000;

/** The staff member taps 结束会议 on the plenary's board once the clock is on by `ms`. */
async function openCloseDialog(ctx: ActContext, ms: number): Promise<void> {
  ctx.advanceClock(ms);
  await ctx.call('onLoad', { id: ctx.seed.activity!.plenaryId });
  await tap(ctx.page, '.close-button');
  await ctx.wait(400); // the dialog's enter transition
}

/**
 * The plenary as held: the pending leave approved, most invitees checked in by staff at the
 * door for both sessions (a few late, a few absent).
 */
async function attendPlenary(ctx: ActContext): Promise<void> {
  const meetingId = ctx.seed.activity!.plenaryId;
  const pending = await ctx.api<{ items: Array<{ memberId: string }> }>(
    'staff',
    'meetings.listLeaveRequests',
    { meetingId, status: 'pending' },
  );
  for (const { memberId } of pending.items)
    await ctx.api('staff', 'meetings.decideLeave', { meetingId, memberId, approve: true });
  for (const sessionId of ['s1', 's2']) {
    const board = await ctx.api<{ members: Array<{ memberId: string; state: string }> }>(
      'staff',
      'meetings.getAttendance',
      { meetingId, sessionId },
    );
    const expected = board.members.filter((m) => m.state !== 'excused');
    const absent = sessionId === 's1' ? 2 : 3;
    for (const [i, m] of expected.slice(0, expected.length - absent).entries())
      await ctx.api('staff', 'meetings.proxyCheckIn', {
        meetingId,
        sessionId,
        memberId: m.memberId,
        late: i % 12 === 5,
      });
  }
}

// --- home: what waits for the member ---------------------------------------------------------

/** Runs `work` with the page's clock at the backend's moment (the home page's "today"). */
async function atPreviewMoment(work: () => Promise<void>): Promise<void> {
  const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(PREVIEW_NOW));
  try {
    await work();
  } finally {
    now.mockRestore();
  }
}

/** From now on `action` fails in the transport (no answer); every other call goes through. */
function failAction(wx: WxMock, action: string): void {
  type Call = { data?: { action?: string }; fail?: (e: { errMsg: string }) => void };
  const request = wx.request.getMockImplementation() as (o: Call) => unknown;
  wx.request.mockImplementation((o: Call) => {
    if (o.data?.action !== action) return request(o);
    setTimeout(() => o.fail?.({ errMsg: 'request:fail timeout' }), 0);
    return { abort: () => undefined };
  });
  const callFunction = wx.cloud.callFunction.getMockImplementation() as (o: Call) => unknown;
  wx.cloud.callFunction.mockImplementation((o: Call) => {
    if (o.data?.action !== action) return callFunction(o);
    setTimeout(() => o.fail?.({ errMsg: 'cloud.callFunction:fail network error' }), 0);
    return undefined;
  });
}

export const PREVIEW_PAGES: PreviewPage[] = [
  {
    route: 'pages/home/index',
    feature: '首页与我的',
    roles: ['member', 'host', 'staff', 'admin', 'unit'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'unbound', label: '未绑定的微信打开（后端答 AUTH.NOT_BOUND）', as: 'unbound' },
      {
        id: 'unread',
        label: '有未读消息：“消息通知”入口显示条数，一点即到（“我的”角标同数）',
        as: 'member',
      },
      {
        id: 'waiting',
        label: '待办：今天的会议、待回执的会议、联名邀请、答复待评价、未读消息，各有条数',
        as: 'member',
        act: async (ctx) => {
          await checkInMeeting(ctx);
          await checkInMeeting(ctx, {
            title: '关于优化营商环境的界别协商会',
            sessions: [
              { label: '下午', startsAt: '2026-03-05T14:30:00+08:00', endsAt: '2026-03-05T17:00:00+08:00' },
            ],
            replyDeadline: '2026-03-04T18:00:00+08:00',
          });
          await atPreviewMoment(() => ctx.call('reload'));
        },
      },
      {
        id: 'nothing-waiting',
        label: '暂时没有待办：仍有常用功能',
        as: 'member',
        act: async (ctx) => {
          await ctx.api('member', 'notify.markRead', { all: true });
          const invites = await ctx.api<{ items: Array<{ id: string }> }>(
            'member',
            'proposals.listCoSignInvitations',
          );
          for (const { id } of invites.items)
            await ctx.api('member', 'proposals.respondCoSign', { proposalId: id, accept: true });
          const toEvaluate = await ctx.api<{ items: Array<{ id: string }> }>(
            'member',
            'proposals.listToEvaluate',
          );
          for (const { id } of toEvaluate.items)
            await ctx.api('member', 'proposals.evaluate', { proposalId: id, rating: 'satisfied' });
          await ctx.call('reload');
        },
      },
      {
        id: 'part-failed',
        label: '联名邀请一项读取失败：其余照常显示，并说明哪一项没能加载',
        as: 'member',
        act: async (ctx) => {
          failAction(ctx.wx, 'proposals.listCoSignInvitations');
          await ctx.call('reload');
        },
      },
    ],
  },
  {
    route: 'pages/profile/index',
    feature: '首页与我的',
    roles: ['member', 'host', 'staff', 'admin'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'unbound', label: '未绑定的微信打开（后端答 AUTH.NOT_BOUND）', as: 'unbound' },
      {
        id: 'phone-shown',
        label: '点按手机号，显示完整号码',
        act: ({ page }) => tap(page, '.field--phone'),
      },
    ],
  },
  {
    route: 'pages/bind/index',
    feature: '绑定委员身份',
    roles: ['unbound'],
    states: [
      {
        id: 'invalid-code',
        label: '邀请码格式不对（页面自己检查）',
        act: async ({ page }) => {
          await typeInto(page, '.code-field', 'AB12');
          await tap(page, '.code-button');
        },
      },
      {
        id: 'refused',
        label: '邀请码不存在（后端拒绝）',
        act: async ({ page }) => {
          await typeInto(page, '.code-field', 'ZZZZ 9999');
          await tap(page, '.code-button');
        },
      },
      {
        id: 'busy',
        label: '正在绑定（后端没有应答）',
        backend: 'silent',
        act: async ({ page, seed }) => {
          await typeInto(page, '.code-field', seed.inviteCodes[0]!.code);
          await tap(page, '.code-button');
        },
      },
      {
        ...UNREACHABLE,
        act: async ({ page, seed }) => {
          await typeInto(page, '.code-field', seed.inviteCodes[0]!.code);
          await tap(page, '.code-button');
        },
      },
      {
        id: 'phone-declined',
        label: '拒绝授权手机号',
        act: ({ page }) =>
          fireOpenType(page, '.phone-button', 'getphonenumber', {
            errMsg: 'getPhoneNumber:fail user deny',
          }),
      },
      {
        id: 'bound',
        label: '绑定成功：提议开启会议通知提醒',
        act: async ({ page, seed }) => {
          await typeInto(page, '.code-field', seed.inviteCodes[0]!.code);
          await tap(page, '.code-button');
        },
      },
    ],
  },
  {
    route: 'pages/staff/roster/index',
    feature: '委员名册管理（机关）',
    roles: ['staff', 'admin'],
    states: [
      DESK,
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'filter-unbound',
        label: '筛选未绑定的人员',
        act: ({ page }) => tap(page, '.chip--unbound'),
      },
      {
        id: 'empty',
        label: '搜索没有结果',
        act: async ({ page, call }) => {
          await typeInto(page, '.search', '查无此人');
          await call('onSearch', { detail: { value: '查无此人' } });
        },
      },
      {
        id: 'pinyin-search',
        label: '按拼音首字母搜索（wjg 找到王建国）',
        act: async ({ page, call }) => {
          await typeInto(page, '.search', 'wjg');
          await call('onSearch', { detail: { value: 'wjg' } });
        },
      },
      {
        id: 'invite',
        label: '给未绑定的委员生成邀请码',
        act: async ({ page, wait }) => {
          await tap(page, '.chip--unbound');
          await tap(page, '.row-invite');
          await wait(400); // the dialog's enter transition
        },
      },
      {
        id: 'import-errors',
        label: '导入有错误的名册（后端逐行指出）',
        act: async ({ page, wx }) => {
          wx.chooseMessageFile.mockResolvedValue({
            tempFiles: [{ name: '名册.csv', path: 'wxfile://tmp/roster.csv', size: 300 }],
          });
          wx.fs.readFile.mockImplementation((o: { success?: (r: { data: string }) => void }) =>
            o.success?.({ data: Buffer.from(BAD_ROSTER_CSV, 'utf8').toString('base64') }),
          );
          await tap(page, '.import-button');
        },
      },
      {
        id: 'import-running',
        label: '导入 1,000 行的名册：已确认，分批写入（显示进度）',
        act: async ({ page, wx, wait }) => {
          const rows = Array.from(
            { length: 1000 },
            (_, i) => `新委员${i},女,教育界,,否,134${String(i).padStart(8, '0')},第十五届`,
          );
          const csv = ['姓名,性别,界别,专委会,常委,手机号,届次', ...rows].join('\r\n');
          wx.chooseMessageFile.mockResolvedValue({
            tempFiles: [{ name: '名册.csv', path: 'wxfile://tmp/roster.csv', size: 40_000 }],
          });
          wx.fs.readFile.mockImplementation((o: { success?: (r: { data: string }) => void }) =>
            o.success?.({ data: Buffer.from(csv, 'utf8').toString('base64') }),
          );
          await tap(page, '.import-button');
          await wait(300);
        },
      },
      {
        id: 'more-unreachable',
        label: '翻到底部时网络断开',
        act: async ({ backend, call }) => {
          backend('unreachable');
          await call('onReachBottom');
        },
      },
    ],
  },
  {
    route: 'pages/staff/member/index',
    feature: '委员名册管理（机关）',
    roles: ['staff', 'admin'],
    // The demo's first member (demo-member-01), with a trail made in the states below.
    query: { id: 'm_000000001' },
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'editing',
        label: '编辑人员信息（姓名、性别、界别、专委会、常委、手机号、届次）',
        act: ({ page }) => tap(page, '.edit-button'),
      },
      {
        id: 'edit-invalid',
        label: '编辑：姓名留空、手机号不对，保存时在字段旁指出',
        act: async ({ page }) => {
          await tap(page, '.edit-button');
          await typeInto(page, '.ef-name', '');
          await typeInto(page, '.ef-phone', '1380000');
          await tap(page, '.ef-save');
        },
      },
      {
        id: 'deactivate',
        label: '点“停用”：对话框说明后果并要求填写原因',
        act: async ({ page, wait }) => {
          await tap(page, '.deactivate-button');
          await wait(400); // the dialog's enter transition
        },
      },
      {
        id: 'deactivated',
        label: '已停用（有原因）：可启用；操作记录里有改名和停用',
        act: async ({ api, call }) => {
          const view = await api<{ version: number; entry: Record<string, unknown> }>(
            'staff',
            'members.getEntry',
            { memberId: 'm_000000001' },
          );
          const { id: _id, roles: _r, active: _a, bound: _b, boundAt: _t, ...fields } = view.entry;
          await api('staff', 'members.updateEntry', {
            ...fields,
            memberId: 'm_000000001',
            version: view.version,
            term: '第十四届',
          });
          await api('staff', 'members.setActive', {
            memberId: 'm_000000001',
            active: false,
            reason: '届满离任，不再担任委员',
          });
          await call('onLoad', { id: 'm_000000001' });
        },
      },
      {
        id: 'admin-own',
        label: '管理员打开自己的账号：角色可改，但不能取消自己的管理员角色，也不能停用自己',
        as: 'admin',
        act: ({ call }) => call('onLoad', { id: 'm_000000042' }),
      },
      {
        id: 'office-account',
        label: '工作人员打开管理员的账号：只能查看',
        act: ({ call }) => call('onLoad', { id: 'm_000000042' }),
      },
      {
        id: 'not-found',
        label: '人员不存在（已删除或链接有误）',
        act: ({ call }) => call('onLoad', { id: 'm_nobody' }),
      },
      { id: 'desk', label: '电脑微信窗口（1280 × 800）', viewport: 'desk' },
      {
        id: 'desk-admin',
        label: '电脑微信窗口：管理员修改委员的角色',
        as: 'admin',
        viewport: 'desk',
        act: ({ page }) => tap(page, '.rp-row--studioHost'),
      },
      {
        id: 'desk-editing',
        label: '电脑微信窗口：编辑人员信息',
        viewport: 'desk',
        act: ({ page }) => tap(page, '.edit-button'),
      },
      {
        id: 'desk-deactivate',
        label: '电脑微信窗口：停用对话框',
        viewport: 'desk',
        act: async ({ page, wait }) => {
          await tap(page, '.deactivate-button');
          await wait(400);
        },
      },
      { ...LOADING, id: 'desk-loading', viewport: 'desk' },
      {
        id: 'desk-refused',
        label: '电脑微信窗口：委员打开（AUTH.FORBIDDEN）',
        as: 'member',
        viewport: 'desk',
      },
    ],
  },
  {
    route: 'pages/ledger/my/index',
    feature: '履职积分',
    roles: ['member', 'host'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'not-member', label: '机关工作人员打开（不参与考核）', as: 'staff' },
      { id: 'unbound', label: '未绑定的微信打开', as: 'unbound' },
      {
        id: 'so-far',
        label: '2025 年度考核尚未结束：积分截至目前，不评定等次',
        act: ({ page }) => tap(page, '.year--2025'),
      },
    ],
  },
  {
    route: 'pages/staff/assessment/index',
    feature: '履职积分',
    roles: ['staff', 'admin'],
    states: [
      DESK,
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'below-pass',
        label: '只看未达标的委员',
        act: ({ page }) => tap(page, '.below-pass-toggle'),
      },
      {
        id: 'year-open',
        label: '2025 年度考核未结束：截至目前，不评定等次，可结束考核',
        act: ({ page }) => tap(page, '.year--2025'),
      },
      {
        id: 'year-closed',
        label: '结束 2025 年度考核后（确认对话框点“结束考核”）：显示等次',
        act: async ({ call }) => {
          await call('onYear', { currentTarget: { dataset: { year: 2025 } } });
          await call('onCloseYear');
        },
      },
      {
        id: 'year-closed-admin',
        label: '管理员查看已结束的年度：可重新开启',
        as: 'admin',
        act: async ({ call }) => {
          await call('onYear', { currentTarget: { dataset: { year: 2025 } } });
          await call('onCloseYear');
        },
      },
    ],
  },
  {
    route: 'pages/staff/member-record/index',
    feature: '履职积分',
    roles: ['staff'],
    query: { memberId: 'm_000000001', year: '2026' },
    states: [
      DESK,
      LOADING,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'export-term',
        label: '导出本届履职档案：起止年度，超过 5 个年度时导出',
        act: async ({ page }) => {
          await tap(page, '.page >>> .chip--term');
          const from = page.querySelector('.page >>> .from-year');
          from?.dispatchEvent('change', { detail: { value: '3' } });
          await tap(page, '.page >>> .record-export-button');
        },
      },
    ],
  },
  {
    route: 'pages/meetings/list/index',
    feature: '会议',
    roles: ['member', 'host'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'unbound', label: '未绑定的微信打开', as: 'unbound' },
      {
        id: 'reminders-on',
        label: '点“开启会议通知提醒”并同意：还可提醒 1 次',
        act: async ({ page, wx }) => {
          answerSubscriptions(wx, 'accept');
          await tap(page, '.reminder-button');
        },
      },
      {
        id: 'reminders-declined',
        label: '点“开启会议通知提醒”但没有同意',
        act: async ({ page, wx }) => {
          answerSubscriptions(wx, 'reject');
          await tap(page, '.reminder-button');
        },
      },
    ],
  },
  {
    route: 'pages/meetings/detail/index',
    feature: '会议',
    roles: ['member', 'staff'],
    query: (seed) => ({ id: seed.activity!.plenaryId }),
    states: [LOADING, UNREACHABLE, { id: 'replied-leave', label: '已请假、待审批的委员', as: 'host' }],
  },
  {
    route: 'pages/meetings/result/index',
    feature: '会议',
    roles: ['member'],
    query: {
      meetingId: 'mt_demo',
      title: encodeURIComponent('区政协十五届三次会议第一次全体会议'),
      session: encodeURIComponent('上午'),
      at: encodeURIComponent('2026-03-05T00:40:00.000Z'),
      late: '1',
    },
    states: [],
  },
  {
    route: 'pages/meetings/checkin/index',
    feature: '会议',
    roles: ['member'],
    states: [
      {
        ...LOADING,
        label: '核验签到码中（后端没有应答）',
        act: ({ call }) => call('onLoad', { scene: '0123456789.2x5g1k.AbCdEfGhIjKl' }),
      },
      {
        ...UNREACHABLE,
        act: ({ call }) => call('onLoad', { scene: '0123456789.2x5g1k.AbCdEfGhIjKl' }),
      },
      {
        id: 'success',
        label: '用微信“扫一扫”扫门口的小程序码：签到成功',
        act: async (ctx) => scanDoor(ctx, await checkInMeeting(ctx)),
      },
      {
        id: 'late',
        label: '会议开始后才签到：迟到',
        act: async (ctx) =>
          scanDoor(
            ctx,
            await checkInMeeting(ctx, {
              sessions: [
                {
                  label: '上午',
                  startsAt: '2026-03-02T09:50:00+08:00',
                  endsAt: '2026-03-02T12:00:00+08:00',
                },
              ],
              replyDeadline: '2026-03-02T09:30:00+08:00',
            }),
          ),
      },
      {
        id: 'link',
        label: '扫普通链接二维码（https 链接，页面收到 q）：签到成功',
        act: async (ctx) => {
          const scene = await doorScene(ctx, await checkInMeeting(ctx));
          await ctx.call('onLoad', {
            q: encodeURIComponent(`https://cppcc.example.gov.cn/c/${scene}`),
            scancode_time: '1772416800',
          });
        },
      },
      {
        id: 'already',
        label: '已签到后再扫一次',
        act: async (ctx) => {
          const meetingId = await checkInMeeting(ctx);
          await ctx.api('member', 'meetings.checkIn', { token: await doorScene(ctx, meetingId) });
          await scanDoor(ctx, meetingId);
        },
      },
      {
        id: 'unbound',
        label: '未绑定的微信扫码：先去绑定，绑定后回来签到',
        as: 'unbound',
        act: async (ctx) => scanDoor(ctx, await checkInMeeting(ctx)),
      },
      {
        id: 'expired',
        label: '转发的签到码（30 秒后才打开）',
        act: async (ctx) => {
          const scene = await doorScene(ctx, await checkInMeeting(ctx));
          ctx.advanceClock(45_000);
          await ctx.call('onLoad', { scene: encodeURIComponent(scene) });
        },
      },
      {
        id: 'pass-expired',
        label: '扫码后超过 10 分钟才回来签到',
        act: async (ctx) => {
          const scene = await doorScene(ctx, await checkInMeeting(ctx));
          const { pass } = await ctx.api<{ pass: string }>('member', 'meetings.resolveCheckInCode', {
            code: scene,
          });
          ctx.advanceClock(11 * 60_000);
          await ctx.call('onLoad', { pass: encodeURIComponent(pass) });
        },
      },
      {
        id: 'invalid',
        label: '不是签到码',
        act: ({ call }) => call('onLoad', { q: encodeURIComponent('https://example.com/menu') }),
      },
      {
        id: 'window-closed',
        label: '不在签到时间内（三天后的全体会议）',
        act: async (ctx) => scanDoor(ctx, ctx.seed.activity!.plenaryId),
      },
      {
        id: 'not-invited',
        label: '不在参会名单中',
        act: async (ctx) =>
          scanDoor(ctx, await checkInMeeting(ctx, { invitees: { mode: 'sectors', sectors: ['民革'] } })),
      },
      {
        id: 'out-of-range',
        label: '定位签到：距会场 2 公里',
        act: async (ctx) => {
          positionIs(ctx, 'far');
          await scanDoor(ctx, await checkInMeeting(ctx, { requireLocation: true }));
        },
      },
      {
        id: 'location-denied',
        label: '定位签到：拒绝提供位置',
        act: async (ctx) => {
          positionIs(ctx, 'denied');
          await scanDoor(ctx, await checkInMeeting(ctx, { requireLocation: true }));
        },
      },
      {
        id: 'no-fix',
        label: '定位签到：手机无法定位',
        act: async (ctx) => {
          positionIs(ctx, 'noFix');
          await scanDoor(ctx, await checkInMeeting(ctx, { requireLocation: true }));
        },
      },
      {
        id: 'cancelled',
        label: '会议已取消',
        act: async (ctx) => {
          const meetingId = await checkInMeeting(ctx);
          const scene = await doorScene(ctx, meetingId);
          await ctx.api('staff', 'meetings.cancel', { meetingId, reason: '因故改期' });
          await ctx.call('onLoad', { scene: encodeURIComponent(scene) });
        },
      },
    ],
  },
  {
    route: 'pages/inbox/index',
    feature: '会议',
    roles: ['member', 'staff'],
    states: [LOADING, UNREACHABLE],
  },
  {
    route: 'pages/staff/meetings/index',
    feature: '会议管理（机关）',
    roles: ['staff', 'admin'],
    states: [
      DESK,LOADING, UNREACHABLE, { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/staff/meeting-edit/index',
    feature: '会议管理（机关）',
    roles: ['staff'],
    states: [
      DESK,
      {
        id: 'named',
        label: '指定委员：按姓名查找并选择',
        act: async ({ page }) => {
          await tap(page, '.mode--named');
          await tap(page, '.invitee-picker >>> .toggle');
          page.querySelector('.page >>> .search__input')?.dispatchEvent('input', { detail: { value: '王' } });
          await tap(page, '.page >>> .search__button');
          await tap(page, '.page >>> .result');
        },
      },
    ],
  },
  {
    route: 'pages/staff/meeting-board/index',
    feature: '会议管理（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.plenaryId }),
    states: [
      DESK,
      LOADING,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'notice-unreplied',
        label: '回执：只看未回执的委员（已回执的不在列表里）',
        act: async ({ page }) => {
          await tap(page, '.page >>> .chip--unreplied');
        },
      },
      {
        id: 'close-not-started',
        label: '结束会议：会议 3 天后才开始，还不能结束',
        act: async ({ page, wait }) => {
          await tap(page, '.close-button');
          await wait(400); // the dialog's enter transition
        },
      },
      {
        id: 'close-undecided',
        label: '结束会议：下午场已开始，还有 2 人的请假未审批',
        act: async (ctx) => {
          await ctx.api('host', 'meetings.reply', {
            meetingId: ctx.seed.activity!.plenaryId,
            answer: 'leave',
            reason: '带队赴外地考察，行程已定',
          });
          await openCloseDialog(ctx, PLENARY_AFTERNOON_MS);
        },
      },
      {
        id: 'close-ready',
        label: '结束会议：会后，请假已审批，说明将计入的出勤结果',
        act: async (ctx) => {
          await attendPlenary(ctx);
          await openCloseDialog(ctx, PLENARY_OVER_MS);
        },
      },
      {
        id: 'close-running',
        label: '结束会议：已确认，出勤结果分批记下（显示进度）',
        act: async (ctx) => {
          await attendPlenary(ctx);
          await openCloseDialog(ctx, PLENARY_OVER_MS);
          await tap(ctx.page, '.cd-confirm');
          await ctx.wait(300);
        },
      },
      {
        id: 'leave-panel',
        label: '请假审批：一位委员请假待批',
        act: async (ctx) => {
          await ctx.api('host', 'meetings.reply', {
            meetingId: ctx.seed.activity!.plenaryId,
            answer: 'leave',
            reason: '带队赴外地考察，行程已定',
          });
          await tap(ctx.page, '.chip--leave');
        },
      },
      {
        id: 'notice-sending',
        label: '回执：通知正在分批发出（120 位委员，已发 100 位）',
        act: async (ctx) => {
          const rows = Array.from(
            { length: 80 },
            (_, i) => `委员${i},男,经济界,,否,137${String(i).padStart(8, '0')},第十五届`,
          );
          const csv = ['姓名,性别,界别,专委会,常委,手机号,届次', ...rows].join('\r\n');
          await ctx.api('staff', 'members.importRoster', {
            fileName: '名册.csv',
            contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
          });
          const meetingId = await checkInMeeting(ctx, {
            sessions: [
              {
                label: '全天',
                startsAt: '2026-03-06T09:00:00+08:00',
                endsAt: '2026-03-06T17:00:00+08:00',
              },
            ],
            replyDeadline: '2026-03-05T18:00:00+08:00',
          });
          await ctx.call('onLoad', { id: meetingId });
        },
      },
      {
        id: 'attendance-panel',
        label: '签到：大部分委员已签到，几位迟到、缺席',
        act: async (ctx) => {
          await attendPlenary(ctx);
          await tap(ctx.page, '.chip--attendance');
        },
      },
    ],
  },
  {
    route: 'pages/staff/checkin-code/index',
    feature: '会议管理（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.plenaryId, session: 's1' }),
    states: [
      LOADING,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'counted',
        label: '签到进行中：已有委员签到',
        act: async (ctx) => {
          const meetingId = await checkInMeeting(ctx);
          const token = await doorScene(ctx, meetingId);
          for (const role of ['member', 'host'] as const)
            await ctx.api(role, 'meetings.checkIn', { token });
          await ctx.call('onLoad', { id: meetingId, session: 's1' });
        },
      },
      {
        id: 'desk',
        label: '门口的电脑微信窗口或平板（1280 × 800）：签到进行中',
        viewport: 'desk',
        act: async (ctx) => {
          const meetingId = await checkInMeeting(ctx);
          const token = await doorScene(ctx, meetingId);
          for (const role of ['member', 'host'] as const)
            await ctx.api(role, 'meetings.checkIn', { token });
          await ctx.call('onLoad', { id: meetingId, session: 's1' });
        },
      },
      { ...LOADING, id: 'desk-loading', viewport: 'desk' },
    ],
  },
  {
    route: 'pages/staff/policy/index',
    feature: '履职积分',
    roles: ['admin', 'staff'],
    states: [
      DESK,
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（仅供工作人员使用）', as: 'member' },
      {
        id: 'recompute-done',
        label: '发布新版本后执行重算：重算完成，几人的积分有调整',
        act: async ({ api, call, page, wait }) => {
          await api('admin', 'ledger.saveDraftPolicy', {
            year: 2026,
            policy: {
              ...DEFAULT_POLICY,
              title: '2026 年修订版',
              rules: DEFAULT_POLICY.rules.map((r) =>
                r.event === 'reading.note' ? { ...r, points: r.points + 1 } : r,
              ),
            },
          });
          await api('admin', 'ledger.publishPolicy', { year: 2026 });
          await call('onLoad', { year: '2026' });
          await tap(page, '.page >>> .preview-button');
          await tap(page, '.page >>> .apply-button');
          await wait(300);
        },
      },
    ],
  },
  {
    route: 'pages/staff/settings/index',
    feature: '委员会设置（机关）',
    roles: ['admin'],
    states: [
      DESK,
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（仅供管理员使用）', as: 'member' },
      {
        id: 'invalid',
        label: '填写有误时保存',
        act: async ({ page, call }) => {
          await typeInto(page, '.num-proposals-coSignDays', '0');
          await typeInto(page, '.reply-B', '');
          await call('onSave');
        },
      },
      {
        id: 'order-strokes',
        label: '名单改为按姓氏笔画排序（未保存）',
        act: ({ page }) => tap(page, '.option--strokes'),
      },
      {
        id: 'sms',
        label: '短信通知：会议通知都发短信，请假结果无微信订阅时发（未保存）',
        act: async ({ page }) => {
          await tap(page, '.chip--always', 0);
          await tap(page, '.chip--whenNoSubscription', 1);
        },
      },
    ],
  },
  {
    route: 'pages/proposals/index',
    feature: '提案与社情民意',
    roles: ['member', 'staff'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'unbound', label: '未绑定的微信打开', as: 'unbound' },
      { id: 'unit', label: '承办单位联络员打开：本单位的两个列表', as: 'unit' },
      { id: 'invitations', label: '联名邀请（有 1 件待确认）', act: ({ page }) => tap(page, '.chip--invitations') },
      { id: 'public', label: '公开提案', act: ({ page }) => tap(page, '.chip--public') },
      {
        id: 'search',
        label: '公开提案：全文搜索（标题、案由、建议、提案人、承办单位、案号），最相关的在前',
        act: async ({ page, call }) => {
          await tap(page, '.chip--public');
          await call('onSearch', { detail: { value: '老旧小区' } });
        },
      },
    ],
  },
  {
    route: 'pages/proposals/edit/index',
    feature: '提案与社情民意',
    roles: ['member'],
    states: [
      { id: 'entry-for', label: '代录：机关工作人员先选择为哪位委员录入', as: 'staff' },
      { id: 'incomplete', label: '内容不全时提交', act: ({ call }) => call('onSubmit') },
      {
        id: 'cosigners',
        label: '查找联名人（选了 1 位）',
        act: async ({ page }) => {
          await tap(page, '.cosigner-picker >>> .toggle');
          page.querySelector('.page >>> .search__input')?.dispatchEvent('input', { detail: { value: '李' } });
          await tap(page, '.page >>> .search__button');
          await tap(page, '.page >>> .result');
        },
      },
    ],
  },
  {
    route: 'pages/proposals/detail/index',
    feature: '提案与社情民意',
    roles: ['member', 'staff'],
    query: (seed) => ({ id: seed.activity!.cosigningProposalId }),
    states: [
      LOADING,
      UNREACHABLE,
      {
        id: 'replied',
        label: '已立案、已答复：提案人评价',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.acceptedProposalId }),
      },
      {
        id: 'entry',
        label: '代录：工作人员录入的提案，等委员本人确认',
        act: async (ctx) => ctx.call('onLoad', { id: await enteredProposal(ctx) }),
      },
      {
        id: 'entry-office',
        label: '代录：工作人员打开，可为无手机的委员代为确认',
        as: 'staff',
        act: async (ctx) => ctx.call('onLoad', { id: await enteredProposal(ctx) }),
      },
      {
        id: 'excellent',
        label: '优秀提案：标识',
        act: async (ctx) => ctx.call('onLoad', { id: await excellentProposal(ctx) }),
      },
      {
        id: 'not-found',
        label: '他人的待审查提案（PROPOSAL.NOT_FOUND）',
        as: 'host',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.submittedProposalId }),
      },
    ],
  },
  {
    route: 'pages/opinions/index',
    feature: '提案与社情民意',
    roles: ['member'],
    states: [
      LOADING,
      UNREACHABLE,
      {
        id: 'search',
        label: '搜索我的信息（标题、正文、期号）',
        act: ({ call }) => call('onSearch', { detail: { value: '交通安全' } }),
      },
      {
        id: 'search-none',
        label: '搜索没有结果',
        act: ({ call }) => call('onSearch', { detail: { value: '宅基地' } }),
      },
    ],
  },
  {
    route: 'pages/opinions/edit/index',
    feature: '提案与社情民意',
    roles: ['member'],
    states: [
      { id: 'incomplete', label: '内容不全时报送', act: ({ call }) => call('onSubmit') },
      { id: 'entry-for', label: '代录：机关工作人员先选择为哪位委员录入', as: 'staff' },
    ],
  },
  {
    route: 'pages/opinions/detail/index',
    feature: '提案与社情民意',
    roles: ['member'],
    query: (seed) => ({ id: seed.activity!.opinionId }),
    states: [
      LOADING,
      {
        id: 'entry',
        label: '代录：工作人员录入的信息，等委员本人确认',
        act: async (ctx) => ctx.call('onLoad', { id: await enteredOpinion(ctx) }),
      },
      {
        id: 'entry-office',
        label: '代录：工作人员打开，可为无手机的委员代为确认',
        as: 'staff',
        act: async (ctx) => ctx.call('onLoad', { id: await enteredOpinion(ctx) }),
      },
      {
        id: 'not-found',
        label: '不存在的信息（OPINION.NOT_FOUND）',
        act: ({ call }) => call('onLoad', { id: 'op-missing' }),
      },
    ],
  },
  {
    route: 'pages/staff/proposal-review/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff', 'admin'],
    states: [
      DESK,LOADING, UNREACHABLE, { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/staff/proposal-handle/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.submittedProposalId }),
    states: [
      DESK,
      LOADING,
      {
        id: 'accepted',
        label: '已立案、已交办的提案',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.acceptedProposalId }),
      },
      { id: 'refused', label: '委员打开', as: 'member' },
      {
        id: 'excellent-mark',
        label: '已答复的提案：可评为优秀提案',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.acceptedProposalId }),
      },
      {
        id: 'excellent-marked',
        label: '已评为优秀提案：可撤销（电脑微信窗口 1280 × 800）',
        viewport: 'desk',
        act: async (ctx) => ctx.call('onLoad', { id: await excellentProposal(ctx) }),
      },
      {
        id: 'unit-review',
        label: '承办单位在线提交的答复：审核通过或退回',
        act: async ({ call, page, seed }) => {
          await call('onLoad', { id: seed.activity!.unitReplyProposalId });
          await tap(page, '.open-review');
        },
      },
      {
        id: 'unit-review-desk',
        label: '审核答复（电脑微信窗口 1280 × 800）',
        viewport: 'desk',
        act: async ({ call, page, seed }) => {
          await call('onLoad', { id: seed.activity!.unitReplyProposalId });
          await tap(page, '.open-review');
        },
      },
    ],
  },
  {
    route: 'pages/unit/queue/index',
    feature: '承办单位',
    roles: ['unit'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'answered', label: '已答复', act: ({ page }) => tap(page, '.chip--answered') },
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
      DESK,
    ],
  },
  {
    route: 'pages/unit/proposal/index',
    feature: '承办单位',
    roles: ['unit'],
    query: (seed) => ({ id: seed.activity!.unitReplyProposalId }),
    states: [
      LOADING,
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'returned',
        label: '提案办退回答复后：按意见修改',
        act: async ({ api, call, seed }) => {
          const proposalId = seed.activity!.unitReplyProposalId;
          const units = await api<{ handling: { units: Array<{ unitId: string }> } }>(
            'staff',
            'proposals.get',
            { proposalId },
          );
          await api('staff', 'proposals.reviewReply', {
            proposalId,
            unitId: units.handling.units[0]!.unitId,
            approve: false,
            note: '请补充东河、西河改造的具体完成时限和资金来源',
          });
          await call('onLoad', { id: proposalId });
        },
      },
      {
        id: 'to-accept',
        label: '新交办的提案：签收或提出异议',
        as: 'unit',
        act: async ({ api, call, seed }) => {
          const proposalId = seed.activity!.submittedProposalId;
          const fresh = await api<{ version: number }>('staff', 'proposals.get', { proposalId });
          const accepted = await api<{ version: number }>('staff', 'proposals.accept', {
            proposalId,
            version: fresh.version,
          });
          const units = await api<{ items: Array<{ id: string; name: string }> }>(
            'staff',
            'proposals.listUnits',
            {},
          );
          await api('staff', 'proposals.assign', {
            proposalId,
            version: accepted.version,
            mode: 'joint',
            units: [
              { unitId: units.items.find((u) => u.name === '区生态环境分局')!.id, role: 'lead' },
              { unitId: units.items.find((u) => u.name === '区教育局')!.id, role: 'co' },
            ],
          });
          await call('onLoad', { id: proposalId });
        },
      },
      DESK,
    ],
  },
  {
    route: 'pages/staff/proposal-work/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'handling',
        label: '办理中的提案（已交办，期限内）',
        act: ({ call }) => call('onLoad', { queue: 'handling' }),
      },
      {
        id: 'desk',
        label: '电脑微信窗口（1280 × 800）：筛选在列表旁',
        viewport: 'desk',
        act: ({ call }) => call('onLoad', { queue: 'handling' }),
      },
    ],
  },
  {
    route: 'pages/staff/proposal-stats/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff', 'admin'],
    states: [
      DESK,
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'add-unit',
        label: '添加承办单位（名称太短时保存）',
        act: async ({ page }) => {
          await tap(page, '.page >>> .add-unit-toggle');
          await typeInto(page, '.unit-name', '局');
          await tap(page, '.page >>> .add-unit-submit');
        },
      },
    ],
  },
  {
    route: 'pages/staff/opinion-review/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff', 'admin'],
    states: [
      DESK,
      LOADING,
      { id: 'refused', label: '委员打开', as: 'member' },
      {
        id: 'issue-export',
        label: '已采用：编印《社情民意》（选期号、填标题、导出 Word）',
        act: async ({ page }) => {
          await tap(page, '.page >>> .chip--adopted');
          await typeInto(page, '.issue-title', '关注民生安全');
        },
      },
      {
        id: 'search',
        label: '已采用：按标题、正文、作者或期号搜索，最相关的在前',
        act: async ({ page, call }) => {
          await tap(page, '.page >>> .chip--adopted');
          await call('onSearch', { detail: { value: '交通' } });
        },
      },
      {
        id: 'confirming',
        label: '待委员确认：代录的信息',
        act: async (ctx) => {
          await enteredOpinion(ctx);
          await tap(ctx.page, '.page >>> .chip--confirming');
        },
      },
    ],
  },
  {
    route: 'pages/staff/opinion-handle/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.opinionId }),
    states: [
      DESK,LOADING],
  },
  // --- 大会发言 (plenary speeches) -------------------------------------------------------
  {
    route: 'pages/speeches/list/index',
    feature: '大会发言',
    roles: ['member'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'empty', label: '还没有写过发言', as: 'host' },
      { id: 'unbound', label: '未绑定的微信', as: 'unbound' },
    ],
  },
  {
    route: 'pages/speeches/edit/index',
    feature: '大会发言',
    roles: ['member'],
    states: [
      { id: 'incomplete', label: '内容不全时提交', act: ({ call }) => call('onSubmit') },
      {
        id: 'typed',
        label: '选了全体会议、写了标题和正文',
        act: async ({ page, call }) => {
          await tap(page, '.occasion');
          await call('onTitle', { detail: { value: '以城乡融合发展推动共同富裕' } });
          await call('onBody', {
            detail: { value: '推动城乡融合发展，关键在于打通城乡要素流动的堵点。'.repeat(4) },
          });
        },
      },
    ],
  },
  {
    route: 'pages/speeches/detail/index',
    feature: '大会发言',
    roles: ['member', 'staff'],
    query: (seed) => ({ id: seed.activity!.deliveredSpeechId }),
    states: [
      LOADING,
      {
        id: 'returned',
        label: '退回修改：办公室的意见，修改后重新提交',
        act: async (ctx) => ctx.call('onLoad', { id: await returnedSpeech(ctx) }),
      },
      {
        id: 'not-found',
        label: '他人的发言（SPEECH.NOT_FOUND）',
        as: 'host',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.submittedSpeechId }),
      },
    ],
  },
  {
    route: 'pages/staff/speeches/index',
    feature: '大会发言（机关）',
    roles: ['staff', 'admin'],
    states: [
      DESK,
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'accepted',
        label: '已收录：选用为口头或书面发言的',
        act: ({ call }) => call('onQueue', { detail: { value: 'accepted' } }),
      },
      {
        id: 'empty',
        label: '已退回（没有）',
        act: ({ call }) => call('onQueue', { detail: { value: 'returned' } }),
      },
    ],
  },
  {
    route: 'pages/staff/speech-handle/index',
    feature: '大会发言（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.submittedSpeechId }),
    states: [
      DESK,
      LOADING,
      { id: 'refused', label: '委员打开', as: 'member' },
      {
        id: 'accepted',
        label: '已收录、选为大会口头发言：可改选',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.deliveredSpeechId }),
      },
      {
        id: 'accepted-desk',
        label: '已收录（电脑微信窗口 1280 × 800）',
        viewport: 'desk',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.deliveredSpeechId }),
      },
    ],
  },
  // --- 书香政协 (reading club) ------------------------------------------------------------
  {
    route: 'pages/reading/index/index',
    feature: '书香政协',
    roles: ['member'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'all-groups', label: '全部读书群', act: ({ call }) => call('onTab', { detail: { value: 'all' } }) },
    ],
  },
  {
    route: 'pages/reading/group/index',
    feature: '书香政协',
    roles: ['member'],
    query: (seed) => ({ id: seed.activity!.readingGroupId }),
    states: [
      LOADING,
      {
        id: 'featured-first',
        label: '精选优先',
        act: ({ call }) => call('onFeatured', { detail: { value: true } }),
      },
      {
        id: 'pending-mine',
        label: '我的心得待审核（只有自己和工作人员看得到）',
        act: async ({ api, call, seed }) => {
          const d = await api<{ id: string }>('member', 'reading.saveDraft', {
            clientDraftId: 'preview-pending-01',
            revision: 1,
            groupId: seed.activity!.readingGroupId,
            title: '座谈会后的想法',
            body: '群众的诉求不能只靠上访，协商平台要用起来。',
          });
          await api('member', 'reading.publish', { postId: d.id });
          await call('reload');
        },
      },
    ],
  },
  {
    route: 'pages/reading/edit/index',
    feature: '书香政协',
    roles: ['member'],
    query: (seed) => ({ groupId: seed.activity!.readingGroupId, kind: 'note' }),
    states: [{ id: 'incomplete', label: '内容不全时发表', act: ({ call }) => call('onSubmit') }],
  },
  {
    route: 'pages/reading/revise/index',
    feature: '书香政协',
    roles: ['member'],
    query: (seed) => ({ id: seed.activity!.readingMyPostId }),
    states: [
      LOADING,
      {
        id: 'incomplete',
        label: '删去正文后保存',
        act: async ({ call }) => {
          await call('onFields', { detail: { patch: { body: '' }, field: 'body' } });
          await call('onSave');
        },
      },
      {
        id: 'not-mine',
        label: '别人的心得（不能修改）',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.readingPostId }),
      },
    ],
  },
  {
    route: 'pages/reading/post/index',
    feature: '书香政协',
    roles: ['member', 'staff'],
    query: (seed) => ({ id: seed.activity!.readingPostId }),
    states: [
      LOADING,
      {
        id: 'pending-review',
        label: '待审核（作者看到的说明）',
        as: 'member',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.readingPendingPostId }),
      },
      {
        id: 'refused',
        label: '图片未通过内容安全检测（工作人员看）',
        as: 'staff',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.readingRefusedPostId }),
      },
      {
        id: 'not-found',
        label: '他人未公开的内容（READING.POST_NOT_FOUND）',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.readingRefusedPostId }),
      },
    ],
  },
  {
    route: 'pages/reading/book/index',
    feature: '书香政协',
    roles: ['member'],
    query: (seed) => ({ id: seed.activity!.readingBookId }),
    states: [LOADING, { id: 'not-found', label: '不存在的书目', act: ({ call }) => call('onLoad', { id: 'rbk-missing' }) }],
  },
  {
    route: 'pages/reading/feed/index',
    feature: '书香政协',
    roles: ['member'],
    query: { scope: 'club' },
    states: [
      LOADING,
      { id: 'mine', label: '我的发表', act: ({ call }) => call('onLoad', { scope: 'mine' }) },
      { id: 'mine-empty', label: '我的发表（还没有）', as: 'admin', act: ({ call }) => call('onLoad', { scope: 'mine' }) },
    ],
  },
  {
    route: 'pages/staff/reading/index',
    feature: '书香政协（机关）',
    roles: ['staff'],
    states: [
      DESK,LOADING, UNREACHABLE],
  },
  {
    route: 'pages/staff/reading-edit/index',
    feature: '书香政协（机关）',
    roles: ['staff'],
    query: (seed) => ({ type: 'group', id: seed.activity!.readingGroupId, periodId: seed.activity!.readingPeriodId }),
    states: [
      DESK,
      { id: 'new-period', label: '新建读书期（未填写就保存）', act: async ({ call }) => { await call('onLoad', { type: 'period' }); await call('onSave'); } },
      { id: 'new-book', label: '新建书目', act: ({ call, seed }) => call('onLoad', { type: 'book', periodId: seed.activity!.readingPeriodId }) },
    ],
  },
  {
    route: 'pages/staff/reading-moderation/index',
    feature: '书香政协（机关）',
    roles: ['staff'],
    states: [
      DESK,
      LOADING,
      { id: 'refused-queue', label: '检测未通过', act: ({ call }) => call('onQueue', { detail: { value: 'refused' } }) },
      { id: 'empty', label: '已屏蔽（没有）', act: ({ call }) => call('onQueue', { detail: { value: 'hidden' } }) },
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
    ],
  },
  {
    route: 'pages/staff/reading-report/index',
    feature: '书香政协（机关）',
    roles: ['staff'],
    states: [
      DESK,
      LOADING,
      { id: 'by-sector', label: '按界别', act: ({ call }) => call('onBy', { detail: { value: 'sector' } }) },
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
    ],
  },
  {
    route: 'pages/studios/list/index',
    feature: '委员工作室',
    roles: ['unbound', 'member'],
    states: [LOADING, UNREACHABLE],
  },
  {
    route: 'pages/studios/studio/index',
    feature: '委员工作室',
    roles: ['unbound', 'host'],
    query: (seed) => ({ id: seed.activity!.studioId }),
    states: [
      LOADING,
      {
        id: 'from-code',
        label: '扫门口二维码打开（scene 为工作室编号）',
        as: 'unbound',
        act: ({ call, seed }) => call('onLoad', { scene: seed.activity!.studioId }),
      },
      {
        id: 'not-found',
        label: '二维码有误',
        as: 'unbound',
        act: ({ call }) => call('onLoad', { scene: 'std_missing' }),
      },
    ],
  },
  {
    route: 'pages/studios/matter-new/index',
    feature: '委员工作室',
    roles: ['unbound'],
    query: (seed) => ({ studioId: seed.activity!.studioId }),
    states: [{ id: 'incomplete', label: '没填就提交', act: ({ call }) => call('onSend') }],
  },
  {
    route: 'pages/studios/matter/index',
    feature: '委员工作室',
    roles: ['unbound', 'host'],
    query: (seed) => ({ id: seed.activity!.pendingMatterId }),
    states: [
      LOADING,
      {
        id: 'answered',
        label: '已答复（群众看到的）',
        as: 'unbound',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.answeredMatterId }),
      },
      {
        id: 'not-found',
        label: '别人的诉求（看不到）',
        as: 'unbound',
        act: ({ call }) => call('onLoad', { id: 'smt_missing' }),
      },
    ],
  },
  {
    route: 'pages/studios/mine/index',
    feature: '委员工作室',
    roles: ['unbound', 'member'],
    states: [LOADING],
  },
  {
    route: 'pages/studios/workspace/index',
    feature: '委员工作室',
    roles: ['host', 'staff'],
    query: (seed) => ({ id: seed.activity!.studioId }),
    states: [
      LOADING,
      {
        id: 'answered',
        label: '已答复的诉求',
        act: ({ call }) => call('onMatterStatus', { detail: { value: 'answered' } }),
      },
      { id: 'code', label: '门口二维码', act: ({ call }) => call('onCode') },
    ],
  },
  {
    route: 'pages/studios/consultation/index',
    feature: '委员工作室',
    roles: ['host', 'member', 'unbound'],
    query: (seed) => ({ id: seed.activity!.consultationId }),
    states: [
      LOADING,
      {
        id: 'planned',
        label: '计划中的协商',
        as: 'host',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.plannedConsultationId }),
      },
      {
        id: 'publish-form',
        label: '发布为会议：选时间',
        as: 'host',
        act: async ({ page, call, seed }) => {
          await call('onLoad', { id: seed.activity!.plannedConsultationId });
          await tap(page, '.open-button');
        },
      },
      {
        id: 'published',
        label: '已发布为会议',
        as: 'host',
        act: async ({ api, call, seed }) => {
          const consultationId = seed.activity!.plannedConsultationId;
          const c = await api<{ date: string; version: number }>(
            'host',
            'studios.getConsultation',
            { consultationId },
          );
          await api('host', 'studios.publishMeeting', {
            consultationId,
            version: c.version,
            startsAt: `${c.date}T14:30:00+08:00`,
            endsAt: `${c.date}T16:30:00+08:00`,
            replyDeadline: `${c.date}T09:00:00+08:00`,
          });
          await call('onLoad', { id: consultationId });
        },
      },
    ],
  },
  {
    route: 'pages/studios/consultation-edit/index',
    feature: '委员工作室',
    roles: ['host'],
    query: (seed) => ({ studioId: seed.activity!.studioId, id: seed.activity!.consultationId }),
    states: [
      {
        id: 'new-incomplete',
        label: '新建，没填议题就保存',
        act: async ({ call, seed }) => {
          await call('onLoad', { studioId: seed.activity!.studioId });
          await call('onAddOutcome');
          await call('onSave');
        },
      },
    ],
  },
  {
    route: 'pages/studios/studio-edit/index',
    feature: '委员工作室',
    roles: ['staff', 'host'],
    query: (seed) => ({ id: seed.activity!.studioId }),
    states: [
      {
        id: 'new-incomplete',
        label: '新建，没填就保存',
        as: 'staff',
        act: async ({ call }) => {
          await call('onLoad', {});
          await call('onSave');
        },
      },
    ],
  },
  {
    route: 'pages/staff/studios/index',
    feature: '委员工作室（机关）',
    roles: ['staff'],
    states: [
      DESK,
      LOADING,
      {
        id: 'last-year',
        label: '去年（没有活动）',
        act: ({ call, page }) =>
          call('onPeriod', {
            detail: { value: (page.instance.data as { periods: Array<{ value: string }> }).periods[3]!.value },
          }),
      },
      { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' },
    ],
  },
];
