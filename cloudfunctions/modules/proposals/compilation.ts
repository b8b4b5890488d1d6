/**
 * 提案汇编: the year's accepted proposals as the office prints them for the plenary and the
 * archive, by category in the committee's order, each with its case number, proposers, 案由,
 * 建议, handling units and every reply with its class in the committee's words.
 */
import {
  PROPOSAL_KIND_LABELS,
  proposals,
  REPLY_CLASS_LABELS,
  UNIT_ROLE_LABELS,
  type ReplyClass,
} from '../../../typings/contracts/proposals';
import { handle, STAFF } from '../../kernel/action';
import {
  chart,
  heading,
  pageBreak,
  paragraph,
  table,
  title,
  writeDocx,
  writtenDate,
  type Block,
} from '../../kernel/docx';
import { fail } from '../../kernel/errors';
import { currentSettings } from '../settings';
import { confirmedCoSigners, type ProposalDoc } from './model';
import { statsCharts } from './stats';

export const exportCompilation = handle(
  proposals.exportCompilation,
  STAFF,
  async (ctx, { year }) => {
    const [submitted, settings] = await Promise.all([
      ctx.store.find<ProposalDoc>('proposals', {
        where: { year, status: { $ne: 'draft' } },
        orderBy: [['number', 'asc']],
      }),
      currentSettings(ctx.store),
    ]);
    const accepted = submitted.filter((p) => p.status === 'accepted');
    if (accepted.length === 0) throw fail('PROPOSAL.NONE_ACCEPTED');
    const mergedIds = accepted.flatMap((p) => p.mergedFrom);
    const merged = mergedIds.length
      ? await ctx.store.find<ProposalDoc>('proposals', { where: { _id: { $in: mergedIds } } })
      : [];
    const labels = new Map<string, string>(
      settings.body.proposals.replyClasses.map((c) => [c.code, c.label]),
    );
    const classText = (c: ReplyClass) => `${c} 类（${labels.get(c) ?? REPLY_CLASS_LABELS[c]}）`;
    const groups = byCategory(accepted, settings.body.proposals.categories);
    const mergedById = new Map(merged.map((p) => [p._id, p]));

    const blocks: Block[] = [
      title(
        `${year} 年度提案汇编`,
        `共立案提案 ${accepted.length} 件`,
        `政协办公室编印\u3000${writtenDate(ctx.clock.now())}`,
      ),
      heading('目录'),
      table(
        [
          { header: '类别', weight: 2 },
          { header: '案号', weight: 2, align: 'center' },
          { header: '标题', weight: 6 },
          { header: '提案人', weight: 3 },
        ],
        groups.flatMap(([category, list]) =>
          list.map((p) => [category, p.number ?? '', p.title, proposersOf(p)]),
        ),
      ),
    ];
    // The year's handling at a glance: how units answered, which units, and when.
    const charts = (await statsCharts(submitted, year, ctx.clock.now())).filter((c) =>
      ['byReplyClass', 'byUnit', 'byMonth'].includes(c.id),
    );
    blocks.push(pageBreak(), heading('办理情况统计'), ...charts.map(chart));
    groups.forEach(([category, list], i) => {
      blocks.push(
        pageBreak(),
        heading(`${chineseOrdinal(i + 1)}、${category}（${list.length} 件）`),
      );
      for (const p of list) {
        blocks.push(...proposalBlocks(p, classText, mergedById));
      }
    });

    return writeDocx({
      fileName: `提案汇编-${year}年.docx`,
      title: `${year} 年度提案汇编`,
      blocks,
    });
  },
);

/** One proposal: case number and title, who proposed it, what it says, who handles it, replies. */
function proposalBlocks(
  p: ProposalDoc,
  classText: (c: ReplyClass) => string,
  mergedById: Map<string, ProposalDoc>,
): Block[] {
  const blocks: Block[] = [
    heading(`第 ${p.number ?? ''} 号\u3000${p.title}`, 2),
    paragraph(proposersOf(p), { label: '提案人：' }),
  ];
  const sources = p.mergedFrom.flatMap((id) => mergedById.get(id) ?? []);
  if (sources.length > 0)
    blocks.push(
      paragraph(sources.map((s) => `《${s.title}》（${proposersOf(s)}）`).join('；'), {
        label: '并案：',
      }),
    );
  blocks.push(
    paragraph('', { label: '案由：' }),
    paragraph(p.cause, { indent: true }),
    paragraph('', { label: '建议：' }),
    paragraph(p.suggestion, { indent: true }),
  );
  const units = [...(p.handling?.units ?? [])].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role),
  );
  blocks.push(
    paragraph(
      units.length > 0
        ? units.map((u) => `${u.name}（${UNIT_ROLE_LABELS[u.role]}）`).join('、')
        : '尚未交办',
      { label: '承办单位：' },
    ),
  );
  const replies = units.flatMap((u) =>
    [...u.replies].sort((a, b) => a.round - b.round).map((r) => ({ unit: u, reply: r })),
  );
  if (replies.length === 0) blocks.push(paragraph('尚未答复', { label: '办理答复：' }));
  for (const { unit, reply } of replies) {
    const round = reply.round > 1 ? `第 ${reply.round} 次` : '';
    blocks.push(
      paragraph(`${classText(reply.replyClass)}，${writtenDate(reply.at)}`, {
        label: `${unit.name}${round}答复：`,
      }),
      paragraph(reply.text, { indent: true }),
    );
  }
  return blocks;
}

const ROLE_ORDER = ['lead', 'separate', 'co'];

/**
 * Who proposed it: a collective proposal by its body's name; otherwise the lead (with sector)
 * and the co-signers who confirmed.
 */
export function proposersOf(p: ProposalDoc): string {
  if (p.collective) return `${p.collective.name}（${PROPOSAL_KIND_LABELS.collective}）`;
  const lead = p.leadSector ? `${p.leadName}（${p.leadSector}）` : p.leadName;
  const co = confirmedCoSigners(p).map((c) => c.name);
  return co.length > 0 ? `${lead}，联名：${co.join('、')}` : lead;
}

/** The categories in the committee's order, then any others (a category since dropped). */
function byCategory(list: ProposalDoc[], order: readonly string[]): Array<[string, ProposalDoc[]]> {
  const groups = new Map<string, ProposalDoc[]>();
  for (const p of list) groups.set(p.category, [...(groups.get(p.category) ?? []), p]);
  const rank = (c: string) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length : i;
  };
  return [...groups.entries()].sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'zh-Hans-CN'),
  );
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (categories never reach a hundred). */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}十${ones > 0 ? DIGITS[ones] : ''}`;
}
