import type { settings } from '../../../typings/contracts/settings';
import type { ModuleHandlers } from '../../kernel/action';
import { getHistory } from './get-history';
import { getSettings } from './get-settings';
import { updateSettings } from './update-settings';

export {
  currentSettings,
  inPlenaryWindow,
  monthsToDays,
  peopleOrder,
  type CurrentSettings,
} from './store';

/** The settings function: the committee's versioned settings (policy as data). */
export const settingsHandlers: ModuleHandlers<typeof settings> = {
  get: getSettings,
  getHistory,
  update: updateSettings,
};
