import type { opinions } from '../../../typings/contracts/opinions';
import type { ModuleHandlers } from '../../kernel/action';
import {
  adopt,
  decline,
  edit,
  feedback,
  forward,
  get,
  listMine,
  recordInstruction,
  reviewQueue,
  saveDraft,
  submit,
} from './actions';
import { confirmEntry } from './entry';
import { exportIssue, listIssues } from './issue';

/** The opinions function: opinion reports (社情民意信息) from draft to leaders' instructions. */
export const opinionsHandlers: ModuleHandlers<typeof opinions> = {
  saveDraft,
  submit,
  confirmEntry,
  get,
  listMine,
  reviewQueue,
  edit,
  adopt,
  decline,
  forward,
  recordInstruction,
  feedback,
  listIssues,
  exportIssue,
};
