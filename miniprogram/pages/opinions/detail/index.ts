import { toOpinionView, type OpinionView } from '../../../components/opinion-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { changeCount, OPINION_EDIT_PAGE, pageUrl, queryValue } from '../../../utils/proposals';

type Status = 'loading' | 'ready' | 'error' | 'notFound';

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    view: null as OpinionView | null,
    canEdit: false,
    _id: '',
    _changes: -1,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const id = queryValue(query.id);
      if (!id) {
        this.setData({ status: 'notFound' });
        return undefined;
      }
      this.setData({ _id: id });
      return this.load();
    },

    onShow() {
      if (this.data.status === 'ready' && this.data._changes !== changeCount()) return this.load();
      return undefined;
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load();
    },

    async load() {
      this.setData({ status: 'loading', _changes: changeCount() });
      try {
        const o = await api.opinions.get({ opinionId: this.data._id });
        this.setData({ status: 'ready', view: toOpinionView(o), canEdit: o.can.edit });
      } catch (err) {
        if (isApiCallError(err) && err.code === 'OPINION.NOT_FOUND') {
          this.setData({ status: 'notFound' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    onEdit() {
      wx.navigateTo({ url: pageUrl(OPINION_EDIT_PAGE, this.data._id) });
    },
  },
});
