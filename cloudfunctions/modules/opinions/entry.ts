/**
 * 代录 of opinion reports (the shared rules: kernel/entry.ts): staff enter a member's report
 * from their paper (`saveDraft` with `onBehalfOf`, then `submit`: it waits as `confirming`, and
 * the member is told); the member confirms it (it goes to the office, and only then scores
 * `opinion.submitted`) or sends it back with a reason (a draft again, the entrant told); for a
 * member without a phone, the office confirms, saying how the member agreed.
 */
import { opinions } from '../../../typings/contracts/opinions';
import { command } from '../../kernel/action';
import { entryConfirmer, entryNote } from '../../kernel/entry';
import { fail } from '../../kernel/errors';
import { currentSettings } from '../settings';
import { assertSubmittable, intoOffice } from './actions';
import { requireOpinionState } from './lifecycle';
import { step } from './step';
import { detail, mustGet, readable } from './views';

export const confirmEntry = command(opinions.confirmEntry, 'member', async (ctx, input) => {
  const o = await readable(ctx, input.opinionId);
  const by = entryConfirmer(ctx, o.authorId, () => fail('OPINION.NOT_FOUND'));
  requireOpinionState('confirmEntry', o.status);
  const note = entryNote(by, input, (m) => fail('OPINION.WRONG_STATE', m));
  if (input.accept) {
    const settings = await currentSettings(ctx.store);
    assertSubmittable(o, settings.body.opinions);
    const action = by === 'member' ? '委员确认代录的信息' : '工作人员代委员确认';
    await step(
      ctx,
      o._id,
      o.version,
      () => ({ ...intoOffice(ctx, settings.version, action, note), requires: 'confirmEntry' }),
      by === 'staff', // the office's word for the member is audited
    );
  } else {
    await step(
      ctx,
      o._id,
      o.version,
      (fresh) => ({
        requires: 'confirmEntry',
        set: { status: 'draft' },
        action: '委员退回代录',
        note,
        tell: `${ctx.caller.member!.name}：${note}`,
        tellTo: fresh.enteredBy
          ? {
              memberId: fresh.enteredBy.id,
              kind: 'opinion.entryReturned',
              title: `委员退回了代录的信息：${fresh.title}`,
              link: `/pages/opinions/edit/index?id=${fresh._id}`,
            }
          : undefined,
      }),
      false,
    );
  }
  return detail(ctx, await mustGet(ctx, o._id));
});
