import { members } from '../../../typings/contracts/members';
import { handle } from '../../kernel/action';
import { rosterPage } from './roster-query';
import { toDirectoryEntry } from './views';

/** The committee's members as any member may see them (co-signer pickers, contact lists). */
export const listDirectory = handle(members.listDirectory, 'member', async (ctx, input) =>
  rosterPage(ctx, { active: true, roles: { $contains: 'member' } }, input, toDirectoryEntry),
);
