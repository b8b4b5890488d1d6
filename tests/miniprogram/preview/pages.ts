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
import type { DemoSeed } from '../../../scripts/local/demo-seed';
import { fireOpenType, tap, typeInto, type PageComponent } from '../support/page';
import type { WxMock } from '../support/wx';

export type Role = 'member' | 'host' | 'staff' | 'admin' | 'unbound';

/** Who is looking: the demo seed's openids, and one WeChat account bound to nobody. */
export const ROLES: Record<Role, { openid: string; label: string }> = {
  member: { openid: 'demo-member-01', label: '委员' },
  host: { openid: 'demo-host', label: '工作室负责人' },
  staff: { openid: 'demo-staff', label: '机关工作人员' },
  admin: { openid: 'demo-admin', label: '管理员' },
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
  states: PreviewState[];
}

const LOADING: PreviewState = {
  id: 'loading',
  label: '加载中（后端没有应答）',
  backend: 'silent',
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

export const PREVIEW_PAGES: PreviewPage[] = [
  {
    route: 'pages/home/index',
    feature: '首页与我的',
    roles: ['member', 'host', 'staff', 'admin'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'unbound', label: '未绑定的微信打开（后端答 AUTH.NOT_BOUND）', as: 'unbound' },
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
    ],
  },
  {
    route: 'pages/staff/roster/index',
    feature: '委员名册管理（机关）',
    roles: ['staff', 'admin'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'filter-unbound',
        label: '筛选未绑定的人员',
        act: ({ page }) => tap(page, '.filter--unbound'),
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
        id: 'invite',
        label: '给未绑定的委员生成邀请码',
        act: async ({ page, wait }) => {
          await tap(page, '.filter--unbound');
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
    route: 'pages/ledger/my/index',
    feature: '履职积分',
    roles: ['member', 'host'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'not-member', label: '机关工作人员打开（不参与考核）', as: 'staff' },
      { id: 'unbound', label: '未绑定的微信打开', as: 'unbound' },
    ],
  },
  {
    route: 'pages/staff/assessment/index',
    feature: '履职积分',
    roles: ['staff', 'admin'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' },
      {
        id: 'below-pass',
        label: '只看未达标的委员',
        act: ({ page }) => tap(page, '.below-pass-toggle'),
      },
    ],
  },
  {
    route: 'pages/staff/member-record/index',
    feature: '履职积分',
    roles: ['staff'],
    query: { memberId: 'm_000000001', year: '2026' },
    states: [LOADING, { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/meetings/list/index',
    feature: '会议',
    roles: ['member', 'host'],
    states: [LOADING, UNREACHABLE, { id: 'unbound', label: '未绑定的微信打开', as: 'unbound' }],
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
    route: 'pages/inbox/index',
    feature: '会议',
    roles: ['member', 'staff'],
    states: [LOADING, UNREACHABLE],
  },
  {
    route: 'pages/staff/meetings/index',
    feature: '会议管理（机关）',
    roles: ['staff', 'admin'],
    states: [LOADING, UNREACHABLE, { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/staff/meeting-edit/index',
    feature: '会议管理（机关）',
    roles: ['staff'],
    states: [],
  },
  {
    route: 'pages/staff/meeting-board/index',
    feature: '会议管理（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.plenaryId }),
    states: [LOADING, { id: 'refused', label: '委员打开（后端答 AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/staff/checkin-code/index',
    feature: '会议管理（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.plenaryId, session: 's1' }),
    states: [LOADING],
  },
  {
    route: 'pages/staff/policy/index',
    feature: '履职积分',
    roles: ['admin', 'staff'],
    states: [
      LOADING,
      UNREACHABLE,
      { id: 'refused', label: '委员打开（仅供工作人员使用）', as: 'member' },
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
      { id: 'invitations', label: '联名邀请（有 1 件待确认）', act: ({ page }) => tap(page, '.segment--invitations') },
      { id: 'public', label: '公开提案', act: ({ page }) => tap(page, '.segment--public') },
    ],
  },
  {
    route: 'pages/proposals/edit/index',
    feature: '提案与社情民意',
    roles: ['member'],
    states: [{ id: 'incomplete', label: '内容不全时提交', act: ({ call }) => call('onSubmit') }],
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
    states: [LOADING, UNREACHABLE],
  },
  {
    route: 'pages/opinions/edit/index',
    feature: '提案与社情民意',
    roles: ['member'],
    states: [{ id: 'incomplete', label: '内容不全时报送', act: ({ call }) => call('onSubmit') }],
  },
  {
    route: 'pages/opinions/detail/index',
    feature: '提案与社情民意',
    roles: ['member'],
    query: (seed) => ({ id: seed.activity!.opinionId }),
    states: [LOADING],
  },
  {
    route: 'pages/staff/proposal-review/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff', 'admin'],
    states: [LOADING, UNREACHABLE, { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/staff/proposal-handle/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.submittedProposalId }),
    states: [
      LOADING,
      {
        id: 'accepted',
        label: '已立案、已交办的提案',
        act: ({ call, seed }) => call('onLoad', { id: seed.activity!.acceptedProposalId }),
      },
      { id: 'refused', label: '委员打开', as: 'member' },
    ],
  },
  {
    route: 'pages/staff/proposal-stats/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff', 'admin'],
    states: [LOADING, UNREACHABLE, { id: 'refused', label: '委员打开（AUTH.FORBIDDEN）', as: 'member' }],
  },
  {
    route: 'pages/staff/opinion-review/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff', 'admin'],
    states: [LOADING, { id: 'refused', label: '委员打开', as: 'member' }],
  },
  {
    route: 'pages/staff/opinion-handle/index',
    feature: '提案与社情民意（机关）',
    roles: ['staff'],
    query: (seed) => ({ id: seed.activity!.opinionId }),
    states: [LOADING],
  },
];
