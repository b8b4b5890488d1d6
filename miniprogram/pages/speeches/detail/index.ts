/** 大会发言 as its author reads it: status, what it was chosen for, the office's note, the text. */
import type { SpeechDetail } from '../../../../typings/contracts';
import { toSpeechView, type SpeechView } from '../../../components/speech-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import { api } from '../../../services/api';
import { pageUrl } from '../../../utils/proposals';
import { SPEECH_EDIT_PAGE } from '../../../utils/speeches';

Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    view: null as SpeechView | null,
    canEdit: false,
    returned: false,
    _notFoundCode: 'SPEECH.NOT_FOUND',
  },
  methods: {
    async fetchItem(id: string): Promise<WechatMiniprogram.IAnyObject> {
      const s: SpeechDetail = await api.proposals.getSpeech({ speechId: id });
      return { view: toSpeechView(s), canEdit: s.can.edit, returned: s.status === 'returned' };
    },

    watch(): ChangeTopic[] {
      return ['speeches'];
    },

    onEdit() {
      wx.navigateTo({ url: pageUrl(SPEECH_EDIT_PAGE, this.data._id) });
    },
  },
});
