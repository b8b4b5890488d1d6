import { settings } from '../../../typings/contracts/settings';
import { ADMIN, handle } from '../../kernel/action';
import { findPage } from '../../kernel/paging';
import { VERSIONS, type SettingsVersionDoc } from './store';
import { toVersionSummary } from './views';

/** Every published version, newest first: who changed what, when. */
export const getHistory = handle(settings.getHistory, ADMIN, async (ctx, { page, pageSize }) =>
  findPage(
    ctx.store,
    VERSIONS,
    { orderBy: [['version', 'desc']], page, pageSize },
    (doc: SettingsVersionDoc) => toVersionSummary(doc),
  ),
);
