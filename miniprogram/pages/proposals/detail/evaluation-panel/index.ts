/**
 * The lead's evaluation of the office's reply (评价办理答复): an overall rating (required),
 * the attitude and the result (optional: tapping the chosen one again clears it) and a
 * comment, checked as the server checks them. Emits `submit` ({ input }) for the page to send.
 */
import type { Rating } from '../../../../../typings/contracts';
import type { UiEvent, ValueEvent } from '../../../../kit/events';
import { checkInput } from '../../../../kit/validate';
import { RATING_LABELS } from '../../../../utils/proposals';

type RatingField = 'rating' | 'attitude' | 'result';

export type EvaluationInput = {
  proposalId: string;
  rating: Rating;
  attitude?: Rating;
  result?: Rating;
  comment?: string;
};

const OPTIONS = (Object.keys(RATING_LABELS) as Rating[]).map((value) => ({
  value,
  label: RATING_LABELS[value],
}));

const FIELDS: Array<{ field: RatingField; label: string }> = [
  { field: 'rating', label: '总体评价（必选）' },
  { field: 'attitude', label: '办理态度（选填）' },
  { field: 'result', label: '办理结果（选填）' },
];

const EMPTY = { rating: '', attitude: '', result: '', comment: '' };

Component({
  properties: {
    proposalId: { type: String, value: '' },
    /** The page is sending: the button spins. */
    busy: { type: Boolean, value: false },
  },
  data: {
    fields: FIELDS,
    options: OPTIONS,
    evaluation: EMPTY as Record<RatingField | 'comment', string>,
    errors: {} as Record<string, string>,
  },
  methods: {
    onRate(e: UiEvent<{ field?: RatingField; value?: Rating }>) {
      const { field, value } = e.currentTarget.dataset;
      if (!field || !value) return;
      const current = this.data.evaluation[field];
      const next = field !== 'rating' && current === value ? '' : value;
      this.setData({ [`evaluation.${field}`]: next, [`errors.${field}`]: '' });
    },

    onComment(e: ValueEvent) {
      this.setData({ 'evaluation.comment': e.detail.value, 'errors.comment': '' });
    },

    onSubmit() {
      if (this.data.busy) return;
      const { rating, attitude, result, comment } = this.data.evaluation;
      const input: Record<string, string> = { proposalId: this.data.proposalId, rating };
      if (attitude) input.attitude = attitude;
      if (result) input.result = result;
      if (comment.trim()) input.comment = comment.trim();
      const errors = checkInput('proposals', 'evaluate', input);
      this.setData({ errors });
      if (Object.keys(errors).length > 0) return;
      this.triggerEvent('submit', { input: input as EvaluationInput });
    },
  },
});
