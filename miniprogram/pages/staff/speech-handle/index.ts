/**
 * 大会发言审核: one speech as the office sees it: 收录 or 退回修改 (with the note the member
 * revises by), then 选用 as 大会口头发言, 书面发言 or neither; the author's points follow the
 * choice on the ledger. The actions run through the handling glue shared with 提案办理.
 */
import type { SpeechDelivery, SpeechDetail } from '../../../../typings/contracts';
import { toSpeechView, type SpeechView } from '../../../components/speech-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { SPEECH_DELIVERY_LABELS, SPEECH_LIMITS } from '../../../generated/contract';
import type { UiEvent } from '../../../kit/events';
import { checkInput } from '../../../kit/validate';
import { api } from '../../../services/api';
import { askText, checkAt } from '../../../utils/prompt';
import { SPEECH_CONFLICT_MESSAGE } from '../../../utils/speeches';
import { handlingPage, runAction, type Domain } from '../proposal-handle/handling';

const SPEECH_DOMAIN: Domain = {
  topic: 'speeches',
  notFoundCode: 'SPEECH.NOT_FOUND',
  staleCodes: ['STORE.CONFLICT', 'SPEECH.WRONG_STATE'],
  conflictMessage: SPEECH_CONFLICT_MESSAGE,
};

const DELIVERIES: SpeechDelivery[] = ['oral', 'written', 'none'];

Component({
  behaviors: [fontScale, handlingPage],
  options: { pureDataPattern: /^_/ },
  data: {
    view: null as SpeechView | null,
    speechStatus: '',
    delivery: 'none' as SpeechDelivery,
    deliveries: DELIVERIES.map((value) => ({
      value,
      label: value === 'none' ? '不选用' : SPEECH_DELIVERY_LABELS[value],
    })),
    busy: false,
    _version: 0,
    _title: '',
  },
  methods: {
    domain(): Domain {
      return SPEECH_DOMAIN;
    },

    get(id: string): Promise<SpeechDetail> {
      return api.proposals.getSpeech({ speechId: id });
    },

    present(s: SpeechDetail) {
      return {
        view: toSpeechView(s),
        speechStatus: s.status,
        delivery: s.delivery,
        _version: s.version,
        _title: s.title,
      };
    },

    /** One office action; a stale copy is not retried but shown afresh. */
    async act(title: string, call: () => Promise<SpeechDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const outcome = await runAction(SPEECH_DOMAIN, title, call, done);
      this.setData({ busy: false });
      if (outcome === 'stale') await this.reload();
      else if (outcome) this.setData(this.present(outcome));
    },

    async onAccept() {
      const { _id: speechId, _version: version } = this.data;
      const { confirm } = await wx.showModal({
        title: '收录发言',
        content: `确定收录《${this.data._title}》吗？收录后可选用为大会口头发言或书面发言。`,
        confirmText: '收录',
        cancelText: '取消',
      });
      if (!confirm) return;
      await this.act(
        '正在提交',
        () => api.proposals.reviewSpeech({ speechId, version, accept: true }),
        '已收录',
      );
    },

    async onReturn() {
      const { _id: speechId, _version: version } = this.data;
      const note = await askText({
        title: '退回修改',
        placeholder: '修改意见（发言人将看到）',
        confirmText: '退回',
        maxLength: SPEECH_LIMITS.note,
        check: checkAt('note', (text) =>
          checkInput('proposals', 'reviewSpeech', { speechId, version, accept: false, note: text }),
        ),
      });
      if (note === null) return;
      await this.act(
        '正在提交',
        () => api.proposals.reviewSpeech({ speechId, version, accept: false, note }),
        '已退回',
      );
    },

    async onChoose(e: UiEvent<{ value?: SpeechDelivery }>) {
      const { value: delivery } = e.currentTarget.dataset;
      if (!delivery || delivery === this.data.delivery || this.data.busy) return;
      const { _id: speechId, _version: version } = this.data;
      const label = delivery === 'none' ? '不再选用' : `选为${SPEECH_DELIVERY_LABELS[delivery]}`;
      const { confirm } = await wx.showModal({
        title: label,
        content:
          delivery === 'none'
            ? '发言人因选用而得的履职积分将冲正。确定吗？'
            : `确定将这篇发言${label}吗？发言人按履职积分办法计分，改选时积分随之调整。`,
        confirmText: '确定',
        cancelText: '取消',
      });
      if (!confirm) return;
      await this.act(
        '正在提交',
        () => api.proposals.chooseSpeech({ speechId, version, delivery }),
        delivery === 'none' ? '已取消选用' : '已选用',
      );
    },
  },
});
