import type {
  HandlingStage,
  ProposalDetail,
  ProposalStatus,
  ProposalSummary,
  ReplyClass,
} from '../../../../typings/contracts';
import { toProposalView, type ProposalView } from '../../../components/proposal-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { isOffice } from '../../../utils/format';
import { askText } from '../../../utils/prompt';
import {
  markChanged,
  PROPOSAL_CONFLICT_MESSAGE,
  PROPOSAL_HANDLE_PAGE,
  PROPOSAL_STATUS_LABELS,
  queryValue,
  REPLY_CLASS_LABELS,
  toSimilarItem,
  UNIT_ROLE_LABELS,
  type SimilarItem,
} from '../../../utils/proposals';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  assignInput,
  assignProblem,
  DEADLINE_CHOICES,
  DEFAULT_DEADLINE_DAYS,
  setLead,
  toggleUnit,
  unitChoices,
  type AssignMode,
  type UnitChoice,
} from './assign';

type Status = 'loading' | 'ready' | 'error' | 'notFound' | 'forbidden';
type Panel = '' | 'merge' | 'assign' | 'reply';

/** Refusals that mean the page shows a stale copy. */
const STALE_CODES = ['STORE.CONFLICT', 'PROPOSAL.WRONG_STATE', 'PROPOSAL.NOT_ACCEPTED'];

const EXTEND_CHOICES = [15, 30, 60, 90];

interface AssignedItem {
  unitId: string;
  name: string;
  roleLabel: string;
}

/** An accepted proposal found by title, offered as a merge target. */
function toTargetItem(p: ProposalSummary): SimilarItem {
  return {
    id: p.id,
    title: p.title,
    scoreText: '',
    isPublic: true,
    meta: [p.number ?? '', PROPOSAL_STATUS_LABELS[p.status], `${p.leadName} 领衔`]
      .filter(Boolean)
      .join(' · '),
  };
}

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
    view: null as ProposalView | null,
    linkPage: PROPOSAL_HANDLE_PAGE,
    proposalStatus: 'draft' as ProposalStatus,
    canReview: false,
    stage: '' as HandlingStage | '',
    isKey: false,
    assigned: [] as AssignedItem[],
    busy: false,
    panel: '' as Panel,
    // 并案
    mergeStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    candidates: [] as SimilarItem[],
    mergeKeyword: '',
    searchStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    searchResults: [] as SimilarItem[],
    // 交办
    unitsStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    unitsError: '',
    choices: [] as UnitChoice[],
    mode: 'joint' as AssignMode,
    deadlineChoices: DEADLINE_CHOICES,
    deadlineDays: DEFAULT_DEADLINE_DAYS,
    assignError: '',
    // 答复
    replyClasses: (Object.keys(REPLY_CLASS_LABELS) as ReplyClass[]).map((value) => ({
      value,
      label: `${value} 类 ${REPLY_CLASS_LABELS[value]}`,
    })),
    reply: { unitId: '', unitName: '', replyClass: '', text: '' },
    replyError: '',
    _id: '',
    _version: 0,
    _title: '',
    _text: '',
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
        // Office only: a member opening their own proposal here would see the office's buttons.
        const [detail, me] = await Promise.all([
          api.proposals.get({ proposalId: this.data._id }),
          loadMyProfile(),
        ]);
        if (!isOffice(me.roles)) {
          this.setData({ status: 'forbidden' });
          return;
        }
        this.show(detail);
      } catch (err) {
        if (isApiCallError(err) && err.code === 'PROPOSAL.NOT_FOUND') {
          this.setData({ status: 'notFound' });
        } else if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    show(p: ProposalDetail) {
      this.setData({
        status: 'ready',
        view: toProposalView(p),
        proposalStatus: p.status,
        canReview: p.can.review,
        stage: p.handling?.stage ?? '',
        isKey: Boolean(p.handling?.key),
        assigned: (p.handling?.units ?? []).map((u) => ({
          unitId: u.unitId,
          name: u.name,
          roleLabel: UNIT_ROLE_LABELS[u.role],
        })),
        panel: '',
        _version: p.version,
        _title: p.title,
        _text: `${p.cause}\n${p.suggestion}`,
      });
    },

    /**
     * One office action. A stale copy (someone else decided first) is never retried: the page
     * says so and shows the proposal as it now is.
     */
    async act(title: string, call: () => Promise<ProposalDetail>, done: string, reload = false) {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      wx.showLoading({ title, mask: true });
      try {
        const detail = await call();
        wx.hideLoading();
        markChanged();
        if (reload) await this.load();
        else this.show(detail);
        showSuccess(done);
        return true;
      } catch (err) {
        wx.hideLoading();
        if (isApiCallError(err) && STALE_CODES.includes(err.code)) {
          showMessage(err.code === 'STORE.CONFLICT' ? PROPOSAL_CONFLICT_MESSAGE : err.message);
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

    // —— Review (待审查) ——

    async onAccept() {
      const sure = await wx.showModal({
        title: '立案',
        content: `确定将「${this.data._title}」立案吗？立案后将按顺序编号，并通知提案人。`,
        confirmText: '立案',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const { _id: proposalId, _version: version } = this.data;
      await this.act('正在立案', () => api.proposals.accept({ proposalId, version }), '已立案');
    },

    async onReject() {
      const reason = await askText({
        title: '不予立案的理由',
        placeholder: '将告知提案人',
        confirmText: '不予立案',
        minLength: 2,
        maxLength: 500,
        tooShort: '请填写不予立案的理由（至少 2 个字）',
      });
      if (reason === null) return;
      const { _id: proposalId, _version: version } = this.data;
      await this.act(
        '正在提交',
        () => api.proposals.reject({ proposalId, version, reason }),
        '已不予立案',
      );
    },

    async onProposeConversion() {
      const reason = await askText({
        title: '建议转为社情民意',
        placeholder: '理由，将请提案人同意',
        confirmText: '发送',
        minLength: 2,
        maxLength: 500,
        tooShort: '请填写理由（至少 2 个字）',
      });
      if (reason === null) return;
      const { _id: proposalId, _version: version } = this.data;
      await this.act(
        '正在提交',
        () => api.proposals.proposeConversion({ proposalId, version, reason }),
        '已征求提案人意见',
      );
    },

    /** 并案: the targets offered first are the most similar proposals. */
    async onOpenMerge() {
      this.setData({ panel: 'merge', mergeStatus: 'loading', candidates: [] });
      try {
        const result = await api.proposals.findSimilar({
          title: this.data._title.slice(0, 60),
          text: this.data._text.slice(0, 5000),
          excludeId: this.data._id,
          limit: 5,
        });
        this.setData({
          mergeStatus: 'ready',
          candidates: result.items
            .filter((s) => s.status === 'submitted' || s.status === 'accepted')
            .map(toSimilarItem),
        });
      } catch {
        this.setData({ mergeStatus: 'error' });
      }
    },

    onMergeKeyword(e: ValueEvent) {
      this.setData({ mergeKeyword: e.detail.value });
    },

    /** Accepted proposals by title (the public list): a target not among the similar ones. */
    async onSearchTargets(e?: ValueEvent) {
      const keyword = (e?.detail?.value ?? this.data.mergeKeyword).trim();
      this.setData({ mergeKeyword: keyword });
      if (!keyword) return;
      this.setData({ searchStatus: 'loading' });
      try {
        const result = await api.proposals.listPublic({ keyword, pageSize: 20 });
        this.setData({
          searchStatus: 'ready',
          searchResults: result.items
            .filter((p) => p.id !== this.data._id && p.status === 'accepted')
            .map(toTargetItem),
        });
      } catch {
        this.setData({ searchStatus: 'error' });
      }
    },

    async onMergeInto(e: DataEvent<{ id?: string; title?: string }>) {
      const { id: targetId, title = '' } = e.currentTarget.dataset;
      if (!targetId) return;
      const sure = await wx.showModal({
        title: '并案',
        content: `将本提案并入「${title}」一并办理？原提案和提案人都会保留，并由承办单位一并答复。`,
        confirmText: '并案',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const reason = await askText({
        title: '并案说明',
        placeholder: '如：内容相近，并案办理',
        minLength: 2,
        maxLength: 500,
        tooShort: '请填写并案说明（至少 2 个字）',
      });
      if (reason === null) return;
      const proposalId = this.data._id;
      // The answer is the target; this page shows the proposal merged into it.
      await this.act(
        '正在并案',
        () => api.proposals.merge({ targetId, sourceIds: [proposalId], reason }),
        '已并案',
        true,
      );
    },

    // —— Handling (已立案) ——

    async onOpenAssign() {
      this.setData({
        panel: 'assign',
        unitsStatus: 'loading',
        unitsError: '',
        assignError: '',
        mode: 'joint',
        deadlineDays: DEFAULT_DEADLINE_DAYS,
      });
      try {
        const result = await api.proposals.listUnits({});
        this.setData({ unitsStatus: 'ready', choices: unitChoices(result.items) });
      } catch (err) {
        this.setData({ unitsStatus: 'error', unitsError: messageOf(err) });
      }
    },

    onToggleUnit(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (!id) return;
      this.setData({ choices: toggleUnit(this.data.choices, id), assignError: '' });
    },

    onLead(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (!id) return;
      this.setData({ choices: setLead(this.data.choices, id), assignError: '' });
    },

    onMode(e: DataEvent<{ mode?: AssignMode }>) {
      const { mode } = e.currentTarget.dataset;
      if (mode) this.setData({ mode, assignError: '' });
    },

    onDeadline(e: DataEvent<{ days?: number }>) {
      const { days } = e.currentTarget.dataset;
      if (days) this.setData({ deadlineDays: days });
    },

    async onAssign() {
      const { choices, mode, deadlineDays, _id: proposalId, _version: version } = this.data;
      const problem = assignProblem(choices, mode);
      if (problem) {
        this.setData({ assignError: problem });
        return;
      }
      const input = assignInput(proposalId, version, choices, mode, deadlineDays);
      await this.act('正在交办', () => api.proposals.assign(input), '已交办');
    },

    async onObjection(e: DataEvent<{ id?: string; name?: string }>) {
      const { id: unitId, name = '' } = e.currentTarget.dataset;
      if (!unitId) return;
      const reason = await askText({
        title: `${name}的异议`,
        placeholder: '承办单位提出的理由',
        minLength: 2,
        maxLength: 300,
        tooShort: '请填写异议理由（至少 2 个字）',
      });
      if (reason === null) return;
      const proposalId = this.data._id;
      await this.act(
        '正在记录',
        () => api.proposals.recordObjection({ proposalId, unitId, reason }),
        '已记录异议',
      );
    },

    async onExtend() {
      let index: number;
      try {
        const res = await wx.showActionSheet({
          itemList: EXTEND_CHOICES.map((d) => `延期 ${d} 天`),
        });
        index = res.tapIndex;
      } catch {
        return; // cancelled
      }
      const days = EXTEND_CHOICES[index];
      if (!days) return;
      const reason = await askText({
        title: `延期 ${days} 天的理由`,
        placeholder: '如：需跨部门协调',
        minLength: 2,
        maxLength: 200,
        tooShort: '请填写延期理由（至少 2 个字）',
      });
      if (reason === null) return;
      const proposalId = this.data._id;
      await this.act(
        '正在延期',
        () => api.proposals.extendDeadline({ proposalId, days, reason }),
        '已延期',
      );
    },

    onOpenReply(e: DataEvent<{ id?: string; name?: string }>) {
      const { id = '', name = '' } = e.currentTarget.dataset;
      this.setData({
        panel: 'reply',
        reply: { unitId: id, unitName: name, replyClass: '', text: '' },
        replyError: '',
      });
    },

    onReplyClass(e: DataEvent<{ value?: ReplyClass }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.setData({ 'reply.replyClass': value, replyError: '' });
    },

    onReplyText(e: ValueEvent) {
      this.setData({ 'reply.text': e.detail.value, replyError: '' });
    },

    async onRecordReply() {
      const { unitId, replyClass, text } = this.data.reply;
      if (!replyClass) {
        this.setData({ replyError: '请选择答复类别' });
        return;
      }
      if (text.trim().length < 10) {
        this.setData({ replyError: '请录入答复内容（至少 10 个字）' });
        return;
      }
      const proposalId = this.data._id;
      await this.act(
        '正在录入',
        () =>
          api.proposals.recordReply({
            proposalId,
            unitId,
            replyClass: replyClass as ReplyClass,
            text: text.trim(),
          }),
        '已录入答复',
      );
    },

    async onMarkKey() {
      const supervisor = await askText({
        title: '列为重点提案',
        placeholder: '督办领导，如：李主席',
        confirmText: '确定',
        minLength: 2,
        maxLength: 30,
        tooShort: '请填写督办领导（至少 2 个字）',
      });
      if (supervisor === null) return;
      const proposalId = this.data._id;
      await this.act(
        '正在提交',
        () => api.proposals.markKey({ proposalId, supervisor }),
        '已列为重点提案',
      );
    },

    async onSupervise() {
      const note = await askText({
        title: '督办记录',
        placeholder: '督办的时间、方式和情况',
        minLength: 2,
        maxLength: 1000,
        tooShort: '请填写督办情况（至少 2 个字）',
      });
      if (note === null) return;
      const proposalId = this.data._id;
      await this.act(
        '正在记录',
        () => api.proposals.addSupervision({ proposalId, note }),
        '已记录',
      );
    },
  },
});
