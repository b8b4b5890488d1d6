import { cloudFunction } from '../../runtime/cloud';
import { readingHandlers, receiveMediaVerdict } from '../../modules/reading';

/**
 * Cloud entry of the reading function (书香政协). It also receives WeChat's message push: the
 * `wxa_media_check` verdicts of the images members post (see README, content security).
 */
export const main = cloudFunction('reading', readingHandlers, undefined, receiveMediaVerdict);
