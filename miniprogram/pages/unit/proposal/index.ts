/**
 * 承办单位办理: one proposal as the unit's contact works it: 签收 or 提出异议 (within the
 * settings' days), the reply (its class, text up to the settings' limit, the stamped reply
 * letter as a file) saved and sent on, the co-handlers' 会签, and an extension request. What the
 * unit may do comes from the server (`can`); the page never decides it.
 */
import type { UnitProposalView } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { loadSettings } from '../../../kit/settings';
import { checkInput } from '../../../kit/validate';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { openFile, uploadEach, type StoredFile } from '../../../services/files';
import { isCancel } from '../../../utils/files';
import { askText, checkAt } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { checkReply, toUnitPage, type UnitPageView } from './present';

/** The extensions a unit may ask for (the office may still refuse, or the settings' cap). */
const EXTENSION_DAYS = [15, 30, 60];

Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    _notFoundCode: 'PROPOSAL.NOT_FOUND',
    view: null as UnitPageView | null,
    /** The reply being written. */
    classes: [] as Array<{ value: string; label: string }>,
    replyClass: '',
    replyText: '',
    letter: null as StoredFile | null,
    maxText: 3000,
    /** The reply box grows with the text from this height (px). */
    textSize: { minHeight: 160 },
    uploading: '',
    replyError: '',
    busy: false,
  },
  methods: {
    watch(): ChangeTopic[] {
      return ['proposals'];
    },

    async fetchItem(id: string) {
      const [v, settings] = await Promise.all([
        api.proposals.unitGet({ proposalId: id }),
        loadSettings().catch(() => null),
      ]);
      return {
        ...this.present(v),
        ...(settings
          ? {
              maxText: settings.proposals.replyMax,
              classes: settings.proposals.replyClasses.map((c) => ({
                value: c.code,
                label: `${c.code} 类 ${c.label}`,
              })),
            }
          : {}),
      };
    },

    /** The view, and the editor filled from the saved draft. */
    present(v: UnitProposalView) {
      const draft = v.mine.draft && v.mine.draft.round === v.round ? v.mine.draft : null;
      return {
        view: toUnitPage(v),
        replyClass: draft?.replyClass ?? '',
        replyText: draft?.text ?? '',
        letter: draft?.letter ?? null,
        replyError: '',
      };
    },

    /** One unit action under the blocking toast; the page shows the answer, or reloads if stale. */
    async act(title: string, call: () => Promise<UnitProposalView>, done: string) {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      wx.showLoading({ title, mask: true });
      try {
        const v = await call();
        wx.hideLoading();
        markChanged('proposals');
        showSuccess(done);
        this.setData({ busy: false, ...this.present(v) });
        return true;
      } catch (err) {
        wx.hideLoading();
        this.setData({ busy: false });
        if (isApiCallError(err) && ['STORE.CONFLICT', 'PROPOSAL.WRONG_STATE'].includes(err.code)) {
          showMessage(
            err.code === 'STORE.CONFLICT'
              ? '提案刚刚有了变化，已为您刷新，请再试一次。'
              : err.message,
          );
          void this.reload();
        } else showError(err);
        return false;
      }
    },

    async onAccept() {
      const proposalId = this.data._id;
      const ok = await wx.showModal({
        title: '签收提案',
        content: '签收后即开始办理，不能再提出交办异议。确认签收？',
        confirmText: '签收',
      });
      if (!ok.confirm) return;
      await this.act('正在签收', () => api.proposals.unitAccept({ proposalId }), '已签收');
    },

    async onObject() {
      const proposalId = this.data._id;
      const reason = await askText({
        title: '交办异议的理由',
        placeholder: '如：不属于本单位职责，建议交由某某单位办理',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'unitObject', { proposalId, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.act(
        '正在提交',
        () => api.proposals.unitObject({ proposalId, reason }),
        '已提出异议',
      );
    },

    onReplyClass(e: ValueEvent<string>) {
      this.setData({ replyClass: e.detail.value, replyError: '' });
    },

    onReplyText(e: UiEvent<object, { value: string }>) {
      this.setData({ replyText: e.detail.value, replyError: '' });
    },

    async onPickLetter() {
      if (this.data.uploading) return;
      let picked: WechatMiniprogram.ChooseFile[];
      try {
        const res = await wx.chooseMessageFile({
          count: 1,
          type: 'file',
          extension: ['pdf', 'doc', 'docx', 'jpg', 'jpeg', 'png'],
        });
        picked = res.tempFiles.slice(0, 1);
      } catch (err) {
        if (!isCancel(err)) showMessage('无法选择文件，请稍后重试');
        return;
      }
      const failed = await uploadEach(
        picked,
        (uploading) => this.setData({ uploading }),
        (stored) => this.setData({ letter: stored, replyError: '' }),
      );
      if (failed.length) showMessage(failed.join('\n'), '答复函未能上传');
    },

    onRemoveLetter() {
      this.setData({ letter: null });
    },

    onOpenFile(e: UiEvent<{ id?: string; name?: string }>) {
      const { id, name = '' } = e.currentTarget.dataset;
      if (id) openFile({ fileId: id, name }).catch(showError);
    },

    /** The reply as the form holds it, checked by the contract; null (and the message) when not. */
    replyInput() {
      const { replyClass, replyText, letter, maxText, _id } = this.data;
      const checked = checkReply(_id, { replyClass, text: replyText, letter }, maxText);
      if ('problem' in checked) {
        this.setData({ replyError: checked.problem });
        return null;
      }
      return checked.input;
    },

    async onSaveReply() {
      const input = this.replyInput();
      if (input) await this.act('正在保存', () => api.proposals.unitSaveReply(input), '已保存');
    },

    /** Saves what is in the form, then sends it on (会签 or the office's review). */
    async onSubmitReply() {
      const input = this.replyInput();
      if (!input) return;
      const joint = this.data.view?.partnersText && this.data.view.roleLabel === '主办';
      const ok = await wx.showModal({
        title: '提交答复',
        content: joint
          ? '提交后由会办单位会签，再送提案办审核，期间不能修改。确认提交？'
          : '提交后送提案办审核，期间不能修改。确认提交？',
        confirmText: '提交',
      });
      if (!ok.confirm) return;
      const saved = await this.act('正在保存', () => api.proposals.unitSaveReply(input), '已保存');
      if (!saved) return;
      await this.act(
        '正在提交',
        () => api.proposals.unitSubmitReply({ proposalId: input.proposalId }),
        '已提交',
      );
    },

    async onSignOff() {
      const proposalId = this.data._id;
      const note = await askText({
        title: '会签意见（可不填）',
        placeholder: '如：同意主办单位答复意见',
        check: checkAt('note', (text) =>
          checkInput('proposals', 'unitSignOff', { proposalId, note: text }),
        ),
      });
      if (note === null) return;
      await this.act(
        '正在会签',
        () => api.proposals.unitSignOff({ proposalId, ...(note ? { note } : {}) }),
        '已会签',
      );
    },

    async onRequestExtension() {
      let index: number;
      try {
        index = (await wx.showActionSheet({ itemList: EXTENSION_DAYS.map((d) => `延期 ${d} 天`) }))
          .tapIndex;
      } catch {
        return; // cancelled
      }
      const days = EXTENSION_DAYS[index];
      if (!days) return;
      const proposalId = this.data._id;
      const reason = await askText({
        title: `申请延期 ${days} 天的理由`,
        placeholder: '如：需协调多个部门、列入预算',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'unitRequestExtension', { proposalId, days, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.act(
        '正在提交',
        () => api.proposals.unitRequestExtension({ proposalId, days, reason }),
        '已提交延期申请',
      );
    },
  },
});
