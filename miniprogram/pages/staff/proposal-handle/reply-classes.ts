/**
 * The reply classes a panel offers (录入答复, 审核答复): the committee's own, from the settings
 * (A–C or A–D with their labels), loaded into the panel's `classesStatus` / `classes`.
 */
import { loadSettings } from '../../../kit/settings';
import { messageOf } from '../../../services/errors';

export const replyClassChoices = Behavior({
  data: {
    classesStatus: 'loading' as 'loading' | 'ready' | 'error',
    classesError: '',
    classes: [] as Array<{ value: string; label: string }>,
  },
  lifetimes: {
    attached() {
      void (this as unknown as { loadClasses(): Promise<void> }).loadClasses();
    },
  },
  methods: {
    async loadClasses() {
      this.setData({ classesStatus: 'loading', classesError: '' });
      try {
        const settings = await loadSettings();
        const classes = settings.proposals.replyClasses.map((c) => ({
          value: c.code,
          label: `${c.code} 类 ${c.label}`,
        }));
        this.setData({ classesStatus: 'ready', classes });
      } catch (err) {
        this.setData({ classesStatus: 'error', classesError: messageOf(err) });
      }
    },
  },
});
