import { POLICY_LIMITS } from '../../../../generated/contract';
import type { UiEvent } from '../../../../kit/events';
import { withNewGrade, type PolicyErrors, type PolicyForm } from '../policy-form';

/**
 * The assessment bands (考核档次): a name and the total from which it holds; the lowest band
 * has none. Emits `edit` with `{ patch }` or `{ form, errors }`.
 */
Component({
  properties: {
    form: { type: Object, value: {} as PolicyForm },
    errors: { type: Object, value: {} as PolicyErrors },
  },
  data: { limits: POLICY_LIMITS },
  methods: {
    onGradeField(e: UiEvent<{ index?: number; field?: string }, { value: string }>) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || (field !== 'label' && field !== 'min')) return;
      this.triggerEvent('edit', {
        patch: {
          [`form.grades[${index}].${field}`]: e.detail.value ?? '',
          [`errors.grades[${index}]`]: '',
          'errors.fields.grades': '',
        },
      });
    },

    onAddGrade() {
      const { form, errors } = this.data;
      const { grades, index } = withNewGrade(form.grades);
      const gradeErrors = [...errors.grades];
      gradeErrors.splice(index, 0, '');
      this.triggerEvent('edit', {
        form: { ...form, grades },
        errors: { ...errors, grades: gradeErrors },
      });
    },

    onRemoveGrade(e: UiEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      const { form, errors } = this.data;
      if (index === undefined || form.grades.length <= 1) return;
      this.triggerEvent('edit', {
        form: { ...form, grades: form.grades.filter((_, i) => i !== index) },
        errors: {
          ...errors,
          fields: { ...errors.fields, grades: '' },
          grades: errors.grades.filter((_, i) => i !== index),
        },
      });
    },
  },
});
