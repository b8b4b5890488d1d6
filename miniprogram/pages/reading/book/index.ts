import type { Book, GroupSummary, PostSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { cursorList, type CursorPage } from '../../../kit/cursor-list';
import type { UiEvent } from '../../../kit/events';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { openFile } from '../../../services/files';
import { showError } from '../../../utils/toast';
import { queryValue } from '../../../utils/format';

/** A book of the list: what it is, who recommended it, the groups reading it, and its notes. */
Component({
  behaviors: [fontScale, cursorList],
  options: { pureDataPattern: /^_/ },
  data: { book: null as Book | null, groups: [] as GroupSummary[], notFound: false },
  methods: {
    async fetchCursor(cursor: string | undefined): Promise<CursorPage<PostSummary>> {
      const bookId = queryValue(this.data._query.id);
      if (cursor) return api.reading.feed({ scope: 'book', bookId, cursor });
      try {
        const [{ book, groups }, page] = await Promise.all([
          api.reading.getBook({ bookId }),
          api.reading.feed({ scope: 'book', bookId }),
        ]);
        return {
          items: page.items,
          nextCursor: page.nextCursor,
          extra: { book, groups, notFound: false },
        };
      } catch (err) {
        if (
          isApiCallError(err) &&
          (err.code === 'READING.BOOK_NOT_FOUND' || err.code === 'REQUEST.INVALID')
        )
          return { items: [], nextCursor: null, extra: { notFound: true } };
        throw err;
      }
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onCover() {
      const cover = this.data.book?.cover;
      if (cover) openFile(cover).catch(showError);
    },

    onGroup(e: UiEvent<{ id?: string }>) {
      wx.navigateTo({ url: `/pages/reading/group/index?id=${e.currentTarget.dataset.id ?? ''}` });
    },

    onOpen(e: UiEvent<{ id?: string }, { id: string }>) {
      wx.navigateTo({ url: `/pages/reading/post/index?id=${e.detail.id}` });
    },
  },
});
