import type { MeetingDetail, MeetingStatus } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { MEETING_LIMITS } from '../../../generated/contract';
import { loadSettings } from '../../../kit/settings';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { markChanged } from '../../../kit/changes';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { checkForm } from './check';
import {
  clearDraft,
  emptyForm,
  formFromDetail,
  loadDraft,
  noErrors,
  saveDraft,
  type EditForm,
  type MeetingInput,
  type WindowDefaults,
} from './form';
import { typedFields } from './fields';
import { inviteeChoice } from './invitees';
import { materialList } from './materials';
import { whenAndWhere } from './when-where';
import { queryValue } from '../../../utils/format';

export const BOARD_PAGE = '/pages/staff/meeting-board/index';
export { MAX_ROSTER_PAGES } from './invitees';

type Status = 'loading' | 'ready' | 'error' | 'forbidden';

/** The committee's default check-in window for a new meeting; the built-in one when offline. */
async function windowDefaults(): Promise<WindowDefaults | undefined> {
  try {
    return (await loadSettings()).meetings;
  } catch {
    return undefined;
  }
}

Component({
  behaviors: [fontScale, typedFields, whenAndWhere, materialList, inviteeChoice],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    canRetry: true,
    /** '' until the meeting has been saved once. */
    meetingId: '',
    version: 0,
    meetingStatus: '' as MeetingStatus | '',
    form: emptyForm(),
    errors: noErrors(1),
    /** The contract's limits: the fields' maxlength, how many sessions and materials. */
    limits: MEETING_LIMITS,
    /** The agenda box grows with its text, from room for a few items. */
    agendaSize: { minHeight: '10rem' },
    /** A form typed earlier and not saved was put back. */
    restored: false,
    /** Typing kept from an older version of the meeting was dropped. */
    staleDraft: false,
    saving: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      const meetingId = queryValue(query.id);
      if (meetingId) {
        this.setData({ meetingId });
        return this.load();
      }
      const draft = loadDraft('');
      this.startEditing(draft ? draft.form : emptyForm(await windowDefaults()), Boolean(draft));
      return undefined;
    },

    onRetry() {
      return this.load();
    },

    /** The saved meeting, with this phone's unsaved typing on top when it is for this version. */
    async load() {
      this.setData({ status: 'loading' });
      try {
        const detail = await api.meetings.get({ meetingId: this.data.meetingId });
        if (!detail.can.edit) {
          this.setData({
            status: 'error',
            canRetry: false,
            errorMessage: '会议已结束或已取消，不能再修改。',
          });
          return;
        }
        const draft = loadDraft(detail.id);
        const fresh = draft !== null && draft.version === detail.version;
        if (draft && !fresh) clearDraft(detail.id);
        this.setData({
          version: detail.version,
          meetingStatus: detail.status,
          staleDraft: draft !== null && !fresh,
        });
        this.startEditing(fresh ? draft.form : formFromDetail(detail), fresh);
      } catch (err) {
        if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN')
          this.setData({ status: 'forbidden' });
        else this.setData({ status: 'error', canRetry: true, errorMessage: messageOf(err) });
      }
    },

    startEditing(form: EditForm, restored: boolean) {
      this.setData({
        status: 'ready',
        form: { ...form, named: this.withNames(form.named) },
        restored,
        errors: noErrors(form.sessions.length),
      });
      this.refreshChoices();
      if (this.needsRoster()) void this.ensureRoster();
    },

    /** Every change is kept on the phone at once. */
    change(patch: Record<string, unknown>) {
      this.setData(patch);
      saveDraft(this.data.meetingId, this.data.version, this.data.form);
    },

    async onDiscardDraft() {
      clearDraft(this.data.meetingId);
      if (this.data.meetingId) return this.load();
      this.startEditing(emptyForm(await windowDefaults()), false);
      return undefined;
    },

    /* Saving */

    /** Checks the form and shows what to fix; the body when it can be sent. */
    checked(): MeetingInput | null {
      const result = checkForm(this.data.form);
      if (result.ok) {
        this.setData({ errors: noErrors(this.data.form.sessions.length) });
        return result.body;
      }
      this.setData({ errors: result.errors });
      showMessage(result.first || '请检查填写的内容', '请修改后再保存');
      return null;
    },

    /** create or update; on success the unsaved copy on the phone is dropped. */
    async save(body: MeetingInput): Promise<MeetingDetail | null> {
      const { meetingId, version } = this.data;
      this.setData({ saving: true });
      wx.showLoading({ title: '正在保存', mask: true });
      try {
        const detail = meetingId
          ? await api.meetings.update({ meetingId, version, meeting: body })
          : await api.meetings.create(body);
        wx.hideLoading();
        clearDraft(meetingId);
        markChanged('meetings');
        this.setData({
          meetingId: detail.id,
          version: detail.version,
          meetingStatus: detail.status,
          restored: false,
          staleDraft: false,
        });
        return detail;
      } catch (err) {
        wx.hideLoading();
        if (isApiCallError(err) && err.code === 'STORE.CONFLICT') {
          await wx.showModal({
            title: '会议已被修改',
            content:
              '在您编辑期间，其他工作人员修改了这个会议。将载入最新内容，请在此基础上重新修改。',
            showCancel: false,
            confirmText: '载入最新',
          });
          clearDraft(meetingId);
          await this.load();
        } else {
          showError(err);
        }
        return null;
      } finally {
        this.setData({ saving: false });
      }
    },

    async onSave() {
      if (this.data.saving) return;
      const body = this.checked();
      if (!body) return;
      if (this.data.meetingStatus === 'published') {
        const sure = await wx.showModal({
          title: '保存修改',
          content: '会议通知已发布，保存后受邀委员会收到会议变更的通知。确定保存吗？',
          confirmText: '保存',
          cancelText: '取消',
        });
        if (!sure.confirm) return;
      }
      const detail = await this.save(body);
      if (!detail) return;
      if (detail.status === 'draft') showSuccess('草稿已保存');
      else showSuccess('已保存');
    },

    async onPublish() {
      if (this.data.saving) return;
      const body = this.checked();
      if (!body) return;
      const sure = await wx.showModal({
        title: '发布会议通知',
        content:
          '发布后，受邀委员将收到会议通知（站内消息；已订阅的委员还会收到微信通知）。确定发布吗？',
        confirmText: '发布',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const saved = await this.save(body);
      if (!saved) return;
      this.setData({ saving: true });
      wx.showLoading({ title: '正在发布', mask: true });
      try {
        const published = await api.meetings.publish({ meetingId: saved.id });
        wx.hideLoading();
        markChanged('meetings');
        showSuccess('已发布');
        wx.redirectTo({ url: `${BOARD_PAGE}?id=${encodeURIComponent(published.id)}` });
      } catch (err) {
        wx.hideLoading();
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
