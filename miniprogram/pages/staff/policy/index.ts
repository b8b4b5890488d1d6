import type { PolicyBody, PolicyView } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { isOffice } from '../../../utils/format';
import { parseYear } from '../../../utils/ledger';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  basisOf,
  checkForm,
  clearLocal,
  flipSign,
  formFromPolicy,
  issuesOf,
  loadLocal,
  MAX_CATEGORIES,
  MAX_GRADES,
  newCategoryId,
  noErrors,
  placeIssues,
  policyYears,
  readonlyPolicy,
  recomputeView,
  restoreRule,
  ruleLayout,
  ruleMetaText,
  saveLocal,
  SPLIT_LABELS,
  SPLITS,
  statusOf,
  withNewGrade,
  type PolicyErrors,
  type PolicyForm,
  type PolicyStatus,
  type ReadonlyPolicy,
  type RecomputeView,
  type RuleLayout,
} from './policy-form';

export const MY_RECORD_PAGE = '/pages/ledger/my/index';

type Status = 'loading' | 'ready' | 'error' | 'forbidden';
type PreviewStatus = 'idle' | 'loading' | 'ready' | 'error';
type ApplyStatus = 'idle' | 'running' | 'done' | 'error';

/** Rule fields typed straight into the form (data-field names them). */
const RULE_TEXT_FIELDS = ['label', 'points', 'group'] as const;
type RuleTextField = (typeof RULE_TEXT_FIELDS)[number];
const TOP_TEXT_FIELDS = ['title', 'baseScore', 'passLine'] as const;
type TopTextField = (typeof TOP_TEXT_FIELDS)[number];

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;
type ValueEvent<V = string> = WechatMiniprogram.CustomEvent<
  { value: V },
  WechatMiniprogram.IAnyObject,
  { field?: string; index?: number }
>;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '');
}

function emptyForm(): PolicyForm {
  return {
    title: '',
    baseScore: '',
    passLine: '',
    showRank: false,
    categories: [],
    rules: [],
    grades: [],
  };
}

function emptyLayout(): RuleLayout {
  return { byCategory: [], orphans: [], removed: [] };
}

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    years: policyYears(),
    year: policyYears()[0]!,
    /** Admins edit; other staff read the policy in force and recompute. */
    canEdit: false,
    inForce: null as PolicyStatus | null,
    readonly: null as ReadonlyPolicy | null,
    /** A saved draft exists on the server. */
    hasDraft: false,
    form: emptyForm(),
    layout: emptyLayout(),
    errors: noErrors(emptyForm()),
    categoryLabels: [] as string[],
    /** Per rule: its category's index in form.categories (-1: none). */
    ruleCategory: [] as number[],
    ruleMeta: [] as string[],
    splitLabels: SPLITS.map((s) => SPLIT_LABELS[s]),
    splitNames: SPLIT_LABELS,
    maxCategories: MAX_CATEGORIES,
    maxGrades: MAX_GRADES,
    /** The rule whose other settings are open (its index; -1 none). */
    openRule: -1,
    /** Edits not yet saved to the server (kept on the phone). */
    dirty: false,
    /** Unsaved edits from an earlier visit were put back. */
    restored: false,
    /** …and the server's copy has changed since they were made. */
    staleBasis: false,
    saving: false,
    /** The server refused the last save (REQUEST.INVALID): its message and issues. */
    serverIssues: null as { message: string; lines: string[] } | null,
    /** Just published: the accounts are on the older version until recomputed. */
    justPublished: false,
    previewStatus: 'idle' as PreviewStatus,
    previewError: '',
    preview: null as RecomputeView | null,
    applyStatus: 'idle' as ApplyStatus,
    applyError: '',
    processed: 0,
    adjusted: 0,
    _seq: 0,
    /** basisOf() the server's policy the form started from. */
    _basis: '',
    /** Where an interrupted recomputation goes on from. */
    _after: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = policyYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.load();
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load();
    },

    onYear(e: DataEvent<{ year?: number }>) {
      const { year } = e.currentTarget.dataset;
      if (year === undefined || year === this.data.year) return undefined;
      this.setData({ year });
      return this.load();
    },

    /**
     * Who is looking, the policy in force and (admins) the draft; the form starts from the
     * draft, else from the policy in force, with this phone's unsaved edits on top.
     */
    async load() {
      const seq = this.data._seq + 1;
      const { year } = this.data;
      this.setData({
        _seq: seq,
        status: 'loading',
        serverIssues: null,
        justPublished: false,
        openRule: -1,
        previewStatus: 'idle',
        previewError: '',
        preview: null,
        applyStatus: 'idle',
        applyError: '',
        _after: '',
      });
      try {
        const [me, inForce] = await Promise.all([loadMyProfile(), api.ledger.getPolicy({ year })]);
        if (seq !== this.data._seq) return;
        if (!isOffice(me.roles)) {
          this.setData({ status: 'forbidden' });
          return;
        }
        let canEdit = me.roles.includes('admin');
        let draft: PolicyView | null = null;
        if (canEdit) {
          try {
            draft = await api.ledger.getPolicy({ year, draft: true });
          } catch (err) {
            if (isApiCallError(err) && err.code === 'LEDGER.NO_DRAFT') draft = null;
            else if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') canEdit = false;
            else throw err;
          }
          if (seq !== this.data._seq) return;
        }
        this.setData({
          status: 'ready',
          canEdit,
          inForce: statusOf(inForce),
          readonly: readonlyPolicy(inForce),
          hasDraft: draft !== null,
        });
        if (canEdit) this.startEditing(draft ?? inForce);
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    /** The form for `source`, or the edits this phone kept for the year. */
    startEditing(source: PolicyBody) {
      const basis = basisOf(source);
      const kept = loadLocal(this.data.year);
      const form = kept ? kept.form : formFromPolicy(source);
      this.setData({
        _basis: basis,
        dirty: kept !== null,
        restored: kept !== null,
        staleBasis: kept !== null && kept.basis !== basis,
      });
      this.showForm(form, noErrors(form));
    },

    /** The form and what the template derives from it. */
    showForm(form: PolicyForm, errors: PolicyErrors) {
      this.setData({ form, errors, ...this.derived(form) });
    },

    derived(form: PolicyForm) {
      const ids = form.categories.map((c) => c.id);
      return {
        layout: ruleLayout(form),
        categoryLabels: form.categories.map((c) => c.label.trim() || '未命名类别'),
        ruleCategory: form.rules.map((r) => ids.indexOf(r.category)),
        ruleMeta: form.rules.map(ruleMetaText),
      };
    },

    /** Every change is kept on the phone at once. */
    change(patch: Record<string, unknown>) {
      this.setData({ ...patch, dirty: true });
      saveLocal(this.data.year, this.data._basis, this.data.form);
    },

    /** A change that moves rows between groups: the whole form again. */
    changeForm(form: PolicyForm, errors: PolicyErrors = noErrors(form)) {
      this.setData({ form, errors, ...this.derived(form), dirty: true });
      saveLocal(this.data.year, this.data._basis, form);
    },

    async onDiscardLocal() {
      const sure = await wx.showModal({
        title: '放弃本机修改',
        content: '将丢弃本机上尚未保存的修改，改为显示服务器上的内容。确定放弃吗？',
        confirmText: '放弃修改',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      clearLocal(this.data.year);
      await this.load();
    },

    /* Fields */

    onField(e: ValueEvent) {
      const field = e.currentTarget.dataset.field as TopTextField | undefined;
      if (!field || !TOP_TEXT_FIELDS.includes(field)) return;
      const value = e.detail.value ?? '';
      this.change({
        [`form.${field}`]: field === 'title' ? oneLine(value) : value,
        [`errors.fields.${field}`]: '',
      });
    },

    /** The whole row toggles (the switch alone is too small a target for older hands). */
    onToggleShowRank() {
      this.change({ 'form.showRank': !this.data.form.showRank });
    },

    onCategoryField(e: ValueEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || (field !== 'label' && field !== 'cap')) return;
      const value = e.detail.value ?? '';
      const patch: Record<string, unknown> = {
        [`form.categories[${index}].${field}`]: value,
        [`errors.categories[${index}]`]: '',
      };
      if (field === 'label') patch[`categoryLabels[${index}]`] = value.trim() || '未命名类别';
      this.change(patch);
    },

    onAddCategory() {
      const { form } = this.data;
      if (form.categories.length >= MAX_CATEGORIES) return;
      const categories = form.categories.concat({
        id: newCategoryId(form.categories),
        label: '',
        cap: '',
      });
      this.changeForm(
        { ...form, categories },
        { ...this.data.errors, categories: this.data.errors.categories.concat('') },
      );
    },

    onRemoveCategory(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      const { form, layout, errors } = this.data;
      if (index === undefined || form.categories.length <= 1) return;
      if ((layout.byCategory[index] ?? []).length > 0) {
        showMessage('请先把这个类别下的计分事项移到其他类别或移除，再删除类别。');
        return;
      }
      this.changeForm(
        { ...form, categories: form.categories.filter((_, i) => i !== index) },
        { ...errors, categories: errors.categories.filter((_, i) => i !== index) },
      );
    },

    onRuleField(e: ValueEvent) {
      const { index } = e.currentTarget.dataset;
      const field = e.currentTarget.dataset.field as RuleTextField | undefined;
      if (index === undefined || !field || !RULE_TEXT_FIELDS.includes(field)) return;
      const value = e.detail.value ?? '';
      const patch: Record<string, unknown> = {
        [`form.rules[${index}].${field}`]: field === 'label' ? oneLine(value) : value,
        [`errors.rules[${index}]`]: '',
      };
      const rule = this.data.form.rules[index];
      if (field === 'group' && rule)
        patch[`ruleMeta[${index}]`] = ruleMetaText({ ...rule, group: value });
      this.change(patch);
    },

    /** Phones' number keyboards often have no minus key: this flips the sign. */
    onToggleSign(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      const rule = index === undefined ? undefined : this.data.form.rules[index];
      if (!rule) return;
      this.change({
        [`form.rules[${index}].points`]: flipSign(rule.points),
        [`errors.rules[${index}]`]: '',
      });
    },

    onToggleRule(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      if (index === undefined) return;
      this.setData({ openRule: this.data.openRule === index ? -1 : index });
    },

    onRuleCategoryPick(e: ValueEvent<string | number>) {
      const { index } = e.currentTarget.dataset;
      const category = this.data.form.categories[Number(e.detail.value)];
      if (index === undefined || !category) return;
      const { form, errors } = this.data;
      this.changeForm(
        {
          ...form,
          rules: form.rules.map((r, i) => (i === index ? { ...r, category: category.id } : r)),
        },
        { ...errors, rules: errors.rules.map((m, i) => (i === index ? '' : m)) },
      );
    },

    onRuleSplitPick(e: ValueEvent<string | number>) {
      const { index } = e.currentTarget.dataset;
      const split = SPLITS[Number(e.detail.value)];
      const rule = index === undefined ? undefined : this.data.form.rules[index];
      if (!split || !rule) return;
      this.change({
        [`form.rules[${index}].split`]: split,
        [`ruleMeta[${index}]`]: ruleMetaText({ ...rule, split }),
      });
    },

    async onRemoveRule(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      const rule = index === undefined ? undefined : this.data.form.rules[index];
      if (!rule) return;
      const sure = await wx.showModal({
        title: '移除计分事项',
        content: `移除后，“${rule.label}”不再计分（可在页面下方“不计分的事项”中恢复）。确定移除吗？`,
        confirmText: '移除',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const { form, errors } = this.data;
      this.setData({ openRule: -1 });
      this.changeForm(
        { ...form, rules: form.rules.map((r, i) => (i === index ? { ...r, removed: true } : r)) },
        { ...errors, rules: errors.rules.map((m, i) => (i === index ? '' : m)) },
      );
    },

    onRestoreRule(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      if (index === undefined) return;
      const { form, errors } = this.data;
      const next = restoreRule(form, index);
      if (next === form) return;
      this.changeForm(next, {
        ...errors,
        categories: next.categories.map((_, i) => errors.categories[i] ?? ''),
      });
    },

    onGradeField(e: ValueEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || (field !== 'label' && field !== 'min')) return;
      this.change({
        [`form.grades[${index}].${field}`]: e.detail.value ?? '',
        [`errors.grades[${index}]`]: '',
        'errors.fields.grades': '',
      });
    },

    onAddGrade() {
      const { form, errors } = this.data;
      if (form.grades.length >= MAX_GRADES) return;
      const { grades, index } = withNewGrade(form.grades);
      const gradeErrors = [...errors.grades];
      gradeErrors.splice(index, 0, '');
      this.changeForm({ ...form, grades }, { ...errors, grades: gradeErrors });
    },

    onRemoveGrade(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      const { form, errors } = this.data;
      if (index === undefined || form.grades.length <= 1) return;
      this.changeForm(
        { ...form, grades: form.grades.filter((_, i) => i !== index) },
        {
          ...errors,
          fields: { ...errors.fields, grades: '' },
          grades: errors.grades.filter((_, i) => i !== index),
        },
      );
    },

    /* Saving and publishing */

    /** Checks the form and shows what to fix; the body when it can be sent. */
    checked(): PolicyBody | null {
      const result = checkForm(this.data.form);
      if (result.ok) {
        this.setData({ errors: noErrors(this.data.form) });
        return result.body;
      }
      this.setData({ errors: result.errors });
      showMessage(result.first || '请检查填写的内容', '请修改后再保存');
      return null;
    },

    /** saveDraftPolicy; on success the copy kept on the phone is dropped. */
    async save(body: PolicyBody): Promise<PolicyView | null> {
      const { year } = this.data;
      this.setData({ saving: true, serverIssues: null });
      wx.showLoading({ title: '正在保存', mask: true });
      try {
        const draft = await api.ledger.saveDraftPolicy({ year, policy: body });
        wx.hideLoading();
        clearLocal(year);
        this.setData({
          hasDraft: true,
          dirty: false,
          restored: false,
          staleBasis: false,
          _basis: basisOf(draft),
        });
        return draft;
      } catch (err) {
        wx.hideLoading();
        this.refused(err, body);
        return null;
      } finally {
        this.setData({ saving: false });
      }
    },

    /** What the server said no to, told where it belongs; the edits stay on the phone. */
    refused(err: unknown, body: PolicyBody | null) {
      if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
        showMessage(
          '只有管理员可以保存和发布考核办法。您的修改没有保存到服务器，仍保留在本机。',
          '没有权限',
        );
      } else if (isApiCallError(err) && err.code === 'REQUEST.INVALID' && body) {
        const { errors, lines } = placeIssues(issuesOf(err.details), body, this.data.form);
        this.setData({ errors, serverIssues: { message: err.message, lines } });
        showMessage(err.message, '服务器未接受');
      } else if (isApiCallError(err) && err.code === 'LEDGER.NO_DRAFT') {
        this.setData({ hasDraft: false });
        showMessage('服务器上没有可发布的草稿（可能已被其他管理员发布）。请先保存草稿。');
      } else {
        showError(err);
      }
    },

    async onSave() {
      if (this.data.saving || !this.data.canEdit) return;
      const body = this.checked();
      if (!body) return;
      const draft = await this.save(body);
      if (draft) showSuccess('草稿已保存');
    },

    async onPublish() {
      if (this.data.saving || !this.data.canEdit) return;
      const body = this.checked();
      if (!body) return;
      const { year, inForce } = this.data;
      const next = (inForce?.version ?? 0) + 1;
      const sure = await wx.showModal({
        title: '发布考核办法',
        content:
          `发布后，${year} 年度的新记分按第 ${next} 版计算，委员可以看到新的办法。` +
          '已记的积分仍按原来的版本计算，直到执行“重算”。确定发布吗？',
        confirmText: '发布',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      if (this.data.dirty || !this.data.hasDraft) {
        const saved = await this.save(body);
        if (!saved) return;
      }
      this.setData({ saving: true });
      wx.showLoading({ title: '正在发布', mask: true });
      try {
        const published = await api.ledger.publishPolicy({ year });
        wx.hideLoading();
        clearLocal(year);
        this.setData({
          inForce: statusOf(published),
          readonly: readonlyPolicy(published),
          hasDraft: false,
          dirty: false,
          restored: false,
          staleBasis: false,
          openRule: -1,
          justPublished: true,
          previewStatus: 'idle',
          preview: null,
          applyStatus: 'idle',
          _after: '',
          _basis: basisOf(published),
        });
        const form = formFromPolicy(published);
        this.showForm(form, noErrors(form));
        const now = await wx.showModal({
          title: `已发布第 ${published.version} 版`,
          content: '已记的积分仍按原来的版本计算。现在预览重算，查看各委员积分的变化吗？',
          confirmText: '预览重算',
          cancelText: '稍后',
        });
        if (now.confirm) {
          this.scrollToRecompute();
          await this.onPreview();
        }
      } catch (err) {
        wx.hideLoading();
        this.refused(err, null);
      } finally {
        this.setData({ saving: false });
      }
    },

    scrollToRecompute() {
      if (typeof wx.pageScrollTo !== 'function') return;
      try {
        wx.pageScrollTo({ selector: '.recompute', duration: 300 });
      } catch {
        // Not offered: the member scrolls.
      }
    },

    /* Recomputation (staff and admins) */

    async onPreview() {
      if (this.data.previewStatus === 'loading' || this.data.applyStatus === 'running') return;
      const { year, _seq: seq } = this.data;
      this.setData({ previewStatus: 'loading', previewError: '' });
      try {
        const result = await api.ledger.previewRecompute({ year });
        if (seq !== this.data._seq) return;
        this.setData({
          previewStatus: 'ready',
          preview: recomputeView(result),
          applyStatus: 'idle',
          applyError: '',
          _after: '',
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ previewStatus: 'error', previewError: messageOf(err) });
      }
    },

    async onApply() {
      const { preview, applyStatus, year } = this.data;
      if (!preview || applyStatus === 'running') return;
      const resuming = applyStatus === 'error' && this.data._after !== '';
      if (!resuming) {
        const sure = await wx.showModal({
          title: '执行重算',
          content:
            `将按${preview.toText}重新计算 ${preview.members} 位委员的积分，差额以“调整”记录记入积分明细，` +
            '原有记录保留。确定执行吗？',
          confirmText: '执行重算',
          cancelText: '取消',
        });
        if (!sure.confirm) return;
      }
      const seq = this.data._seq;
      let after = resuming ? this.data._after : '';
      let processed = resuming ? this.data.processed : 0;
      let adjusted = resuming ? this.data.adjusted : 0;
      this.setData({ applyStatus: 'running', applyError: '', processed, adjusted });
      try {
        for (;;) {
          const batch = await api.ledger.applyRecompute(after ? { year, after } : { year });
          if (seq !== this.data._seq) return;
          processed += batch.processed;
          adjusted += batch.adjusted;
          this.setData({ processed, adjusted });
          if (batch.next === null) break;
          after = batch.next;
          this.setData({ _after: after });
        }
        this.setData({ applyStatus: 'done', justPublished: false, _after: '' });
        showSuccess('重算完成');
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ applyStatus: 'error', applyError: messageOf(err) });
      }
    },

    goMyRecord() {
      wx.navigateTo({ url: MY_RECORD_PAGE });
    },
  },
});
