import type { StudioDetail } from '../../../../typings/contracts';
import { STUDIO_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { checkInput, firstError, type FieldErrors } from '../../../kit/validate';
import { api, callWith, newRequestId } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import type { StoredFile } from '../../../services/files';
import { queryValue } from '../../../utils/format';
import { dropKeptForm, keepForm, readKeptForm } from '../../../utils/drafts';
import { showError, showMessage } from '../../../utils/toast';

interface MatterForm {
  topic: string;
  description: string;
  photos: StoredFile[];
  contactName: string;
  contactPhone: string;
  /** Kept with the form: sending again after a lost answer is the same request. */
  requestId: string;
}

const emptyForm = (): MatterForm => ({
  topic: '',
  description: '',
  photos: [],
  contactName: '',
  contactPhone: '',
  requestId: newRequestId(),
});

/**
 * A resident's matter for a studio (anyone may send one, bound or not): what it is about, what
 * is happening, photos and an optional contact. Kept on the phone as typed until it is sent.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    studio: null as StudioDetail | null,
    form: emptyForm(),
    errors: {} as FieldErrors,
    limits: STUDIO_LIMITS,
    sending: false,
  },
  methods: {
    async fetch() {
      const studio = await api.studios.getStudio({
        studioId: queryValue(this.data._query.studioId),
      });
      const kept = readKeptForm<MatterForm>('matter', studio.id);
      return { studio, form: kept ? { ...emptyForm(), ...kept.fields } : emptyForm(), errors: {} };
    },

    edit(patch: Partial<MatterForm>, field: string) {
      const form = { ...this.data.form, ...patch };
      if (this.data.studio) keepForm('matter', this.data.studio.id, 0, form);
      this.setData({ form, [`errors.${field}`]: '' });
    },

    onField(e: UiEvent<{ field?: keyof MatterForm }, { value: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.edit({ [field]: e.detail.value }, field);
    },

    onPhotos(e: UiEvent<object, { value: StoredFile[] }>) {
      this.edit({ photos: e.detail.value }, 'photos');
    },

    async onSend() {
      const { studio, form, sending } = this.data;
      if (!studio || sending) return;
      const { requestId, ...fields } = form;
      const input = { studioId: studio.id, ...fields };
      const errors = checkInput('studios', 'raiseMatter', input);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return showMessage(firstError(errors) ?? '请检查填写的内容');
      }
      this.setData({ sending: true });
      try {
        const matter = await callWith(requestId).studios.raiseMatter(input);
        dropKeptForm('matter', studio.id);
        markChanged('studios');
        wx.redirectTo({ url: `/pages/studios/matter/index?id=${matter.id}` });
      } catch (err) {
        // A refusal keeps the words here to change; a new request id for the changed text.
        if (isApiCallError(err) && err.code === 'STUDIO.CONTENT_RISKY')
          this.edit({ requestId: newRequestId() }, 'description');
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
