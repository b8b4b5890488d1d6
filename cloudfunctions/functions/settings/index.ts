import { cloudFunction } from '../../runtime/cloud';
import { settingsHandlers } from '../../modules/settings';

/** Cloud entry of the settings function (the committee's versioned settings). */
export const main = cloudFunction('settings', settingsHandlers);
