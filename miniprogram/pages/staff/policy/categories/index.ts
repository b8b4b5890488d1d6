import { POLICY_LIMITS } from '../../../../generated/contract';
import type { UiEvent } from '../../../../kit/events';
import { showMessage } from '../../../../utils/toast';
import { newCategoryId, type PolicyErrors, type PolicyForm, type RuleLayout } from '../policy-form';

/**
 * The policy's categories (类别): their names and yearly caps, added and removed. Emits
 * `edit` with `{ patch }` (paths into the page's data) or `{ form, errors }` (a new form).
 */
Component({
  properties: {
    form: { type: Object, value: {} as PolicyForm },
    errors: { type: Object, value: {} as PolicyErrors },
    layout: { type: Object, value: {} as RuleLayout },
  },
  data: { limits: POLICY_LIMITS },
  methods: {
    onCategoryField(e: UiEvent<{ index?: number; field?: string }, { value: string }>) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || (field !== 'label' && field !== 'cap')) return;
      const value = e.detail.value ?? '';
      const patch: Record<string, unknown> = {
        [`form.categories[${index}].${field}`]: value,
        [`errors.categories[${index}]`]: '',
      };
      if (field === 'label') patch[`categoryLabels[${index}]`] = value.trim() || '未命名类别';
      this.triggerEvent('edit', { patch });
    },

    onAddCategory() {
      const { form, errors } = this.data;
      const categories = form.categories.concat({
        id: newCategoryId(form.categories),
        label: '',
        cap: '',
      });
      this.triggerEvent('edit', {
        form: { ...form, categories },
        errors: { ...errors, categories: errors.categories.concat('') },
      });
    },

    onRemoveCategory(e: UiEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      const { form, layout, errors } = this.data;
      if (index === undefined || form.categories.length <= 1) return;
      if ((layout.byCategory[index] ?? []).length > 0) {
        showMessage('请先把这个类别下的计分事项移到其他类别或移除，再删除类别。');
        return;
      }
      this.triggerEvent('edit', {
        form: { ...form, categories: form.categories.filter((_, i) => i !== index) },
        errors: { ...errors, categories: errors.categories.filter((_, i) => i !== index) },
      });
    },
  },
});
