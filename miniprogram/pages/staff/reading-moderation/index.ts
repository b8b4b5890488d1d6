import type {
  ModerationDecision,
  ModerationItem,
  ModerationQueue,
} from '../../../../typings/contracts';
import {
  MODERATION_DECISION_LABELS,
  MODERATION_QUEUE_LABELS,
  READING_LIMITS,
} from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { cursorList, type CursorPage } from '../../../kit/cursor-list';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { checkInput } from '../../../kit/validate';
import { api } from '../../../services/api';
import { openFile } from '../../../services/files';
import { askText, checkAt, confirmAction } from '../../../utils/prompt';
import { showError, showSuccess } from '../../../utils/toast';

const QUEUES = Object.keys(MODERATION_QUEUE_LABELS) as ModerationQueue[];

/** What each queue's items can be given. */
const DECISIONS: Record<ModerationQueue, ModerationDecision[]> = {
  review: ['approve', 'hide'],
  reported: ['approve', 'hide'],
  refused: ['restore'],
  hidden: ['restore'],
};

/**
 * The reading club's moderation queue: what waits for review (先审后发, the checker's "review",
 * an image verdict that never came), what members reported, what the checker refused and what
 * staff hid, each with the reason; approve, hide or restore with a reason (the author is told).
 */
Component({
  behaviors: [fontScale, cursorList],
  options: { pureDataPattern: /^_/ },
  data: {
    queue: 'review' as ModerationQueue,
    chips: QUEUES.map((q) => ({ value: q, label: MODERATION_QUEUE_LABELS[q], count: 0 })),
    decisions: DECISIONS.review.map((d) => ({ value: d, label: MODERATION_DECISION_LABELS[d] })),
    deciding: '',
  },
  methods: {
    async fetchCursor(cursor: string | undefined): Promise<CursorPage<ModerationItem>> {
      const page = await api.reading.moderationQueue({ queue: this.data.queue, cursor });
      const chips = QUEUES.map((q) => ({
        value: q,
        label: MODERATION_QUEUE_LABELS[q],
        count: page.counts[q],
      }));
      return { items: page.items, nextCursor: page.nextCursor, extra: { chips } };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onQueue(e: ValueEvent<ModerationQueue>) {
      const queue = e.detail.value;
      this.setData({
        queue,
        decisions: DECISIONS[queue].map((d) => ({
          value: d,
          label: MODERATION_DECISION_LABELS[d],
        })),
      });
      return this.reload();
    },

    onPhoto(e: UiEvent<{ index?: number; photo?: number }>) {
      const { index = -1, photo = -1 } = e.currentTarget.dataset;
      const file = (this.data.items[index] as ModerationItem | undefined)?.photos[photo];
      if (file) openFile(file).catch(showError);
    },

    async onDecide(e: UiEvent<{ index?: number; decision?: ModerationDecision }>) {
      const { index = -1, decision } = e.currentTarget.dataset;
      const item = this.data.items[index] as ModerationItem | undefined;
      if (!item || !decision || this.data.deciding) return;
      const label = MODERATION_DECISION_LABELS[decision];
      if (
        decision === 'hide' &&
        !(await confirmAction({
          title: '屏蔽内容',
          content: '屏蔽后其他委员将看不到，作者会收到通知，由此获得的履职积分会扣回。',
          confirmText: '继续',
          destructive: true,
        }))
      )
        return;
      const payload = { targetType: item.targetType, targetId: item.id, decision };
      const reason = await askText({
        title: `${label}的理由`,
        placeholder: decision === 'hide' ? '例如：与读书主题无关' : '例如：经核查内容无问题',
        confirmText: label,
        maxLength: READING_LIMITS.reason,
        check: checkAt('reason', (reason) =>
          checkInput('reading', 'moderate', { ...payload, reason }),
        ),
      });
      if (!reason) return;
      this.setData({ deciding: item.id });
      try {
        await api.reading.moderate({ ...payload, reason });
        markChanged('reading');
        showSuccess(`已${label}`);
        this.removeItem(index);
        const at = QUEUES.indexOf(this.data.queue);
        const left = Math.max(0, (this.data.chips[at]?.count ?? 1) - 1);
        this.setData({ [`chips[${at}].count`]: left });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ deciding: '' });
      }
    },
  },
});
