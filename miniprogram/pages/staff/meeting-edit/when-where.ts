/** The meeting editor's sessions, reply deadline and venue position. */
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { isCancel } from '../../../utils/files';
import { showMessage } from '../../../utils/toast';
import { MEETING_LIMITS } from '../../../generated/contract';
import { nextSessionRow, type EditForm, type FormErrors } from './form';

interface Host {
  data: { form: EditForm; errors: FormErrors };
  change(patch: Record<string, unknown>): void;
}

const hostOf = (page: unknown) => page as Host;

type RowEvent = UiEvent<{ index?: number; field?: string }, { value: string }>;

export const whenAndWhere = Behavior({
  methods: {
    onSessionLabel(e: RowEvent) {
      const index = e.currentTarget.dataset.index;
      if (index === undefined) return;
      hostOf(this).change({ [`form.sessions[${index}].label`]: e.detail.value ?? '' });
    },

    onSessionPick(e: RowEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || !field || !['date', 'start', 'end'].includes(field)) return;
      hostOf(this).change({
        [`form.sessions[${index}].${field}`]: e.detail.value,
        [`errors.sessions[${index}]`]: '',
      });
    },

    onAddSession() {
      const host = hostOf(this);
      const { sessions } = host.data.form;
      if (sessions.length >= MEETING_LIMITS.sessions) return;
      host.change({
        'form.sessions': sessions.concat(nextSessionRow(sessions)),
        'errors.sessions': host.data.errors.sessions.concat(''),
      });
    },

    onRemoveSession(e: UiEvent<{ index?: number }>) {
      const host = hostOf(this);
      const index = e.currentTarget.dataset.index;
      const { sessions } = host.data.form;
      if (index === undefined || sessions.length <= 1) return;
      host.change({
        'form.sessions': sessions.filter((_, i) => i !== index),
        'errors.sessions': host.data.errors.sessions.filter((_, i) => i !== index),
      });
    },

    onDeadlinePick(e: RowEvent) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'date' && field !== 'time') return;
      hostOf(this).change({
        [field === 'date' ? 'form.deadlineDate' : 'form.deadlineTime']: e.detail.value,
        'errors.fields.deadline': '',
      });
    },

    onRequireLocation(e: ValueEvent<boolean>) {
      hostOf(this).change({ 'form.requireLocation': Boolean(e.detail.value) });
    },

    async onChooseLocation() {
      const host = hostOf(this);
      const { form } = host.data;
      try {
        const place = await wx.chooseLocation(
          form.latitude !== null && form.longitude !== null
            ? { latitude: form.latitude, longitude: form.longitude }
            : {},
        );
        host.change({
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
      hostOf(this).change({ 'form.latitude': null, 'form.longitude': null });
    },
  },
});
