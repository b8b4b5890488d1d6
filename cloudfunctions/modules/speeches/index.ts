import type { proposals } from '../../../typings/contracts/proposals';
import type { speechContracts } from '../../../typings/contracts/speeches';
import type { ModuleHandlers } from '../../kernel/action';
import {
  deleteSpeech,
  getSpeech,
  listMySpeeches,
  listSpeechOccasions,
  saveSpeech,
  submitSpeech,
} from './drafting';
import { chooseSpeech, reviewSpeech, speechQueue } from './review';

/**
 * 大会发言 (plenary speeches): drafting, the office's review and choice, and their duty points.
 * Served by the proposals function (speeches are submitted like proposals), spread into its
 * handlers; the compiler checks one handler per speech action.
 */
export const speechHandlers: Pick<
  ModuleHandlers<typeof proposals>,
  keyof ReturnType<typeof speechContracts>
> = {
  saveSpeech,
  deleteSpeech,
  submitSpeech,
  getSpeech,
  listMySpeeches,
  listSpeechOccasions,
  speechQueue,
  reviewSpeech,
  chooseSpeech,
};
