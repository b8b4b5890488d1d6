import type { meetings } from '../../../typings/contracts/meetings';
import type { ModuleHandlers } from '../../kernel/action';
import {
  close,
  exportAttendance,
  getAttendance,
  getNoticeReport,
  previewClose,
  reopen,
} from './attendance';
import {
  checkIn,
  confirmLeaveEarly,
  getCheckInCode,
  proxyCheckIn,
  requestLeaveEarly,
  resolveCheckInCode,
} from './checkin';
import { cancel, create, publish, sendNotices, update } from './manage';
import { get, list } from './queries';
import { decideLeave, listLeaveRequests, remindUnreplied, reply } from './replies';

/** The meetings function: notices, replies and leave, check-in, attendance. */
export const meetingsHandlers: ModuleHandlers<typeof meetings> = {
  create,
  update,
  publish,
  cancel,
  list,
  get,
  reply,
  decideLeave,
  listLeaveRequests,
  remindUnreplied,
  getCheckInCode,
  resolveCheckInCode,
  checkIn,
  proxyCheckIn,
  requestLeaveEarly,
  confirmLeaveEarly,
  getAttendance,
  getNoticeReport,
  sendNotices,
  previewClose,
  close,
  reopen,
  exportAttendance,
};
