import type { studios } from '../../../typings/contracts/studios';
import type { ModuleHandlers } from '../../kernel/action';
import {
  addFollowUp,
  closeConsultation,
  deleteConsultation,
  getConsultation,
  holdConsultation,
  listConsultations,
  reopenConsultation,
  saveConsultation,
} from './consultations';
import { startDraft } from './drafts';
import { publishMeeting } from './meeting';
import { getMatter, listMatters, myMatters, raiseMatter, triageMatter } from './matters';
import { exportConsultations, overview } from './overview';
import { getStudio, listStudios, saveStudio, studioCode } from './studios';

export { applyPendingDraftLinks } from './drafts';
export { applyPendingMeetingLinks } from './meeting';
export { remindDeadlines } from './overview';

/** The studios function: 委员工作室, residents' matters, consultation logs and their outcomes. */
export const studiosHandlers: ModuleHandlers<typeof studios> = {
  listStudios,
  getStudio,
  saveStudio,
  studioCode,
  raiseMatter,
  myMatters,
  getMatter,
  listMatters,
  triageMatter,
  listConsultations,
  getConsultation,
  saveConsultation,
  publishMeeting,
  holdConsultation,
  addFollowUp,
  closeConsultation,
  reopenConsultation,
  deleteConsultation,
  startDraft,
  overview,
  exportConsultations,
};
