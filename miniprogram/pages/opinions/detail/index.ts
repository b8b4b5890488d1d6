import type { OpinionDetail } from '../../../../typings/contracts';
import { toOpinionView, type OpinionView } from '../../../components/opinion-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import { askEntryDecision } from '../../../kit/entry-confirm';
import type { UiEvent } from '../../../kit/events';
import { checkInput, firstError } from '../../../kit/validate';
import { withLoading } from '../../../kit/with-loading';
import { api } from '../../../services/api';
import { loadMyProfile } from '../../../services/session';
import { OPINION_EDIT_PAGE, pageUrl } from '../../../utils/proposals';
import { showMessage, showSuccess } from '../../../utils/toast';

function present(o: OpinionDetail, myId: string) {
  return {
    view: toOpinionView(o),
    canEdit: o.can.edit,
    // 代录: the member confirms their own; the office confirms for a member without a phone.
    canConfirm: o.can.confirmEntry,
    entryByOffice: o.can.confirmEntry && o.authorId !== myId,
  };
}

Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    view: null as OpinionView | null,
    canEdit: false,
    canConfirm: false,
    entryByOffice: false,
    busy: false,
    _notFoundCode: 'OPINION.NOT_FOUND',
    _myId: '',
  },
  methods: {
    async fetchItem(id: string): Promise<WechatMiniprogram.IAnyObject> {
      const [o, me] = await Promise.all([
        api.opinions.get({ opinionId: id }),
        loadMyProfile().catch(() => null),
      ]);
      return { ...present(o, me?.id ?? ''), _myId: me?.id ?? '' };
    },

    watch(): ChangeTopic[] {
      return ['opinions'];
    },

    onEdit() {
      wx.navigateTo({ url: pageUrl(OPINION_EDIT_PAGE, this.data._id) });
    },

    /** 代录: confirmed by the member (or the office for them), or sent back by the member. */
    async onDecideEntry(e: UiEvent<object, { accept: boolean }>) {
      if (this.data.busy) return;
      const decision = await askEntryDecision(e.detail.accept, this.data.entryByOffice, {
        noun: '这篇信息',
        verb: '报送',
        confirmContent: '这篇信息将以您的名义报送政协办公室。',
      });
      if (!decision) return;
      const input = { opinionId: this.data._id, ...decision };
      const problem = firstError(checkInput('opinions', 'confirmEntry', input));
      if (problem) {
        showMessage(problem);
        return;
      }
      this.setData({ busy: true });
      const o = await withLoading('正在提交', () => api.opinions.confirmEntry(input));
      this.setData({ busy: false });
      if (!o) return this.reload();
      markChanged('opinions');
      this.setData({ ...present(o, this.data._myId), _changes: this.changesNow() });
      showSuccess(decision.accept ? '已确认报送' : '已退回');
    },
  },
});
