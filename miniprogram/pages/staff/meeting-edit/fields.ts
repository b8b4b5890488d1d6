/** The meeting editor's typed fields: text straight into the form, and the kind. */
import type { ValueEvent } from '../../../kit/events';
import { MEETING_KIND_LABELS, MEETING_KINDS } from '../../../utils/meetings';
import type { EditForm } from './form';

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

interface Host {
  change(patch: Record<string, unknown>): void;
}

export const typedFields = Behavior({
  data: { kindLabels: MEETING_KINDS.map((k) => MEETING_KIND_LABELS[k]) },
  methods: {
    onField(e: ValueEvent) {
      const field = (e.currentTarget.dataset as { field?: keyof EditForm }).field;
      if (!field || !TEXT_FIELDS.includes(field)) return;
      const value = e.detail.value ?? '';
      (this as unknown as Host).change({
        [`form.${field}`]: ONE_LINE.includes(field) ? value.replace(/\s*\n\s*/g, '') : value,
      });
    },

    onKindPick(e: ValueEvent) {
      (this as unknown as Host).change({
        'form.kindIndex': Number(e.detail.value),
        'errors.fields.kind': '',
      });
    },
  },
});
