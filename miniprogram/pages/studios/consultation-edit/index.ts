import type { MatterView } from '../../../../typings/contracts';
import { CONSULTATION_SOURCE_LABELS, STUDIO_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import type { PickedMember } from '../../../components/member-picker/index';
import { markChanged } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { checkInput, firstError, type FieldErrors } from '../../../kit/validate';
import { api } from '../../../services/api';
import { uploadEach, type StoredFile } from '../../../services/files';
import { dropKeptForm, keepForm, readKeptForm } from '../../../utils/drafts';
import { isCancel } from '../../../utils/files';
import { queryValue } from '../../../utils/format';
import { formatDate } from '../../../utils/ledger';
import { confirmAction } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { emptyForm, fromDetail, payloadOf, type ConsultationForm, type OutcomeRow } from './form';

const SOURCES = Object.entries(CONSULTATION_SOURCE_LABELS).map(([value, label]) => ({
  value,
  label,
}));

type FieldEvent = UiEvent<{ field?: keyof ConsultationForm }, { value: string }>;
type RowEvent = UiEvent<{ index?: number; field?: keyof OutcomeRow }, { value: string }>;

/**
 * Plans or logs a consultation: topic and source, date and place, who presided and took part,
 * the issues and the agreed outcomes (unit, deadline), the matters it takes up, photos and the
 * sign-in sheet. Kept on the phone as typed until saved.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    /** A short field's box: one line to start, a comfortable tap target in 关怀模式 (px). */
    lineSize: { minHeight: 44 },
    studioId: '',
    id: '',
    form: emptyForm(null, ''),
    errors: {} as FieldErrors,
    sources: SOURCES,
    limits: STUDIO_LIMITS,
    matters: [] as Array<{ id: string; topic: string; on: boolean }>,
    saving: false,
    uploading: '',
  },
  methods: {
    /** The kept form's key: one per log, and one for a new log of each studio. */
    keyOf() {
      return `${this.data.studioId}:${this.data.id || 'new'}`;
    },

    async fetch() {
      const q = this.data._query;
      const studioId = queryValue(q.studioId);
      const id = queryValue(q.id);
      const matterId = queryValue(q.matterId);
      this.setData({ studioId, id });
      const [studio, pending, c] = await Promise.all([
        api.studios.getStudio({ studioId }),
        api.studios.listMatters({ studioId, status: 'pending', pageSize: 50 }),
        id ? api.studios.getConsultation({ consultationId: id }) : Promise.resolve(null),
      ]);
      const base = c ? fromDetail(c) : emptyForm(studio, formatDate(new Date().toISOString()));
      if (matterId && !base.matterIds.includes(matterId)) base.matterIds.push(matterId);
      const kept = readKeptForm<ConsultationForm>('consultation', this.keyOf());
      const form = kept && kept.version === (base.version ?? 0) ? kept.fields : base;
      const listed: Array<Pick<MatterView, 'id' | 'topic'>> = [
        ...(c?.matters ?? []),
        ...pending.items,
      ];
      const matters = listed.map((m) => ({
        id: m.id,
        topic: m.topic,
        on: form.matterIds.includes(m.id),
      }));
      return { form, matters, errors: {} };
    },

    edit(patch: Partial<ConsultationForm>, field = '') {
      const form = { ...this.data.form, ...patch };
      keepForm('consultation', this.keyOf(), form.version ?? 0, form);
      this.setData({ form, ...(field ? { [`errors.${field}`]: '' } : {}) });
    },

    onField(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (field) this.edit({ [field]: e.detail.value }, field);
    },

    onSource(e: ValueEvent<ConsultationForm['source']>) {
      this.edit({ source: e.detail.value }, 'source');
    },

    onHost(e: ValueEvent<PickedMember[]>) {
      this.edit({ host: e.detail.value.slice(-1) }, 'hostMemberId');
    },

    onMembers(e: ValueEvent<PickedMember[]>) {
      this.edit({ members: e.detail.value }, 'memberIds');
    },

    onOutcome(e: RowEvent) {
      const { index = -1, field } = e.currentTarget.dataset;
      if (!field || !this.data.form.outcomes[index]) return;
      const outcomes = this.data.form.outcomes.map((o, i) =>
        i === index ? { ...o, [field]: e.detail.value } : o,
      );
      this.edit({ outcomes }, `outcomes.${index}.${field}`);
    },

    onAddOutcome() {
      this.edit({
        outcomes: [...this.data.form.outcomes, { id: '', text: '', unit: '', deadline: '' }],
      });
    },

    async onRemoveOutcome(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      const row = this.data.form.outcomes[index];
      if (!row) return;
      if (
        row.id &&
        !(await confirmAction({
          title: '删除这条成果',
          content: '已登记的跟进记录将一并删除。确定删除吗？',
          confirmText: '删除',
          destructive: true,
        }))
      )
        return;
      this.edit({ outcomes: this.data.form.outcomes.filter((_, i) => i !== index) });
    },

    onToggleMatter(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      const matters = this.data.matters.map((m, i) => (i === index ? { ...m, on: !m.on } : m));
      this.setData({ matters });
      this.edit({ matterIds: matters.filter((m) => m.on).map((m) => m.id) }, 'matterIds');
    },

    onPhotos(e: UiEvent<object, { value: StoredFile[] }>) {
      this.edit({ photos: e.detail.value });
    },

    async onSheet() {
      if (this.data.uploading) return;
      let picked: { path: string; name: string; size: number };
      try {
        const { tapIndex } = await wx.showActionSheet({ itemList: ['聊天中的文件', '拍照或相册'] });
        if (tapIndex === 0)
          picked = (await wx.chooseMessageFile({ count: 1, type: 'file' })).tempFiles[0]!;
        else {
          const f = (await wx.chooseMedia({ count: 1, mediaType: ['image'] })).tempFiles[0]!;
          picked = { path: f.tempFilePath, name: '签到表.jpg', size: f.size };
        }
      } catch (err) {
        if (!isCancel(err)) showMessage('无法选择文件，请稍后重试');
        return;
      }
      const failed = await uploadEach(
        [picked],
        (uploading) => this.setData({ uploading }),
        (signInSheet) => this.edit({ signInSheet }),
      );
      if (failed.length) showMessage(failed.join('\n'));
    },

    onRemoveSheet() {
      this.edit({ signInSheet: null });
    },

    async onSave() {
      const { studioId, id, form, saving } = this.data;
      if (saving) return;
      const input = payloadOf(studioId, id, form);
      const errors = checkInput('studios', 'saveConsultation', input);
      if (!form.host.length) errors.hostMemberId = '请选择主持委员';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return showMessage(firstError(errors) ?? '请检查填写的内容');
      }
      this.setData({ saving: true });
      try {
        const saved = await api.studios.saveConsultation(input);
        dropKeptForm('consultation', this.keyOf());
        markChanged('studios');
        showSuccess('已保存');
        if (id) wx.navigateBack().catch(() => undefined);
        else wx.redirectTo({ url: `/pages/studios/consultation/index?id=${saved.id}` });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
