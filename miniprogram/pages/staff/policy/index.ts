import type { PolicyBody, PolicyView } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { POLICY_LIMITS } from '../../../generated/contract';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { ApiCallError, isApiCallError } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { isOffice } from '../../../utils/format';
import { parseYear } from '../../../utils/ledger';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  confirmPublish,
  offerPreview,
  scrollTo,
  derived,
  editing,
  emptyForm,
  refusal,
  TOP_TEXT_FIELDS,
  type Edit,
  type TopTextField,
} from './editor-state';
import { checkPolicy } from './form-issues';
import { clearLocal, saveLocal } from './local-draft';
import { basisOf, noErrors, policyYears, restoreRule } from './policy-form';
import { readonlyPolicy, statusOf } from './policy-view';

/** A component event's dataset: none (the detail carries it all). */
type NoDataset = Record<string, never>;

export const MY_RECORD_PAGE = '/pages/ledger/my/index';

/**
 * 考核办法: the policy in force and, for admins, its editor, a shell over one panel per task
 * (categories, rules, grades, recompute). Every edit is kept on the phone at once; saving
 * checks the form with the contract's own schema first.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    years: policyYears(),
    year: policyYears()[0]!,
    /** Admins edit; other staff read the policy in force and recompute. */
    canEdit: false,
    limits: POLICY_LIMITS,
    inForce: null as ReturnType<typeof statusOf> | null,
    readonly: null as ReturnType<typeof readonlyPolicy> | null,
    /** A saved draft exists on the server. */
    hasDraft: false,
    form: emptyForm(),
    errors: noErrors(emptyForm()),
    ...derived(emptyForm()),
    dirty: false,
    restored: false,
    staleBasis: false,
    saving: false,
    /** The server refused the last save (REQUEST.INVALID): its message and issues. */
    serverIssues: null as { message: string; lines: string[] } | null,
    justPublished: false,
    /** Bumped on each load (the recompute panel starts over) and to ask it for a preview. */
    generation: 0,
    askPreview: 0,
    _basis: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = policyYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.reload();
    },

    onYear(e: UiEvent<{ year?: number }>) {
      const { year } = e.currentTarget.dataset;
      if (year === undefined || year === this.data.year) return undefined;
      this.setData({ year });
      return this.reload();
    },

    /** Who is looking, the policy in force and (admins) the draft to edit. */
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const { year } = this.data;
      this.setData({
        serverIssues: null,
        justPublished: false,
        generation: this.data.generation + 1,
      });
      const [me, inForce] = await Promise.all([loadMyProfile(), api.ledger.getPolicy({ year })]);
      if (!isOffice(me.roles)) throw new ApiCallError({ code: 'AUTH.FORBIDDEN', message: '' });
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
      }
      return {
        canEdit,
        inForce: statusOf(inForce),
        readonly: readonlyPolicy(inForce),
        hasDraft: draft !== null,
        ...(canEdit ? editing(year, draft ?? inForce) : {}),
      };
    },

    /** A panel's edit: paths to set, or a whole new form. Kept on the phone at once. */
    onEdit(e: UiEvent<NoDataset, Edit>) {
      this.apply(e.detail);
    },

    apply({ patch, form, errors }: Edit) {
      if (form)
        this.setData({ form, errors: errors ?? noErrors(form), ...derived(form), dirty: true });
      else if (patch) this.setData({ ...patch, dirty: true });
      saveLocal(this.data.year, this.data._basis, this.data.form);
    },

    onRestoreRule(e: UiEvent<NoDataset, { index: number }>) {
      const { form, errors } = this.data;
      const next = restoreRule(form, e.detail.index);
      const categories = next.categories.map((_, i) => errors.categories[i] ?? '');
      if (next !== form) this.apply({ form: next, errors: { ...errors, categories } });
    },

    onField(e: UiEvent<{ field?: string }, { value: string }>) {
      const field = e.currentTarget.dataset.field as TopTextField | undefined;
      if (!field || !TOP_TEXT_FIELDS.includes(field)) return;
      const value = e.detail.value ?? '';
      const text = field === 'title' ? value.replace(/\s*\n\s*/g, '') : value;
      this.apply({ patch: { [`form.${field}`]: text, [`errors.fields.${field}`]: '' } });
    },

    /** The whole row toggles (the switch alone is too small a target for older hands). */
    onToggleShowRank() {
      this.apply({ patch: { 'form.showRank': !this.data.form.showRank } });
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
      await this.reload();
    },

    /** Checks the form as the server will and shows what to fix; the body when it can be sent. */
    checked(): PolicyBody | null {
      const result = checkPolicy(this.data.year, this.data.form);
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
      const told = refusal(err, body, this.data.form);
      if (!told) return showError(err);
      this.setData(told.patch);
      return showMessage(told.message, told.title);
    },

    async onSave() {
      if (this.data.saving || !this.data.canEdit) return;
      const body = this.checked();
      if (body && (await this.save(body))) showSuccess('草稿已保存');
    },

    async onPublish() {
      if (this.data.saving || !this.data.canEdit) return;
      const body = this.checked();
      if (!body) return;
      const { year, inForce } = this.data;
      if (!(await confirmPublish(year, (inForce?.version ?? 0) + 1))) return;
      if ((this.data.dirty || !this.data.hasDraft) && !(await this.save(body))) return;
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
          justPublished: true,
          generation: this.data.generation + 1,
          ...editing(year, published),
        });
        if (await offerPreview(published.version)) {
          scrollTo('.recompute-panel');
          this.setData({ askPreview: this.data.askPreview + 1 });
        }
      } catch (err) {
        wx.hideLoading();
        this.refused(err, null);
      } finally {
        this.setData({ saving: false });
      }
    },

    onRecomputed() {
      this.setData({ justPublished: false });
    },

    goMyRecord() {
      wx.navigateTo({ url: MY_RECORD_PAGE });
    },
  },
});
