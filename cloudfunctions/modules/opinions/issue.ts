/**
 * The committee's journal 《社情民意》. An issue is what staff name when they adopt a report
 * (`opinions.adopt` `issue`, the 期号: `2026 年第 5 期`): every report adopted under the same
 * 期号 is in that issue, in the order adopted. Exporting it gives the issue as the office
 * prints it: the masthead with the 期号 and the date, the title staff give it, the contents,
 * then each report with its author, where it was sent on and what leaders wrote on it.
 */
import {
  ADOPTION_LEVEL_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  opinions,
  type OpinionIssue,
} from '../../../typings/contracts/opinions';
import { handle, STAFF } from '../../kernel/action';
import {
  heading,
  paragraph,
  table,
  title,
  writeDocx,
  writtenDate,
  type Block,
} from '../../kernel/docx';
import { fail } from '../../kernel/errors';
import type { OpinionDoc } from './model';

/** When the report was adopted (its timeline's adoption step), or null for older data. */
function adoptedAt(o: OpinionDoc): string | null {
  return o.timeline.find((t) => t.action.startsWith('采用'))?.at ?? null;
}

const byAdoption = (a: OpinionDoc, b: OpinionDoc) =>
  (adoptedAt(a) ?? a.submittedAt ?? '').localeCompare(adoptedAt(b) ?? b.submittedAt ?? '') ||
  a._id.localeCompare(b._id);

export const listIssues = handle(opinions.listIssues, STAFF, async (ctx) => {
  const adopted = await ctx.store.find<OpinionDoc>('opinions', { where: { status: 'adopted' } });
  const issues = new Map<string, OpinionIssue>();
  for (const o of adopted) {
    if (!o.issue) continue;
    const at = adoptedAt(o);
    const seen = issues.get(o.issue);
    issues.set(o.issue, {
      issue: o.issue,
      reports: (seen?.reports ?? 0) + 1,
      lastAdoptedAt: [seen?.lastAdoptedAt, at].reduce<string | null>(
        (a, b) => ((b ?? '') > (a ?? '') ? (b ?? null) : a),
        null,
      ),
    });
  }
  const items = [...issues.values()].sort(
    (a, b) =>
      (b.lastAdoptedAt ?? '').localeCompare(a.lastAdoptedAt ?? '') ||
      b.issue.localeCompare(a.issue, 'zh-Hans-CN'),
  );
  return { items };
});

export const exportIssue = handle(opinions.exportIssue, STAFF, async (ctx, input) => {
  const reports = (
    await ctx.store.find<OpinionDoc>('opinions', {
      where: { status: 'adopted', issue: input.issue },
    })
  ).sort(byAdoption);
  if (reports.length === 0) throw fail('OPINION.ISSUE_NOT_FOUND');

  const blocks: Block[] = [
    title('社情民意', input.issue, `政协办公室编\u3000${writtenDate(ctx.clock.now())}`),
    ...(input.title ? [heading(input.title, 1, 'center')] : []),
    heading('本期目录', 2),
    table(
      [
        { header: '序号', weight: 1, align: 'center' },
        { header: '标题', weight: 7 },
        { header: '报送人', weight: 2 },
      ],
      reports.map((o, i) => [String(i + 1), o.title, o.authorName]),
    ),
  ];
  reports.forEach((o, i) => blocks.push(...reportBlocks(o, i + 1)));

  return writeDocx({
    fileName: `社情民意-${input.issue.replace(/[\s\\/:*?"<>|]+/g, '')}.docx`,
    title: `社情民意 ${input.issue}`,
    blocks,
  });
});

function reportBlocks(o: OpinionDoc, n: number): Block[] {
  const blocks: Block[] = [
    heading(`${n}. ${o.title}`, 2),
    paragraph(o.body, { indent: true }),
    paragraph(`（报送人：${o.authorName}）`, { align: 'right' }),
  ];
  if (o.forwards.length > 0)
    blocks.push(
      paragraph(
        o.forwards
          .map((f) => `${ADOPTION_LEVEL_LABELS[f.level]}（${f.adopted ? '已采用' : '未采用'}）`)
          .join('；'),
        { label: '报送情况：' },
      ),
    );
  for (const i of o.instructions)
    blocks.push(
      paragraph(i.text, {
        label: `领导批示（${INSTRUCTION_LEVEL_LABELS[i.level]} ${i.leader}，${writtenDate(i.at)}）：`,
      }),
    );
  return blocks;
}
