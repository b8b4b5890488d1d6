import { proposals } from '../../../typings/contracts/proposals';
import { SPEECH_DELIVERY_LABELS, type SpeechSummary } from '../../../typings/contracts/speeches';
import { command, handle, STAFF } from '../../kernel/action';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import type { SpeechDoc } from './model';
import { scoreSpeech } from './points';
import { speechStep } from './step';
import { mustGet, toDetail, toSummary } from './views';

const QUEUES = ['submitted', 'accepted', 'returned'] as const;

/** The office's list by status (the longest waiting first), year and what was chosen, with counts. */
export const speechQueue = handle(proposals.speechQueue, STAFF, async (ctx, input) => {
  const base: Where = input.year ? { year: input.year } : {};
  const where: Where = { ...base, status: input.status };
  if (input.delivery) where.delivery = input.delivery;
  const [page, ...counts] = await Promise.all([
    findPage<SpeechDoc, SpeechSummary>(
      ctx.store,
      'speeches',
      {
        where,
        orderBy: [['submittedAt', 'asc']],
        page: input.page,
        pageSize: input.pageSize,
      },
      toSummary,
    ),
    ...QUEUES.map((status) => ctx.store.count('speeches', { ...base, status })),
  ]);
  return {
    ...page,
    counts: Object.fromEntries(QUEUES.map((q, i) => [q, counts[i]!])) as Record<
      (typeof QUEUES)[number],
      number
    >,
  };
});

/** 审核: 收录 (kept for the plenary) or 退回 with the note the member revises by. */
export const reviewSpeech = command(
  proposals.reviewSpeech,
  STAFF,
  async (ctx, { speechId, version, accept, note }) => {
    await mustGet(ctx, speechId);
    await speechStep(ctx, speechId, version, () =>
      accept
        ? {
            requires: 'review',
            set: { status: 'accepted', returnNote: null },
            action: '收录大会发言',
            note: note || null,
            tell: '您提交的大会发言已被收录。',
          }
        : {
            requires: 'review',
            set: { status: 'returned', returnNote: note! },
            action: '退回修改',
            note: note!,
            tell: `您提交的大会发言被退回修改。意见：${note!}`,
          },
    );
    return toDetail(ctx, await mustGet(ctx, speechId));
  },
);

/**
 * 选用: an accepted speech is to be delivered at the plenary (大会口头发言), printed (书面发言),
 * or neither. The author's points follow the choice in the same transaction (one key per
 * speech: a change replaces the event, "neither" retracts it). Choosing what is already chosen
 * changes nothing.
 */
export const chooseSpeech = command(
  proposals.chooseSpeech,
  STAFF,
  async (ctx, { speechId, version, delivery, note }) => {
    const s = await mustGet(ctx, speechId);
    if (s.delivery === delivery && s.status === 'accepted') return toDetail(ctx, s);
    const label = SPEECH_DELIVERY_LABELS[delivery];
    await speechStep(ctx, speechId, version, (fresh) => ({
      requires: 'choose',
      set: { delivery },
      action:
        delivery === 'none'
          ? `取消选用（原为${SPEECH_DELIVERY_LABELS[fresh.delivery]}）`
          : `选为${label}`,
      note: note || null,
      tell: delivery === 'none' ? undefined : `您的大会发言已被选为${label}。`,
      also: (tx, after) =>
        scoreSpeech(tx, ctx, after, note ? `发言选用变更：${note}` : '发言不再选用'),
    }));
    return toDetail(ctx, await mustGet(ctx, speechId));
  },
);
