import { members } from '../../../typings/contracts/members';
import { handle } from '../../kernel/action';
import { toMyProfile } from './views';

/** The caller's own roster entry, phone included. */
export const getMyProfile = handle(members.getMyProfile, 'account', async (ctx) =>
  toMyProfile(ctx.caller.member!),
);
