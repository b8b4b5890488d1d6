/** 会议管理: every meeting for the office, by scope; a draft opens in the editor, others on the board. */
import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent } from '../../../kit/events';
import { pagedList } from '../../../kit/paged-list';
import {
  fetchMeetingCards,
  scopeChips,
  type MeetingCard,
  type MeetingScope,
} from '../../../utils/meetings';

export const EDIT_PAGE = '/pages/staff/meeting-edit/index';
export const BOARD_PAGE = '/pages/staff/meeting-board/index';

Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as MeetingCard[],
    scopes: scopeChips('未结束'),
    scope: 'upcoming' as MeetingScope,
  },
  methods: {
    fetchPage(page: number, pageSize: number) {
      return fetchMeetingCards(this.data.scope, page, pageSize, true);
    },

    /** Back from editing or the board: a meeting may have been created or changed. */
    watch() {
      return ['meetings' as const];
    },

    onScope(e: UiEvent<object, { value: MeetingScope }>) {
      this.setData({ scope: e.detail.value });
      return this.reload();
    },

    /** A draft opens in the editor; anything else on the office's board. */
    onOpen(e: UiEvent<{ id?: string; status?: string }>) {
      const { id, status } = e.currentTarget.dataset;
      if (!id) return;
      const page = status === 'draft' ? EDIT_PAGE : BOARD_PAGE;
      wx.navigateTo({ url: `${page}?id=${encodeURIComponent(id)}` });
    },

    onCreate() {
      wx.navigateTo({ url: EDIT_PAGE });
    },
  },
});
