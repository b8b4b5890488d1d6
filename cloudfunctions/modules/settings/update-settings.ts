import { settings } from '../../../typings/contracts/settings';
import { ADMIN, command } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import {
  currentSettings,
  HEAD_COLLECTION,
  HEAD_ID,
  VERSIONS,
  versionId,
  type SettingsHeadDoc,
  type SettingsVersionDoc,
} from './store';
import { changedSections, toView } from './views';

/**
 * Publishes the admin's settings as the next version, if `version` is still the one in force
 * (else `STORE.CONFLICT`: someone published meanwhile). The version document, the head and
 * the audit record are written in one transaction; a retry answers as the first attempt did.
 * What was submitted before keeps the version it was submitted under.
 */
export const updateSettings = command(settings.update, ADMIN, async (ctx, input) =>
  once(ctx, async (tx) => {
    const current = await currentSettings(tx);
    if (current.version !== input.version)
      throw fail('STORE.CONFLICT', '设置已被他人修改，请刷新后重试', {
        version: current.version,
      });
    const version = current.version + 1;
    const changed = changedSections(current.body, input.settings);
    if (changed.length === 0) throw fail('SETTINGS.UNCHANGED');
    const me = ctx.caller.member!;
    const doc: SettingsVersionDoc = {
      _id: versionId(version),
      version,
      body: input.settings,
      updatedAt: iso(ctx.clock.now()),
      updatedBy: me.name,
      updatedById: me._id,
      note: input.note || null,
      changed,
    };
    await tx.insert(VERSIONS, doc);
    if (current.doc) await tx.update(HEAD_COLLECTION, HEAD_ID, { set: { version, current: doc } });
    else await tx.insert<SettingsHeadDoc>(HEAD_COLLECTION, { _id: HEAD_ID, version, current: doc });
    await audit(tx, ctx, {
      targetType: 'settings',
      targetId: doc._id,
      before: { version: current.version, ...pick(current.body, changed) },
      after: { version, ...pick(input.settings, changed) },
      reason: doc.note,
    });
    return toView({ version, body: doc.body, doc });
  }),
);

function pick<T extends object>(body: T, keys: Array<keyof T>): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, body[k]])) as Partial<T>;
}
