import type { ledger } from '../../../typings/contracts/ledger';
import type { ModuleHandlers } from '../../kernel/action';
import { getAssessmentCharts } from './assessment-charts';
import { exportAssessment } from './export-assessment';
import { exportMemberRecord } from './export-record';
import { getMyRecord, listMyEntries } from './member-actions';
import { getPolicy, publishPolicy, saveDraftPolicy } from './policy-actions';
import {
  applyRecompute,
  awardPoints,
  getAssessment,
  getMemberRecord,
  previewRecompute,
  rebuildTotals,
  reverseEntry,
} from './staff-actions';
import { closeYear, getYearStatus, reopenYear } from './year-close';

/** The ledger function: duty points, the yearly policy, the assessment. */
export const ledgerHandlers: ModuleHandlers<typeof ledger> = {
  getMyRecord,
  listMyEntries,
  getPolicy,
  saveDraftPolicy,
  publishPolicy,
  previewRecompute,
  applyRecompute,
  getAssessment,
  getAssessmentCharts,
  getMemberRecord,
  exportAssessment,
  awardPoints,
  reverseEntry,
  rebuildTotals,
  getYearStatus,
  closeYear,
  reopenYear,
  exportMemberRecord,
};
