import { settings } from '../../../typings/contracts/settings';
import { handle } from '../../kernel/action';
import { currentSettings } from './store';
import { toView } from './views';

/** The settings in force: any member may read them (forms show the limits and choices). */
export const getSettings = handle(settings.get, 'account', async (ctx) =>
  toView(await currentSettings(ctx.store)),
);
