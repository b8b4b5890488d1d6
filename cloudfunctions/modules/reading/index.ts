import type { reading } from '../../../typings/contracts/reading';
import type { ModuleHandlers } from '../../kernel/action';
import {
  getBook,
  getGroup,
  joinGroup,
  leaveGroup,
  listBooks,
  listGroups,
  listPeriods,
  saveBook,
  saveGroup,
  savePeriod,
} from './catalog';
import { moderate, moderationQueue } from './moderation';
import { feed, getPost } from './posts-read';
import { checkIn, deletePost, editPost, feature, publish, saveDraft } from './posts-write';
import { exportParticipation, participation, participationCharts } from './report';
import { comment, deleteComment, like, listComments, report } from './social';

export { runAnnouncements } from './announcements';
export {
  deliverLocalVerdicts,
  receiveMediaVerdict,
  retryMediaRequests,
  timeOutVerdicts,
} from './checks';

/** The reading function: 书香政协, from periods and groups to posts, moderation and reports. */
export const readingHandlers: ModuleHandlers<typeof reading> = {
  listPeriods,
  savePeriod,
  listBooks,
  getBook,
  saveBook,
  listGroups,
  getGroup,
  saveGroup,
  joinGroup,
  leaveGroup,
  saveDraft,
  publish,
  editPost,
  deletePost,
  checkIn,
  getPost,
  feed,
  like,
  comment,
  listComments,
  deleteComment,
  report,
  feature,
  moderationQueue,
  moderate,
  participation,
  exportParticipation,
  participationCharts,
};
