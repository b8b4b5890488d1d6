import type { proposals } from '../../../typings/contracts/proposals';
import type { ModuleHandlers } from '../../kernel/action';
import { listCoSignInvitations, respondCoSign } from './cosign';
import { confirmEntry, deleteDraft, get, listMine, saveDraft, submit, withdraw } from './drafting';
import { findSimilar, listPublic, listToEvaluate } from './queries';
import { accept, consentConversion, merge, proposeConversion, reject, reviewQueue } from './review';
import {
  addSupervision,
  assign,
  evaluate,
  extendDeadline,
  listOverdue,
  listUnits,
  markKey,
  recordObjection,
  recordReply,
  saveUnit,
} from './handling';
import { exportCompilation } from './compilation';
import { exportStats, getStats, getStatsCharts } from './stats';
import { workQueue } from './work';
import {
  unitAccept,
  unitGet,
  unitObject,
  unitQueue,
  unitRequestExtension,
  unitSaveReply,
  unitSignOff,
  unitSubmitReply,
} from './unit-work';
import { decideExtension, listUnitContacts, reviewReply, saveUnitContact } from './unit-review';
import { markExcellent, unmarkExcellent } from './excellent';
import { speechHandlers } from '../speeches';

/** The proposals function: drafting, co-signing, review, handling, evaluation, statistics. */
export const proposalsHandlers: ModuleHandlers<typeof proposals> = {
  saveDraft,
  deleteDraft,
  submit,
  confirmEntry,
  withdraw,
  get,
  listMine,
  listCoSignInvitations,
  respondCoSign,
  listToEvaluate,
  findSimilar,
  listPublic,
  reviewQueue,
  accept,
  reject,
  proposeConversion,
  consentConversion,
  merge,
  saveUnit,
  listUnits,
  assign,
  recordObjection,
  extendDeadline,
  recordReply,
  listUnitContacts,
  saveUnitContact,
  unitQueue,
  unitGet,
  unitAccept,
  unitObject,
  unitSaveReply,
  unitSubmitReply,
  unitSignOff,
  unitRequestExtension,
  reviewReply,
  decideExtension,
  evaluate,
  markKey,
  addSupervision,
  listOverdue,
  workQueue,
  getStats,
  getStatsCharts,
  exportStats,
  exportCompilation,
  markExcellent,
  unmarkExcellent,
  // 大会发言, hosted by this function (modules/speeches).
  ...speechHandlers,
};
