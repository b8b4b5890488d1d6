import type { OpinionDetail } from '../../../../typings/contracts';
import { toOpinionView, type OpinionView } from '../../../components/opinion-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import { api } from '../../../services/api';
import { OPINION_EDIT_PAGE, pageUrl } from '../../../utils/proposals';

Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    view: null as OpinionView | null,
    canEdit: false,
    _notFoundCode: 'OPINION.NOT_FOUND',
  },
  methods: {
    async fetchItem(id: string): Promise<WechatMiniprogram.IAnyObject> {
      const o: OpinionDetail = await api.opinions.get({ opinionId: id });
      return { view: toOpinionView(o), canEdit: o.can.edit };
    },

    watch(): ChangeTopic[] {
      return ['opinions'];
    },

    onEdit() {
      wx.navigateTo({ url: pageUrl(OPINION_EDIT_PAGE, this.data._id) });
    },
  },
});
