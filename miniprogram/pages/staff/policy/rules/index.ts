import { POLICY_LIMITS, SPLITS } from '../../../../generated/contract';
import type { UiEvent } from '../../../../kit/events';
import { flipSign } from '../form-issues';
import type { PolicyErrors, PolicyForm, RuleLayout } from '../policy-form';
import { ruleMetaText, SPLIT_LABELS } from '../policy-view';

/** Rule fields typed straight into the form (data-field names them). */
const TEXT_FIELDS = ['label', 'points', 'group'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

type RowEvent<Detail = WechatMiniprogram.IAnyObject> = UiEvent<
  { index?: number; field?: string },
  Detail
>;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '');
}

/**
 * The scoring rules (计分事项), grouped by category: points at hand, the rest behind 更多设置;
 * removed rules listed to restore. Emits `edit` like the other panels, `restore` with
 * `{ index }` (re-adding may bring a category back: the page decides).
 */
Component({
  properties: {
    form: { type: Object, value: {} as PolicyForm },
    errors: { type: Object, value: {} as PolicyErrors },
    layout: { type: Object, value: {} as RuleLayout },
    categoryLabels: { type: Array, value: [] as string[] },
    capTexts: { type: Array, value: [] as string[] },
    /** Per rule: its category's index in form.categories (-1: none). */
    ruleCategory: { type: Array, value: [] as number[] },
    ruleMeta: { type: Array, value: [] as string[] },
  },
  data: {
    limits: POLICY_LIMITS,
    splitLabels: SPLITS.map((s) => SPLIT_LABELS[s]),
    splitNames: SPLIT_LABELS,
    /** The rule whose other settings are open (its index; -1 none). */
    openRule: -1,
  },
  methods: {
    edit(patch: Record<string, unknown>) {
      this.triggerEvent('edit', { patch });
    },

    /** A new form where rule `index` is `change`d and its message cleared. */
    editRule(index: number, change: Partial<PolicyForm['rules'][number]>) {
      const { form, errors } = this.data;
      this.triggerEvent('edit', {
        form: { ...form, rules: form.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) },
        errors: { ...errors, rules: errors.rules.map((m, i) => (i === index ? '' : m)) },
      });
    },

    onRuleField(e: RowEvent<{ value: string }>) {
      const { index } = e.currentTarget.dataset;
      const field = e.currentTarget.dataset.field as TextField | undefined;
      if (index === undefined || !field || !TEXT_FIELDS.includes(field)) return;
      const value = e.detail.value ?? '';
      const patch: Record<string, unknown> = {
        [`form.rules[${index}].${field}`]: field === 'label' ? oneLine(value) : value,
        [`errors.rules[${index}]`]: '',
      };
      const rule = this.data.form.rules[index];
      if (field === 'group' && rule)
        patch[`ruleMeta[${index}]`] = ruleMetaText({ split: rule.split, group: value });
      this.edit(patch);
    },

    /** Phones' number keyboards often have no minus key: this flips the sign. */
    onToggleSign(e: RowEvent) {
      const { index } = e.currentTarget.dataset;
      const rule = index === undefined ? undefined : this.data.form.rules[index];
      if (!rule) return;
      this.edit({
        [`form.rules[${index}].points`]: flipSign(rule.points),
        [`errors.rules[${index}]`]: '',
      });
    },

    onToggleRule(e: RowEvent) {
      const { index } = e.currentTarget.dataset;
      if (index === undefined) return;
      this.setData({ openRule: this.data.openRule === index ? -1 : index });
    },

    onRuleCategoryPick(e: RowEvent<{ value: string | number }>) {
      const { index } = e.currentTarget.dataset;
      const category = this.data.form.categories[Number(e.detail.value)];
      if (index === undefined || !category) return;
      this.editRule(index, { category: category.id });
    },

    onRuleSplitPick(e: RowEvent<{ value: string | number }>) {
      const { index } = e.currentTarget.dataset;
      const split = SPLITS[Number(e.detail.value)];
      const rule = index === undefined ? undefined : this.data.form.rules[index];
      if (!split || !rule) return;
      this.edit({
        [`form.rules[${index}].split`]: split,
        [`ruleMeta[${index}]`]: ruleMetaText({ split, group: rule.group }),
      });
    },

    async onRemoveRule(e: RowEvent) {
      const { index } = e.currentTarget.dataset;
      const rule = index === undefined ? undefined : this.data.form.rules[index];
      if (index === undefined || !rule) return;
      const sure = await wx.showModal({
        title: '移除计分事项',
        content: `移除后，“${rule.label}”不再计分（可在下方“不计分的事项”中恢复）。确定移除吗？`,
        confirmText: '移除',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      this.setData({ openRule: -1 });
      this.editRule(index, { removed: true });
    },

    onRestoreRule(e: RowEvent) {
      const { index } = e.currentTarget.dataset;
      if (index !== undefined) this.triggerEvent('restore', { index });
    },
  },
});
