import { cloudFunction } from '../../runtime/cloud';
import { opinionsHandlers } from '../../modules/opinions';

/** Cloud entry of the opinions function (社情民意信息). */
export const main = cloudFunction('opinions', opinionsHandlers);
