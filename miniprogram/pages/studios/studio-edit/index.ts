import type { StudioDetail } from '../../../../typings/contracts';
import { STUDIO_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import type { PickedMember } from '../../../components/member-picker/index';
import { markChanged } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { checkInput, firstError, type FieldErrors } from '../../../kit/validate';
import { api } from '../../../services/api';
import type { StoredFile } from '../../../services/files';
import { queryValue } from '../../../utils/format';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

interface StudioForm {
  name: string;
  theme: string;
  address: string;
  location: { latitude: number; longitude: number } | null;
  hours: string;
  intro: string;
  contact: string;
  photos: StoredFile[];
  host: PickedMember[];
  members: PickedMember[];
  version: number | undefined;
}

const emptyForm = (): StudioForm => ({
  name: '',
  theme: '',
  address: '',
  location: null,
  hours: '',
  intro: '',
  contact: '',
  photos: [],
  host: [],
  members: [],
  version: undefined,
});

function fromStudio(s: StudioDetail): StudioForm {
  const { name, theme, address, location, hours, intro, contact, photos, version } = s;
  return {
    ...{ name, theme, address, location, hours, intro, contact, photos, version },
    host: [{ id: s.hostId, name: s.hostName, sector: '' }],
    members: s.members.map((m) => ({ id: m.id, name: m.name, sector: m.sector ?? '' })),
  };
}

/**
 * A studio's details: staff create it and name its host and members; the host keeps where it
 * is, when it is open, its photos and contact up to date.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    /** A short field's box: one line to start, a comfortable tap target in 关怀模式 (px). */
    lineSize: { minHeight: 44 },
    id: '',
    manage: true,
    form: emptyForm(),
    errors: {} as FieldErrors,
    limits: STUDIO_LIMITS,
    saving: false,
  },
  methods: {
    async fetch() {
      const id = queryValue(this.data._query.id);
      const studio = id ? await api.studios.getStudio({ studioId: id }) : null;
      return {
        id,
        form: studio ? fromStudio(studio) : emptyForm(),
        manage: studio ? studio.can.manage : true,
        errors: {},
      };
    },

    onField(e: UiEvent<{ field?: keyof StudioForm }, { value: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },

    onHost(e: ValueEvent<PickedMember[]>) {
      this.setData({ 'form.host': e.detail.value.slice(-1), 'errors.hostId': '' });
    },

    onMembers(e: ValueEvent<PickedMember[]>) {
      this.setData({ 'form.members': e.detail.value });
    },

    onPhotos(e: UiEvent<object, { value: StoredFile[] }>) {
      this.setData({ 'form.photos': e.detail.value });
    },

    async onLocation() {
      try {
        const place = await wx.chooseLocation({});
        this.setData({
          'form.location': { latitude: place.latitude, longitude: place.longitude },
          'form.address': this.data.form.address || place.address,
        });
      } catch {
        // Cancelled, or location not allowed: the address alone will do.
      }
    },

    async onSave() {
      const { id, form, saving } = this.data;
      if (saving) return;
      const { host, members, version, ...fields } = form;
      const input = {
        ...(id ? { studioId: id } : {}),
        ...(version === undefined ? {} : { version }),
        ...fields,
        hostId: host[0]?.id ?? '',
        memberIds: members.map((m) => m.id),
      };
      const errors = checkInput('studios', 'saveStudio', input);
      if (!host.length) errors.hostId = '请选择负责委员';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return showMessage(firstError(errors) ?? '请检查填写的内容');
      }
      this.setData({ saving: true });
      try {
        await api.studios.saveStudio(input);
        markChanged('studios');
        showSuccess('已保存');
        wx.navigateBack().catch(() => undefined);
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
