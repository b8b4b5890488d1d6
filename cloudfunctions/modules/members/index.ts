import type { members } from '../../../typings/contracts/members';
import type { ModuleHandlers } from '../../kernel/action';
import { bindByInviteCode } from './bind-by-invite-code';
import { bindByPhone } from './bind-by-phone';
import { exportRoster } from './export-roster';
import { getEntry } from './get-entry';
import { getMyProfile } from './get-my-profile';
import { continueImport, importRoster } from './import-roster';
import { issueInviteCode } from './invite-code';
import { listAuditLog } from './list-audit-log';
import { listDirectory } from './list-directory';
import { listRoster } from './list-roster';
import { setActive, setRoles, unbind } from './staff-actions';
import { updateEntry } from './update-entry';

/** The members function: identity, roster, binding and the audit trail. */
export const membersHandlers: ModuleHandlers<typeof members> = {
  getMyProfile,
  listDirectory,
  bindByInviteCode,
  bindByPhone,
  listRoster,
  importRoster,
  continueImport,
  exportRoster,
  issueInviteCode,
  getEntry,
  updateEntry,
  unbind,
  setRoles,
  setActive,
  listAuditLog,
};
