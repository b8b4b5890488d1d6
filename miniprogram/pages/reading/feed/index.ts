import type { PostSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { cursorList, type CursorPage } from '../../../kit/cursor-list';
import type { UiEvent } from '../../../kit/events';
import { api } from '../../../services/api';
import { queryValue } from '../../../utils/format';

/** The club's feed (全会动态) or my posts (我的发表, every state, drafts included). */
Component({
  behaviors: [fontScale, cursorList],
  options: { pureDataPattern: /^_/ },
  data: { mine: false },
  methods: {
    async fetchCursor(cursor: string | undefined): Promise<CursorPage<PostSummary>> {
      const mine = queryValue(this.data._query.scope) === 'mine';
      if (!cursor)
        wx.setNavigationBarTitle({ title: mine ? '我的发表' : '全会动态' }).catch(() => undefined);
      const page = await api.reading.feed({ scope: mine ? 'mine' : 'club', cursor });
      return { items: page.items, nextCursor: page.nextCursor, extra: { mine } };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onOpen(e: UiEvent<{ id?: string }, { id: string; status: string }>) {
      const { id, status } = e.detail;
      const page = status === 'draft' ? 'edit' : 'post';
      wx.navigateTo({ url: `/pages/reading/${page}/index?id=${id}` });
    },
  },
});
