import type { MeetingDetail, MeetingStatus, RosterEntry } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { fileMessageOf, uploadFile } from '../../../services/files';
import { isCancel } from '../../../utils/files';
import {
  decodedQuery,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  meetingsChanged,
} from '../../../utils/meetings';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  checkForm,
  choices,
  clearDraft,
  emptyForm,
  formFromDetail,
  INVITEE_MODES,
  loadDraft,
  MATERIALS_PER_PICK,
  MAX_MATERIALS,
  MAX_SESSIONS,
  nextSessionRow,
  noErrors,
  rosterGroups,
  saveDraft,
  toNamed,
  type EditForm,
  type InviteeMode,
  type MeetingInput,
  type NamedMember,
} from './form';

export const BOARD_PAGE = '/pages/staff/meeting-board/index';
/** Pages of the roster read for the sector and committee choices (100 each). */
export const MAX_ROSTER_PAGES = 50;

type Status = 'loading' | 'ready' | 'error' | 'forbidden';
type RosterStatus = 'idle' | 'loading' | 'ready' | 'error';

interface SearchRow extends NamedMember {
  selected: boolean;
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;
type ValueEvent<V = string> = WechatMiniprogram.CustomEvent<
  { value: V },
  WechatMiniprogram.IAnyObject,
  { field?: keyof EditForm; index?: number; value?: string; id?: string }
>;

/** One-line fields shown in growing text areas (long titles wrap): no line breaks in them. */
const ONE_LINE: ReadonlyArray<keyof EditForm> = ['title', 'venueName', 'venueAddress'];

/** Text fields typed straight into the form (data-field names them). */
const TEXT_FIELDS: ReadonlyArray<keyof EditForm> = [
  'title',
  'venueName',
  'venueAddress',
  'radius',
  'agenda',
  'beforeMinutes',
  'afterMinutes',
];

function staffForbidden(err: unknown): boolean {
  return isApiCallError(err) && err.code === 'AUTH.FORBIDDEN';
}

Component({
  behaviors: [fontScale],
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
    kindLabels: MEETING_KINDS.map((k) => MEETING_KIND_LABELS[k]),
    modes: INVITEE_MODES,
    maxSessions: MAX_SESSIONS,
    maxMaterials: MAX_MATERIALS,
    /** What the upload is doing ('' when idle): 正在上传… */
    uploading: '',
    /** The agenda box grows with its text, from room for a few items. */
    agendaSize: { minHeight: '10rem' },
    /** A form typed earlier and not saved was put back. */
    restored: false,
    /** Typing kept from an older version of the meeting was dropped. */
    staleDraft: false,
    rosterStatus: 'idle' as RosterStatus,
    rosterError: '',
    sectorChoices: [] as Array<{ value: string; selected: boolean }>,
    committeeChoices: [] as Array<{ value: string; selected: boolean }>,
    keyword: '',
    searching: false,
    searched: false,
    searchResults: [] as SearchRow[],
    saving: false,
    _sectors: [] as string[],
    _committees: [] as string[],
    _names: {} as Record<string, NamedMember>,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const meetingId = decodedQuery(query.id);
      if (meetingId) {
        this.setData({ meetingId });
        return this.load();
      }
      const draft = loadDraft('');
      this.startEditing(draft ? draft.form : emptyForm(), Boolean(draft));
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
        if (staffForbidden(err)) this.setData({ status: 'forbidden' });
        else this.setData({ status: 'error', canRetry: true, errorMessage: messageOf(err) });
      }
    },

    startEditing(form: EditForm, restored: boolean) {
      // A roster read earlier (before a reload) still names the invitees.
      const names = this.data._names;
      this.setData({
        status: 'ready',
        form: { ...form, named: form.named.map((m) => (m.name ? m : (names[m.id] ?? m))) },
        restored,
        errors: noErrors(form.sessions.length),
      });
      this.refreshChoices();
      if (this.needsRoster()) void this.ensureRoster();
    },

    needsRoster(): boolean {
      const { mode, named } = this.data.form;
      return (
        mode === 'sectors' ||
        mode === 'committees' ||
        (mode === 'named' && named.some((m) => !m.name))
      );
    },

    /** Every change is kept on the phone at once. */
    persist() {
      saveDraft(this.data.meetingId, this.data.version, this.data.form);
    },

    change(patch: Record<string, unknown>) {
      this.setData(patch);
      this.persist();
    },

    onDiscardDraft() {
      clearDraft(this.data.meetingId);
      if (this.data.meetingId) return this.load();
      this.startEditing(emptyForm(), false);
      return undefined;
    },

    /* Fields */

    onField(e: ValueEvent) {
      const field = e.currentTarget.dataset.field;
      if (!field || !TEXT_FIELDS.includes(field)) return;
      const value = e.detail.value ?? '';
      this.change({
        [`form.${field}`]: ONE_LINE.includes(field) ? value.replace(/\s*\n\s*/g, '') : value,
      });
    },

    onKindPick(e: ValueEvent) {
      this.change({ 'form.kindIndex': Number(e.detail.value), 'errors.fields.kind': '' });
    },

    onSessionLabel(e: ValueEvent) {
      const index = e.currentTarget.dataset.index;
      if (index === undefined) return;
      this.change({ [`form.sessions[${index}].label`]: e.detail.value ?? '' });
    },

    onSessionPick(e: ValueEvent) {
      const { index, field } = e.currentTarget.dataset as { index?: number; field?: string };
      if (index === undefined || !field || !['date', 'start', 'end'].includes(field)) return;
      this.change({
        [`form.sessions[${index}].${field}`]: e.detail.value,
        [`errors.sessions[${index}]`]: '',
      });
    },

    onAddSession() {
      const { sessions } = this.data.form;
      if (sessions.length >= MAX_SESSIONS) return;
      this.change({
        'form.sessions': sessions.concat(nextSessionRow(sessions)),
        'errors.sessions': this.data.errors.sessions.concat(''),
      });
    },

    onRemoveSession(e: DataEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index;
      const { sessions } = this.data.form;
      if (index === undefined || sessions.length <= 1) return;
      this.change({
        'form.sessions': sessions.filter((_, i) => i !== index),
        'errors.sessions': this.data.errors.sessions.filter((_, i) => i !== index),
      });
    },

    onDeadlinePick(e: ValueEvent) {
      const field = (e.currentTarget.dataset as { field?: string }).field;
      if (field !== 'date' && field !== 'time') return;
      this.change({
        [field === 'date' ? 'form.deadlineDate' : 'form.deadlineTime']: e.detail.value,
        'errors.fields.deadline': '',
      });
    },

    onRequireLocation(e: ValueEvent<boolean>) {
      this.change({ 'form.requireLocation': Boolean(e.detail.value) });
    },

    async onChooseLocation() {
      const { form } = this.data;
      try {
        const place = await wx.chooseLocation(
          form.latitude !== null && form.longitude !== null
            ? { latitude: form.latitude, longitude: form.longitude }
            : {},
        );
        this.change({
          'form.latitude': place.latitude,
          'form.longitude': place.longitude,
          'form.venueName': form.venueName.trim() ? form.venueName : place.name,
          'form.venueAddress': form.venueAddress.trim() ? form.venueAddress : place.address,
          'errors.fields.location': '',
        });
      } catch (err) {
        if (!isCancel(err)) showMessage('无法打开地图选点，请检查是否允许使用位置信息');
      }
    },

    onClearLocation() {
      this.change({ 'form.latitude': null, 'form.longitude': null });
    },

    /* Materials */

    /**
     * Picks files from a chat, uploads them one by one and adds each as it lands (kept in the
     * phone's copy at once). A failed file is named; the others are kept.
     */
    async onAddMaterial() {
      const room = MAX_MATERIALS - this.data.form.materials.length;
      if (room <= 0 || this.data.uploading) return;
      let picked: WechatMiniprogram.ChooseFile[];
      try {
        const res = await wx.chooseMessageFile({
          count: Math.min(MATERIALS_PER_PICK, room),
          type: 'file',
        });
        picked = res.tempFiles.slice(0, room);
      } catch (err) {
        if (!isCancel(err)) showMessage('无法选择文件，请稍后重试');
        return;
      }
      const failed: string[] = [];
      for (const [i, file] of picked.entries()) {
        const counter = picked.length > 1 ? `（${i + 1}/${picked.length}）` : '';
        this.setData({ uploading: `正在上传${counter}…` });
        try {
          const stored = await uploadFile(file.path, file.name, {
            size: file.size,
            onProgress: (p) => this.setData({ uploading: `正在上传${counter}… ${p}%` }),
          });
          this.change({
            'form.materials': this.data.form.materials.concat(stored),
            'errors.fields.materials': '',
          });
        } catch (err) {
          failed.push(`${file.name}：${fileMessageOf(err, '上传失败，请稍后重试')}`);
        }
      }
      this.setData({ uploading: '' });
      if (failed.length) showMessage(failed.join('\n'), '以下文件未能上传');
    },

    onMaterialName(e: ValueEvent) {
      const index = e.currentTarget.dataset.index;
      if (index === undefined || !this.data.form.materials[index]) return;
      this.change({
        [`form.materials[${index}].name`]: (e.detail.value ?? '').replace(/\s*\n\s*/g, ''),
        'errors.fields.materials': '',
      });
    },

    onRemoveMaterial(e: DataEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index;
      if (index === undefined) return;
      this.change({ 'form.materials': this.data.form.materials.filter((_, i) => i !== index) });
    },

    /* Invitees */

    onMode(e: DataEvent<{ value?: InviteeMode }>) {
      const mode = e.currentTarget.dataset.value;
      if (!mode || mode === this.data.form.mode) return;
      this.change({ 'form.mode': mode, 'errors.fields.invitees': '' });
      if (this.needsRoster()) void this.ensureRoster();
    },

    onToggleSector(e: DataEvent<{ value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (!value) return;
      const { sectors } = this.data.form;
      this.change({
        'form.sectors': sectors.includes(value)
          ? sectors.filter((s) => s !== value)
          : sectors.concat(value),
        'errors.fields.invitees': '',
      });
      this.refreshChoices();
    },

    onToggleCommittee(e: DataEvent<{ value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (!value) return;
      const { committees } = this.data.form;
      this.change({
        'form.committees': committees.includes(value)
          ? committees.filter((s) => s !== value)
          : committees.concat(value),
        'errors.fields.invitees': '',
      });
      this.refreshChoices();
    },

    refreshChoices() {
      const { form, searchResults } = this.data;
      const chosen = new Set(form.named.map((m) => m.id));
      this.setData({
        sectorChoices: choices(this.data._sectors, form.sectors),
        committeeChoices: choices(this.data._committees, form.committees),
        searchResults: searchResults.map((r) => ({ ...r, selected: chosen.has(r.id) })),
      });
    },

    /**
     * The roster's members, read once (all pages): their sectors and committees to choose
     * from, and the names behind a saved meeting's named invitees.
     */
    async ensureRoster() {
      const { rosterStatus } = this.data;
      if (rosterStatus === 'loading' || rosterStatus === 'ready') return;
      this.setData({ rosterStatus: 'loading', rosterError: '' });
      try {
        const entries: RosterEntry[] = [];
        for (let page = 1; page <= MAX_ROSTER_PAGES; page += 1) {
          const result = await api.members.listRoster({ role: 'member', page, pageSize: 100 });
          entries.push(...result.items);
          if (result.items.length === 0 || page * result.pageSize >= result.total) break;
        }
        const groups = rosterGroups(entries);
        const names: Record<string, NamedMember> = {};
        for (const e of entries) names[e.id] = toNamed(e);
        this.setData({
          rosterStatus: 'ready',
          _sectors: groups.sectors,
          _committees: groups.committees,
          _names: names,
          'form.named': this.data.form.named.map((m) => (m.name ? m : (names[m.id] ?? m))),
        });
        this.refreshChoices();
      } catch (err) {
        this.setData({ rosterStatus: 'error', rosterError: messageOf(err) });
      }
    },

    onRosterRetry() {
      return this.ensureRoster();
    },

    onKeyword(e: ValueEvent) {
      this.setData({ keyword: e.detail.value ?? '' });
    },

    async onSearchMembers(e?: ValueEvent) {
      const keyword = (e?.detail?.value ?? this.data.keyword).trim();
      this.setData({ keyword });
      if (!keyword || this.data.searching) return;
      this.setData({ searching: true });
      try {
        const result = await api.members.listRoster({ keyword, role: 'member', pageSize: 20 });
        const chosen = new Set(this.data.form.named.map((m) => m.id));
        this.setData({
          searched: true,
          searchResults: result.items.map((r) => ({ ...toNamed(r), selected: chosen.has(r.id) })),
        });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ searching: false });
      }
    },

    onToggleNamed(e: DataEvent<{ id?: string }>) {
      const id = e.currentTarget.dataset.id;
      const row = this.data.searchResults.find((r) => r.id === id);
      if (!row) return;
      const { named } = this.data.form;
      const next = named.some((m) => m.id === row.id)
        ? named.filter((m) => m.id !== row.id)
        : named.concat({ id: row.id, name: row.name, sector: row.sector });
      this.change({ 'form.named': next, 'errors.fields.invitees': '' });
      this.refreshChoices();
    },

    onRemoveNamed(e: DataEvent<{ id?: string }>) {
      const id = e.currentTarget.dataset.id;
      this.change({ 'form.named': this.data.form.named.filter((m) => m.id !== id) });
      this.refreshChoices();
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
        meetingsChanged();
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
        meetingsChanged();
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
