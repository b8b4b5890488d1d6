/**
 * 社情民意处理: a report as the office sees it: 采用 (into an issue), 编辑修改, 不采用, and after a
 * decision 上报, 领导批示 and 反馈. The actions run through the handling glue shared with 提案办理.
 */
import type { OpinionDetail } from '../../../../typings/contracts';
import { toOpinionView, type OpinionView } from '../../../components/opinion-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import {
  ADOPTION_LEVEL_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  OPINION_LIMITS,
} from '../../../generated/contract';
import type { UiEvent } from '../../../kit/events';
import { checkInput, firstError } from '../../../kit/validate';
import { api } from '../../../services/api';
import { businessYear } from '../../../utils/ledger';
import { askText, checkAt } from '../../../utils/prompt';
import { OPINION_CONFLICT_MESSAGE } from '../../../utils/proposals';
import { handlingPage, runAction, type Domain } from '../proposal-handle/handling';

type ForwardLevel = 'city' | 'province' | 'national';
type InstructionLevel = keyof typeof INSTRUCTION_LEVEL_LABELS;

const OPINION_DOMAIN: Domain = {
  topic: 'opinions',
  notFoundCode: 'OPINION.NOT_FOUND',
  staleCodes: ['STORE.CONFLICT', 'OPINION.WRONG_STATE'],
  conflictMessage: OPINION_CONFLICT_MESSAGE,
};

const FORWARD_LEVELS: ForwardLevel[] = ['city', 'province', 'national'];

type FieldEvent<F extends string> = UiEvent<{ field?: F }, { value: string }>;

Component({
  behaviors: [fontScale, handlingPage],
  options: { pureDataPattern: /^_/ },
  data: {
    view: null as OpinionView | null,
    opinionStatus: '',
    busy: false,
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
    _version: 0,
    _title: '',
    _body: '',
  },
  methods: {
    domain(): Domain {
      return OPINION_DOMAIN;
    },

    get(id: string): Promise<OpinionDetail> {
      return api.opinions.get({ opinionId: id });
    },

    present(o: OpinionDetail) {
      return {
        view: toOpinionView(o),
        opinionStatus: o.status,
        _version: o.version,
        _title: o.title,
        _body: o.body,
      };
    },

    /** One office action; a stale copy is not retried but shown afresh. */
    async act(title: string, call: () => Promise<OpinionDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const outcome = await runAction(OPINION_DOMAIN, title, call, done);
      this.setData({ busy: false });
      if (outcome === 'stale') await this.reload();
      else if (outcome) this.setData({ panel: '', ...this.present(outcome) });
    },

    /** Shows `errors`' first message under the open panel; true when there was none. */
    passes(errorField: string, errors: Record<string, string>): boolean {
      const problem = firstError(errors);
      if (problem) this.setData({ [errorField]: problem });
      return !problem;
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

    onEditField(e: FieldEvent<'title' | 'body' | 'note'>) {
      const { field } = e.currentTarget.dataset;
      if (field) this.setData({ [`edit.${field}`]: e.detail.value, editError: '' });
    },

    async onSaveEdit() {
      const title = this.data.edit.title.trim();
      const body = this.data.edit.body.trim();
      const note = this.data.edit.note.trim();
      const { _id: opinionId, _version: version } = this.data;
      const input = { opinionId, version, title, body, ...(note ? { note } : {}) };
      if (!this.passes('editError', checkInput('opinions', 'edit', input))) return;
      await this.act('正在保存', () => api.opinions.edit(input), '已保存');
    },

    async onAdopt() {
      const { _id: opinionId, _version: version } = this.data;
      const issue = await askText({
        title: '采用：刊发期号',
        placeholder: `如：${businessYear()} 年第 5 期`,
        confirmText: '采用',
        maxLength: OPINION_LIMITS.issue,
        check: checkAt('issue', (text) =>
          checkInput('opinions', 'adopt', { opinionId, version, issue: text }),
        ),
      });
      if (issue === null) return;
      await this.act('正在提交', () => api.opinions.adopt({ opinionId, version, issue }), '已采用');
    },

    async onDecline() {
      const { _id: opinionId, _version: version } = this.data;
      const reason = await askText({
        title: '不采用的原因',
        placeholder: '将告知作者',
        confirmText: '不采用',
        maxLength: OPINION_LIMITS.reason,
        check: checkAt('reason', (text) =>
          checkInput('opinions', 'decline', { opinionId, version, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.act(
        '正在提交',
        () => api.opinions.decline({ opinionId, version, reason }),
        '已提交',
      );
    },

    onOpenForward() {
      this.setData({ panel: 'forward', forward: { level: '', adopted: false }, forwardError: '' });
    },

    onForwardLevel(e: UiEvent<{ value?: ForwardLevel }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.setData({ 'forward.level': value, forwardError: '' });
    },

    /** The whole row toggles (the switch alone is a small target). */
    onToggleForwardAdopted() {
      this.setData({ 'forward.adopted': !this.data.forward.adopted });
    },

    async onForward() {
      const input = { opinionId: this.data._id, ...this.data.forward };
      if (!this.passes('forwardError', checkInput('opinions', 'forward', input))) return;
      const level = input.level as ForwardLevel;
      await this.act('正在记录', () => api.opinions.forward({ ...input, level }), '已记录');
    },

    onOpenInstruction() {
      this.setData({
        panel: 'instruction',
        instruction: { level: '', leader: '', text: '' },
        instructionError: '',
      });
    },

    onInstructionLevel(e: UiEvent<{ value?: InstructionLevel }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.setData({ 'instruction.level': value, instructionError: '' });
    },

    onInstructionField(e: FieldEvent<'leader' | 'text'>) {
      const { field } = e.currentTarget.dataset;
      if (field) this.setData({ [`instruction.${field}`]: e.detail.value, instructionError: '' });
    },

    async onRecordInstruction() {
      const { level, leader, text } = this.data.instruction;
      const input = { opinionId: this.data._id, level, leader: leader.trim(), text: text.trim() };
      const errors = checkInput('opinions', 'recordInstruction', input);
      if (!this.passes('instructionError', errors)) return;
      const checked = { ...input, level: level as InstructionLevel };
      await this.act('正在记录', () => api.opinions.recordInstruction(checked), '已记录批示');
    },

    async onFeedback() {
      const opinionId = this.data._id;
      const text = await askText({
        title: '反馈给作者',
        placeholder: '办理情况和结果',
        confirmText: '发送',
        maxLength: OPINION_LIMITS.feedback,
        check: checkAt('text', (answer) =>
          checkInput('opinions', 'feedback', { opinionId, text: answer }),
        ),
      });
      if (text === null) return;
      await this.act('正在发送', () => api.opinions.feedback({ opinionId, text }), '已反馈');
    },
  },
});
