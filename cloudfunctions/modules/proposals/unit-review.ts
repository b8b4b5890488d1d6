import { proposals, type UnitContactView } from '../../../typings/contracts/proposals';
import { command, handle, STAFF } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { addDays, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import type { DocumentStore } from '../../store/port';
import { nameKeysOf } from '../../kernel/people-order';
import { enqueue } from '../notify/outbox';
import { currentSettings, monthsToDays } from '../settings';
import { mustGet } from './access';
import { change, replyChange } from './handling';
import { requireHandlingStage } from './lifecycle';
import type { ProposalDoc, UnitDoc } from './model';
import { loadDetail } from './queries';
import { toUnits, unitContacts } from './unit-notices';

/**
 * The office's side of the units' online work: their contact accounts, the review of a reply a
 * unit sent in (approved, it becomes the unit's recorded reply, the class as given or changed;
 * returned, the unit revises it), and decisions on extension requests.
 */

export const listUnitContacts = handle(
  proposals.listUnitContacts,
  STAFF,
  async (ctx, { unitId }) => {
    const found = await ctx.store.find<MemberDoc>('members', { where: { unitId } });
    return {
      items: found
        .filter((m) => m.roles.includes('unit'))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(contactView),
    };
  },
);

/**
 * Adds a contact account to a unit (then given an invite code, `members.issueInviteCode`) or
 * edits one. The account holds the role `unit` only: it sees its unit's work and nothing of the
 * members'. Outcomes: the contact | UNIT.NOT_FOUND | MEMBER.NOT_FOUND (not this unit's contact) |
 * MEMBER.PHONE_TAKEN (the phone is another entry's).
 */
export const saveUnitContact = command(proposals.saveUnitContact, STAFF, async (ctx, input) => {
  const unit = await ctx.store.get<UnitDoc>('handling_units', input.unitId);
  if (!unit) throw fail('UNIT.NOT_FOUND');
  // One phone, one roster entry: binding by phone must find one person.
  const holders = input.phone
    ? await ctx.store.find<MemberDoc>('members', { where: { phone: input.phone }, limit: 2 })
    : [];
  if (holders.some((m) => m._id !== input.memberId)) throw fail('MEMBER.PHONE_TAKEN');
  const nameKeys = await nameKeysOf(input.name);
  const now = iso(ctx.clock.now());
  const memberId = input.memberId ?? ctx.ids.next('unitc');
  return once(ctx, async (tx) => {
    const before = input.memberId ? await tx.get<MemberDoc>('members', input.memberId) : null;
    if (
      input.memberId &&
      (!before || before.unitId !== input.unitId || !before.roles.includes('unit'))
    )
      throw fail('MEMBER.NOT_FOUND');
    const fields = { name: input.name, phone: input.phone, active: input.active, nameKeys };
    const doc: MemberDoc = before
      ? { ...before, ...fields, updatedAt: now, version: before.version + 1 }
      : {
          _id: memberId,
          ...fields,
          gender: null,
          sector: null,
          specialCommittee: null,
          standingMember: false,
          term: null,
          roles: ['unit'],
          unitId: input.unitId,
          openid: null,
          boundAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
    if (before)
      await tx.update('members', memberId, {
        set: { ...fields, updatedAt: now },
        inc: { version: 1 },
      });
    else await tx.insert<MemberDoc>('members', doc);
    await audit(tx, ctx, {
      targetType: 'member',
      targetId: memberId,
      before: before ? contactView(before) : null,
      after: { unit: unit.name, ...contactView(doc) },
    });
    return contactView(doc);
  });
});

/**
 * Approves a unit's reply (recorded as its reply for the round, with the class the office
 * settles on) or returns it with a note. Outcomes: the detail | PROPOSAL.WRONG_STATE (no reply
 * waiting for review) | PROPOSAL.REPLY_CLASS_INVALID | REQUEST.INVALID (a return needs a note).
 */
export const reviewReply = command(proposals.reviewReply, STAFF, async (ctx, input) => {
  const p = await mustGet(ctx, input.proposalId);
  requireHandlingStage('reply', p);
  const unit = p.handling!.units.find((u) => u.unitId === input.unitId);
  if (!unit) throw fail('PROPOSAL.NOT_ASSIGNED');
  const draft = unit.draft;
  if (!draft || draft.round !== p.handling!.round || draft.status !== 'review')
    throw fail('PROPOSAL.WRONG_STATE', '该单位没有待审核的答复');
  if (!input.approve && !input.note) throw fail('REQUEST.INVALID', '退回时请写明修改意见');
  const replyClass = input.replyClass ?? draft.replyClass;
  const { replyClasses } = (await currentSettings(ctx.store)).body.proposals;
  if (!replyClasses.some((c) => c.code === replyClass))
    throw fail('PROPOSAL.REPLY_CLASS_INVALID', undefined, {
      replyClasses: replyClasses.map((c) => c.code),
    });
  const [merged, contacts] = await Promise.all([
    mergedOf(ctx.store, p),
    unitContacts(ctx.store, [input.unitId]),
  ]);
  const now = iso(ctx.clock.now());
  await change(ctx, input.proposalId, p.version, (fresh, tx) => {
    const notice = toUnits(contacts, [input.unitId], fresh._id, {
      key: `proposal.replyReviewed:${fresh._id}:${input.unitId}:${now}`,
      kind: 'proposal.replyReviewed',
      title: input.approve ? `答复已审核通过：${fresh.title}` : `答复被退回：${fresh.title}`,
      body: input.approve
        ? `提案办已审核通过贵单位的答复（${replyClass} 类）${input.note ? `：${input.note}` : '。'}`
        : `请按提案办意见修改后重新提交：${input.note}`,
    });
    if (!input.approve) {
      const h = fresh.handling!;
      return {
        handling: {
          ...h,
          units: h.units.map((u) =>
            u.unitId === input.unitId
              ? {
                  ...u,
                  draft: { ...u.draft!, status: 'returned' as const, returnNote: input.note! },
                }
              : u,
          ),
        },
        action: `退回${unit.name}的答复`,
        note: input.note!,
        also: () => enqueue(tx, now, notice),
      };
    }
    const c = replyChange(
      fresh,
      tx,
      merged,
      {
        unitId: input.unitId,
        replyClass,
        text: draft.text,
        letter: draft.letter,
        at: now,
        recordedBy: `${draft.savedBy}（${unit.name}）`,
      },
      '审核通过：',
    );
    const changed =
      replyClass !== draft.replyClass
        ? `答复类别由 ${draft.replyClass} 类改为 ${replyClass} 类`
        : null;
    return {
      ...c,
      note: [changed, input.note].filter(Boolean).join('；') || null,
      also: async (t, at, after) => {
        await c.also?.(t, at, after);
        await enqueue(tx, now, notice);
      },
    };
  });
  return loadDetail(ctx, input.proposalId);
});

/**
 * Decides a unit's extension request: approved, the deadline moves on by the days asked (never
 * beyond the settings' longest handling time); refused, it stands. The unit is told either way.
 */
export const decideExtension = command(proposals.decideExtension, STAFF, async (ctx, input) => {
  const p = await mustGet(ctx, input.proposalId);
  const request = p.handling?.extension;
  if (!request || request.status !== 'pending')
    throw fail('PROPOSAL.WRONG_STATE', '没有待处理的延期申请');
  if (!input.approve && !input.note) throw fail('REQUEST.INVALID', '不同意延期时请写明理由');
  const h = p.handling!;
  const until = addDays(new Date(h.deadline!), request.days);
  const { maxHandlingMonths } = (await currentSettings(ctx.store)).body.proposals;
  if (input.approve && until > addDays(new Date(h.assignedAt!), monthsToDays(maxHandlingMonths)))
    throw fail('PROPOSAL.DEADLINE_LIMIT', `办理期限最长不超过交办后 ${maxHandlingMonths} 个月`);
  const contacts = await unitContacts(ctx.store, [request.unitId]);
  const now = iso(ctx.clock.now());
  await change(ctx, input.proposalId, p.version, (fresh, tx) => ({
    handling: {
      ...fresh.handling!,
      deadline: input.approve ? iso(until) : fresh.handling!.deadline,
      extension: {
        ...request,
        status: input.approve ? 'approved' : 'refused',
        decidedAt: now,
        note: input.note ?? null,
      },
    },
    action: input.approve
      ? `同意${request.unitName}延期，办理期限延长至 ${iso(until).slice(0, 10)}`
      : `不同意${request.unitName}延期`,
    note: input.note ?? null,
    also: () =>
      enqueue(
        tx,
        now,
        toUnits(contacts, [request.unitId], fresh._id, {
          key: `proposal.extensionDecided:${fresh._id}:${request.at}`,
          kind: 'proposal.extensionDecided',
          title: input.approve
            ? `延期申请已同意：${fresh.title}`
            : `延期申请未同意：${fresh.title}`,
          body: input.approve
            ? `办理期限延长至 ${iso(until).slice(0, 10)}。`
            : `原办理期限不变：${input.note}`,
        }),
      ),
  }));
  return loadDetail(ctx, input.proposalId);
});

/** The proposals merged into this one: their authors evaluate the reply too. */
async function mergedOf(
  store: Pick<DocumentStore, 'find'>,
  p: ProposalDoc,
): Promise<ProposalDoc[]> {
  return p.mergedFrom.length
    ? store.find<ProposalDoc>('proposals', { where: { _id: { $in: p.mergedFrom } } })
    : [];
}

function contactView(m: MemberDoc): UnitContactView {
  return {
    memberId: m._id,
    unitId: m.unitId!,
    name: m.name,
    phone: m.phone,
    active: m.active,
    bound: !!m.openid,
  };
}
