import type { Contracts, FunctionName, InputOf, OutputOf } from '../../typings/contracts';
import { config } from '../config';
import { ApiCallError } from './errors';
import { send } from './transport';

export { ApiCallError, isApiCallError } from './errors';

type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

/** `api.members.getMyProfile({})`: resolves to the action's output, rejects with ApiCallError. */
export type ModuleClient<F extends FunctionName> = {
  [A in ActionName<F>]: (input: InputOf<Contracts[F][A]>) => Promise<OutputOf<Contracts[F][A]>>;
};
export type ApiClient = { [F in FunctionName]: ModuleClient<F> };

/**
 * Every action of every function. The contract's schemas are not bundled (zod stays on the
 * server), so the names are listed here; the type demands exactly the contract's keys.
 */
const ACTIONS: { [F in FunctionName]: Record<ActionName<F>, true> } = {
  members: {
    getMyProfile: true,
    listDirectory: true,
    bindByInviteCode: true,
    bindByPhone: true,
    listRoster: true,
    importRoster: true,
    exportRoster: true,
    issueInviteCode: true,
    unbind: true,
    setRoles: true,
    setActive: true,
    listAuditLog: true,
  },
  ledger: {
    getMyRecord: true,
    listMyEntries: true,
    getPolicy: true,
    saveDraftPolicy: true,
    publishPolicy: true,
    previewRecompute: true,
    applyRecompute: true,
    getAssessment: true,
    getMemberRecord: true,
    exportAssessment: true,
    awardPoints: true,
    reverseEntry: true,
    rebuildTotals: true,
    getYearStatus: true,
    closeYear: true,
    reopenYear: true,
  },
  notify: {
    listInbox: true,
    getUnreadCount: true,
    markRead: true,
    getSubscribeTemplates: true,
    reportSubscriptions: true,
    runDelivery: true,
  },
  meetings: {
    create: true,
    update: true,
    publish: true,
    cancel: true,
    list: true,
    get: true,
    reply: true,
    decideLeave: true,
    listLeaveRequests: true,
    remindUnreplied: true,
    getCheckInCode: true,
    resolveCheckInCode: true,
    checkIn: true,
    proxyCheckIn: true,
    requestLeaveEarly: true,
    confirmLeaveEarly: true,
    getAttendance: true,
    getNoticeReport: true,
    previewClose: true,
    close: true,
    reopen: true,
    exportAttendance: true,
  },
  proposals: {
    saveDraft: true,
    deleteDraft: true,
    submit: true,
    withdraw: true,
    get: true,
    listMine: true,
    listCoSignInvitations: true,
    respondCoSign: true,
    findSimilar: true,
    listPublic: true,
    reviewQueue: true,
    accept: true,
    reject: true,
    proposeConversion: true,
    consentConversion: true,
    merge: true,
    saveUnit: true,
    listUnits: true,
    assign: true,
    recordObjection: true,
    extendDeadline: true,
    recordReply: true,
    evaluate: true,
    markKey: true,
    addSupervision: true,
    listOverdue: true,
    getStats: true,
    exportStats: true,
  },
  opinions: {
    saveDraft: true,
    submit: true,
    get: true,
    listMine: true,
    reviewQueue: true,
    edit: true,
    adopt: true,
    decline: true,
    forward: true,
    recordInstruction: true,
    feedback: true,
  },
  settings: {
    get: true,
    getHistory: true,
    update: true,
  },
};

/** 20 characters of base36: time first (roughly sortable in logs), then randomness. */
export function newRequestId(): string {
  let id = Date.now().toString(36);
  while (id.length < 20) id += Math.floor(Math.random() * 36).toString(36);
  return id.slice(0, 20);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One intent, one requestId: the id is chosen before the first attempt and reused on every
 * retry, so the server applies a retried write at most once.
 */
export async function call(fn: FunctionName, action: string, payload: unknown): Promise<unknown> {
  const requestId = newRequestId();
  for (let attempt = 0; ; attempt += 1) {
    const response = await send({ fn, action: `${fn}.${action}`, payload, requestId });
    if (response.ok) return response.data;
    const wait = config.retryDelaysMs[attempt];
    if (response.error.code !== 'SYSTEM.UNAVAILABLE' || wait === undefined) {
      throw new ApiCallError(response.error);
    }
    await delay(wait);
  }
}

function moduleClient<F extends FunctionName>(fn: F): ModuleClient<F> {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const action of Object.keys(ACTIONS[fn])) {
    client[action] = (input) => call(fn, action, input);
  }
  // Each entry was built from the contract's own action list above with the matching name.
  return client as ModuleClient<F>;
}

/** One entry per cloud function; the type makes a new function in the contract a compile error here. */
export const api: ApiClient = {
  members: moduleClient('members'),
  ledger: moduleClient('ledger'),
  notify: moduleClient('notify'),
  meetings: moduleClient('meetings'),
  proposals: moduleClient('proposals'),
  opinions: moduleClient('opinions'),
  settings: moduleClient('settings'),
};
