import { OPINION_LIMITS } from '../../../typings/contracts/opinions';
import { PROPOSAL_LIMITS } from '../../../typings/contracts/proposals';
import { studios, type DraftOrigin } from '../../../typings/contracts/studios';
import type { Services } from '../../kernel/action';
import { command } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { effectConsumer } from '../../kernel/effects';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import { forEachLimit } from '../../kernel/concurrency';
import { insertLinkedOpinionDraft, opinionDraftId } from '../opinions/linked-draft';
import { insertLinkedProposalDraft, proposalDraftId } from '../proposals/linked-draft';
import { mustConsultation, mustStudio } from './access';
import { C, hashId, type ConsultationDoc, type DraftLinkDoc } from './model';

export const DRAFT_EFFECT = 'studioDraft';

const clip = (text: string, max: number) => [...text].slice(0, max).join('');

/** What the draft starts with: the outcome, the issues raised and where it was agreed. */
function prefill(c: ConsultationDoc, outcomeText: string) {
  const where = `${c.date}，${c.studioName}在${c.place}就“${c.topic}”开展协商`;
  const people = [
    c.members.length ? `委员 ${c.members.length + 1} 人` : '',
    c.residents ? `群众 ${c.residents} 人` : '',
    c.officials ? `部门人员 ${c.officials} 人` : '',
    c.experts ? `专家 ${c.experts} 人` : '',
  ].filter(Boolean);
  const context = `${where}${people.length ? `（${people.join('、')}参加）` : ''}。`;
  const cause = [context, c.issues].filter(Boolean).join('\n');
  // Within what each editor takes, so the member can go on with it as it is.
  return {
    title: clip(`关于${c.topic}的建议`, PROPOSAL_LIMITS.title),
    cause: clip(cause, PROPOSAL_LIMITS.body),
    suggestion: clip(outcomeText, PROPOSAL_LIMITS.body),
    text: clip(`${cause}\n协商意见：${outcomeText}`, OPINION_LIMITS.body),
  };
}

/**
 * Starts a proposal or opinion report draft from an outcome: the request is recorded with the
 * log's words in this transaction, and the proposals or opinions store makes the draft once
 * (the one rail: right after the request, or from the timer after a crash). The draft's id is
 * the one its editor derives from the phone's draft id, so the member goes on with it there.
 */
export const startDraft = command(studios.startDraft, 'member', async (ctx, input) => {
  const c = await mustConsultation(ctx.store, input.consultationId);
  const s = await mustStudio(ctx.store, c.studioId);
  const me = ctx.caller.member!;
  const present = c.hostMemberId === me._id || c.members.some((m) => m.id === me._id);
  if (!present || !me.roles.includes('member') || c.status === 'planned')
    throw fail('STUDIO.DRAFT_NOT_ALLOWED');
  const outcome = c.outcomes.find((o) => o.id === input.outcomeId);
  if (!outcome) throw fail('STUDIO.OUTCOME_NOT_FOUND');
  const draftId =
    input.kind === 'proposal'
      ? proposalDraftId(me._id, input.clientDraftId)
      : opinionDraftId(me._id, input.clientDraftId);
  const id = hashId('sdr', c._id, outcome.id, input.kind, me._id);
  await once(ctx, async (tx) => {
    const prior = await tx.get<DraftLinkDoc>(C.drafts, id);
    ctx.effects.add(DRAFT_EFFECT, id);
    if (prior) return; // one draft per outcome, kind and member: the same one again
    const words = prefill(c, outcome.text);
    await tx.insert<DraftLinkDoc>(C.drafts, {
      _id: id,
      studioId: s._id,
      consultationId: c._id,
      outcomeId: outcome.id,
      kind: input.kind,
      memberId: me._id,
      memberName: me.name,
      clientDraftId: input.clientDraftId,
      draftId,
      title: words.title,
      body: { cause: words.cause, suggestion: words.suggestion, text: words.text },
      origin: { studioName: s.name, topic: c.topic, date: c.date },
      applied: false,
      createdAt: iso(ctx.clock.now()),
    });
  });
  const link = (await ctx.store.get<DraftLinkDoc>(C.drafts, id))!;
  return { kind: link.kind, draftId: link.draftId, clientDraftId: link.clientDraftId };
});

/** Makes the drafts the records ask for, each once. */
export async function applyDraftLinks(services: Services, ids: string[]): Promise<void> {
  await forEachLimit(ids, 4, async (id) => {
    await services.store.transaction(async (tx) => {
      const link = await tx.get<DraftLinkDoc>(C.drafts, id);
      if (!link || link.applied) return;
      const author = await tx.get<MemberDoc>('members', link.memberId);
      if (!author) return;
      const origin: DraftOrigin = {
        kind: 'studioConsultation',
        studioId: link.studioId,
        studioName: link.origin.studioName,
        consultationId: link.consultationId,
        topic: link.origin.topic,
        outcomeId: link.outcomeId,
      };
      const now = iso(services.clock.now());
      if (link.kind === 'proposal')
        await insertLinkedProposalDraft(
          tx,
          author,
          {
            clientDraftId: link.clientDraftId,
            title: link.title,
            cause: link.body.cause,
            suggestion: link.body.suggestion,
          },
          origin,
          now,
        );
      else
        await insertLinkedOpinionDraft(
          tx,
          author,
          { clientDraftId: link.clientDraftId, title: link.title, body: link.body.text },
          origin,
          now,
        );
      await tx.update(C.drafts, id, { set: { applied: true } });
    });
  });
}

effectConsumer(DRAFT_EFFECT, applyDraftLinks);

/** From the timer: drafts a crash or timeout left unmade. */
export async function applyPendingDraftLinks(services: Services, limit = 50): Promise<number> {
  const pending = await services.store.find<DraftLinkDoc>(C.drafts, {
    where: { applied: false },
    limit,
  });
  await applyDraftLinks(
    services,
    pending.map((l) => l._id),
  );
  return pending.length;
}
