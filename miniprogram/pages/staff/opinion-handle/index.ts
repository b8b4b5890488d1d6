import type { OpinionDetail, OpinionStatus } from '../../../../typings/contracts';
import { toOpinionView, type OpinionView } from '../../../components/opinion-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { isOffice } from '../../../utils/format';
import { businessYear } from '../../../utils/ledger';
import { askText } from '../../../utils/prompt';
import {
  ADOPTION_LEVEL_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  markChanged,
  OPINION_CONFLICT_MESSAGE,
  OPINION_LIMITS,
  queryValue,
  textLength,
} from '../../../utils/proposals';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

type Status = 'loading' | 'ready' | 'error' | 'notFound' | 'forbidden';
type Panel = '' | 'edit' | 'forward' | 'instruction';
type ForwardLevel = 'city' | 'province' | 'national';
type InstructionLevel = keyof typeof INSTRUCTION_LEVEL_LABELS;

const STALE_CODES = ['STORE.CONFLICT', 'OPINION.WRONG_STATE'];

const FORWARD_LEVELS: ForwardLevel[] = ['city', 'province', 'national'];

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;
type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    view: null as OpinionView | null,
    opinionStatus: 'draft' as OpinionStatus,
    busy: false,
    panel: '' as Panel,
    limits: OPINION_LIMITS,
    edit: { title: '', body: '', note: '' },
    editError: '',
    bodySize: { minHeight: 200 },
    forwardLevels: FORWARD_LEVELS.map((value) => ({ value, label: ADOPTION_LEVEL_LABELS[value] })),
    forward: { level: '' as ForwardLevel | '', adopted: false },
    forwardError: '',
    instructionLevels: (Object.keys(INSTRUCTION_LEVEL_LABELS) as InstructionLevel[]).map(
      (value) => ({ value, label: INSTRUCTION_LEVEL_LABELS[value] }),
    ),
    instruction: { level: '' as InstructionLevel | '', leader: '', text: '' },
    instructionError: '',
    _id: '',
    _version: 0,
    _title: '',
    _body: '',
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

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load();
    },

    async load() {
      this.setData({ status: 'loading' });
      try {
        // Office only: an author opening their own report here would see the office's buttons.
        const [detail, me] = await Promise.all([
          api.opinions.get({ opinionId: this.data._id }),
          loadMyProfile(),
        ]);
        if (!isOffice(me.roles)) {
          this.setData({ status: 'forbidden' });
          return;
        }
        this.show(detail);
      } catch (err) {
        if (isApiCallError(err) && err.code === 'OPINION.NOT_FOUND') {
          this.setData({ status: 'notFound' });
        } else if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    show(o: OpinionDetail) {
      this.setData({
        status: 'ready',
        view: toOpinionView(o),
        opinionStatus: o.status,
        panel: '',
        _version: o.version,
        _title: o.title,
        _body: o.body,
      });
    },

    /** One office action; a stale copy is not retried but shown afresh. */
    async act(title: string, call: () => Promise<OpinionDetail>, done: string) {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      wx.showLoading({ title, mask: true });
      try {
        const o = await call();
        wx.hideLoading();
        markChanged();
        this.show(o);
        showSuccess(done);
        return true;
      } catch (err) {
        wx.hideLoading();
        if (isApiCallError(err) && STALE_CODES.includes(err.code)) {
          showMessage(err.code === 'STORE.CONFLICT' ? OPINION_CONFLICT_MESSAGE : err.message);
          await this.load();
        } else {
          showError(err);
        }
        return false;
      } finally {
        this.setData({ busy: false });
      }
    },

    onClosePanel() {
      this.setData({ panel: '' });
    },

    onOpenEdit() {
      this.setData({
        panel: 'edit',
        edit: { title: this.data._title, body: this.data._body, note: '' },
        editError: '',
      });
    },

    onEditField(e: ValueEvent & DataEvent<{ field?: 'title' | 'body' | 'note' }>) {
      const { field } = e.currentTarget.dataset;
      if (field) this.setData({ [`edit.${field}`]: e.detail.value, editError: '' });
    },

    async onSaveEdit() {
      const title = this.data.edit.title.trim();
      const body = this.data.edit.body.trim();
      const note = this.data.edit.note.trim();
      if (title.length < 2) {
        this.setData({ editError: '标题至少 2 个字' });
        return;
      }
      if (textLength(body) < 10 || textLength(body) > OPINION_LIMITS.body) {
        this.setData({ editError: `正文须在 10 至 ${OPINION_LIMITS.body} 字之间` });
        return;
      }
      const { _id: opinionId, _version: version } = this.data;
      await this.act(
        '正在保存',
        () => api.opinions.edit({ opinionId, version, title, body, ...(note ? { note } : {}) }),
        '已保存',
      );
    },

    async onAdopt() {
      const issue = await askText({
        title: '采用：刊发期号',
        placeholder: `如：${businessYear()} 年第 5 期`,
        confirmText: '采用',
        minLength: 2,
        maxLength: 30,
        tooShort: '请填写期号（至少 2 个字）',
      });
      if (issue === null) return;
      const { _id: opinionId, _version: version } = this.data;
      await this.act('正在提交', () => api.opinions.adopt({ opinionId, version, issue }), '已采用');
    },

    async onDecline() {
      const reason = await askText({
        title: '不采用的原因',
        placeholder: '将告知作者',
        confirmText: '不采用',
        minLength: 2,
        maxLength: 300,
        tooShort: '请填写不采用的原因（至少 2 个字）',
      });
      if (reason === null) return;
      const { _id: opinionId, _version: version } = this.data;
      await this.act(
        '正在提交',
        () => api.opinions.decline({ opinionId, version, reason }),
        '已提交',
      );
    },

    onOpenForward() {
      this.setData({ panel: 'forward', forward: { level: '', adopted: false }, forwardError: '' });
    },

    onForwardLevel(e: DataEvent<{ value?: ForwardLevel }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.setData({ 'forward.level': value, forwardError: '' });
    },

    /** The whole row toggles (the switch alone is a small target). */
    onToggleForwardAdopted() {
      this.setData({ 'forward.adopted': !this.data.forward.adopted });
    },

    async onForward() {
      const { level, adopted } = this.data.forward;
      if (!level) {
        this.setData({ forwardError: '请选择报送到哪一级' });
        return;
      }
      const opinionId = this.data._id;
      await this.act(
        '正在记录',
        () => api.opinions.forward({ opinionId, level, adopted }),
        '已记录',
      );
    },

    onOpenInstruction() {
      this.setData({
        panel: 'instruction',
        instruction: { level: '', leader: '', text: '' },
        instructionError: '',
      });
    },

    onInstructionLevel(e: DataEvent<{ value?: InstructionLevel }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.setData({ 'instruction.level': value, instructionError: '' });
    },

    onInstructionField(e: ValueEvent & DataEvent<{ field?: 'leader' | 'text' }>) {
      const { field } = e.currentTarget.dataset;
      if (field) this.setData({ [`instruction.${field}`]: e.detail.value, instructionError: '' });
    },

    async onRecordInstruction() {
      const { level, leader, text } = this.data.instruction;
      if (!level) {
        this.setData({ instructionError: '请选择批示领导的级别' });
        return;
      }
      if (!leader.trim()) {
        this.setData({ instructionError: '请填写批示领导' });
        return;
      }
      if (text.trim().length < 2) {
        this.setData({ instructionError: '请填写批示内容（至少 2 个字）' });
        return;
      }
      const opinionId = this.data._id;
      await this.act(
        '正在记录',
        () =>
          api.opinions.recordInstruction({
            opinionId,
            level,
            leader: leader.trim(),
            text: text.trim(),
          }),
        '已记录批示',
      );
    },

    async onFeedback() {
      const text = await askText({
        title: '反馈给作者',
        placeholder: '办理情况和结果',
        confirmText: '发送',
        minLength: 2,
        maxLength: 1000,
        tooShort: '请填写反馈内容（至少 2 个字）',
      });
      if (text === null) return;
      const opinionId = this.data._id;
      await this.act('正在发送', () => api.opinions.feedback({ opinionId, text }), '已反馈');
    },
  },
});
