import {
  HANDLING_STAGE_LABELS,
  PROPOSAL_STATUS_LABELS,
  type HandlingStage,
  type HandlingUnitView,
  type ProposalDetail,
  type ProposalStatus,
} from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { ProposalDoc } from '../../cloudfunctions/modules/proposals/model';
import { allowed } from '../../cloudfunctions/kernel/lifecycle';
import {
  HANDLING_LIFECYCLE,
  PROPOSAL_LIFECYCLE,
  type HandlingAction,
  type ProposalAction,
  type ProposalRole,
} from '../../cloudfunctions/modules/proposals/lifecycle';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  title: '关于加快老旧小区加装电梯的建议',
  category: '城乡建设',
  cause: '近年来我区老旧小区居民老龄化程度不断加深，许多高龄老人上下楼困难，加装电梯需求迫切。',
  suggestion: '建议区政府统筹财政补贴，简化加装电梯审批流程，建立业主协商机制，明确后期维护责任。',
};
const LEAD = 'demo-member-01';
const CO_SIGNER = 'demo-member-02';
const OTHER = 'demo-member-04';
const STAFF = 'demo-staff';
type Flag = keyof ProposalDetail['can'];

/** Each caller above, in the table's words. */
const ROLES: Record<string, ProposalRole[]> = {
  [LEAD]: ['author', 'lead', 'evaluator'],
  [CO_SIGNER]: ['coSigner', 'evaluator'],
  [STAFF]: ['staff'],
};

let h: Harness;
let ids: Record<string, string>;
let unitId: string;
let n = 0;
beforeEach(async () => {
  h = await makeHarness();
  const all = await h.store.find<MemberDoc>('members', {});
  ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  unitId = (
    await h.ok<HandlingUnitView>(STAFF, 'proposals.saveUnit', { name: '区住房和城乡建设局' })
  ).id;
});
afterEach(() => h.close());

const read = async (id: string, as = LEAD) => {
  const res = await h.call<ProposalDetail>(as, 'proposals.get', { proposalId: id });
  return res.ok ? res.data : null;
};
const fresh = async (id: string) => (await read(id, STAFF)) ?? (await read(id))!;
const draft = (openid = LEAD, coSigners = [CO_SIGNER]) =>
  h.ok<ProposalDetail>(openid, 'proposals.saveDraft', {
    clientDraftId: `lifecycle-${++n}`,
    revision: 1,
    ...TEXT,
    coSignerIds: coSigners.map((o) => ids[o]),
  });
/** Submitted and confirmed by its co-signer: in the review queue. */
const submitted = async (openid = LEAD, coSigners = [CO_SIGNER]) => {
  const d = await draft(openid, coSigners);
  await h.ok(openid, 'proposals.submit', { proposalId: d.id });
  for (const c of coSigners)
    await h.ok(c, 'proposals.respondCoSign', { proposalId: d.id, accept: true });
  return fresh(d.id);
};
const decided = async (action: string, extra = {}) => {
  const p = await submitted();
  await h.ok(STAFF, `proposals.${action}`, { proposalId: p.id, version: p.version, ...extra });
  return fresh(p.id);
};

/** A new proposal in each status, reached through the commands. */
const REACH: Record<ProposalStatus, () => Promise<ProposalDetail>> = {
  draft: () => draft(),
  // 代录: the office entered it for the lead, who has not confirmed yet.
  confirming: async () => {
    const d = await h.ok<ProposalDetail>(STAFF, 'proposals.saveDraft', {
      clientDraftId: `lifecycle-${++n}`,
      revision: 1,
      onBehalfOf: ids[LEAD],
      ...TEXT,
      coSignerIds: [ids[CO_SIGNER]],
    });
    return h.ok<ProposalDetail>(STAFF, 'proposals.submit', { proposalId: d.id });
  },
  cosigning: async () => {
    const d = await draft();
    return h.ok<ProposalDetail>(LEAD, 'proposals.submit', { proposalId: d.id });
  },
  submitted: () => submitted(),
  accepted: () => decided('accept'),
  rejected: () => decided('reject', { reason: '不属于提案范围' }),
  converting: () => decided('proposeConversion', { reason: '更适合作为社情民意' }),
  converted: async () => {
    const p = await decided('proposeConversion', { reason: '更适合作为社情民意' });
    await h.ok(LEAD, 'proposals.consentConversion', { proposalId: p.id, consent: true });
    return fresh(p.id);
  },
  merged: async () => {
    const [target, source] = [await submitted(OTHER, []), await submitted()];
    await h.ok(STAFF, 'proposals.merge', {
      targetId: target.id,
      sourceIds: [source.id],
      reason: '内容相近',
    });
    return fresh(source.id);
  },
};

/** One way to try an action: who calls which command, and the error it answers when refused. */
type Probe = {
  as: string;
  flag?: Flag;
  action: string;
  payload: (p: ProposalDetail) => Promise<object> | object;
  /** Absent: outside its states the command replays quietly (a retry). */
  refusedWith?: string;
};
const probe = (
  as: string,
  action: string,
  payload: Probe['payload'],
  refusedWith?: string,
  flag?: Flag,
): Probe => ({ as, action: `proposals.${action}`, payload, refusedWith, flag });
const id = (p: ProposalDetail) => ({ proposalId: p.id });
const versioned = (p: ProposalDetail) => ({ proposalId: p.id, version: p.version });
const REASON = { reason: '内容相近，一并处理' };

/** How to try each action through its commands (`closeCoSigning` is the timer's; see below). */
const PROBES: Record<Exclude<ProposalAction, 'closeCoSigning'>, Probe[]> = {
  edit: [
    probe(
      LEAD,
      'saveDraft',
      // The device's draft id, as its author's view shows it.
      async (p) => ({ clientDraftId: (await read(p.id))!.clientDraftId, revision: 9, ...TEXT }),
      'PROPOSAL.NOT_EDITABLE',
      'edit',
    ),
  ],
  delete: [probe(LEAD, 'deleteDraft', id, 'PROPOSAL.NOT_EDITABLE')],
  submit: [probe(LEAD, 'submit', id, undefined, 'submit')],
  confirmEntry: [
    probe(
      LEAD,
      'confirmEntry',
      (p) => ({ ...id(p), accept: true }),
      'PROPOSAL.WRONG_STATE',
      'confirmEntry',
    ),
  ],
  withdraw: [
    probe(LEAD, 'withdraw', (p) => ({ ...id(p), ...REASON }), 'PROPOSAL.WRONG_STATE', 'withdraw'),
  ],
  coSign: [
    probe(
      CO_SIGNER,
      'respondCoSign',
      (p) => ({ ...id(p), accept: true }),
      'PROPOSAL.COSIGN_CLOSED',
      'coSign',
    ),
  ],
  review: [
    probe(STAFF, 'accept', versioned, 'PROPOSAL.WRONG_STATE', 'review'),
    probe(
      STAFF,
      'reject',
      (p) => ({ ...versioned(p), ...REASON }),
      'PROPOSAL.WRONG_STATE',
      'review',
    ),
    probe(
      STAFF,
      'proposeConversion',
      (p) => ({ ...versioned(p), ...REASON }),
      'PROPOSAL.WRONG_STATE',
      'review',
    ),
  ],
  consentConvert: [true, false].map((consent) =>
    probe(
      LEAD,
      'consentConversion',
      (p) => ({ ...id(p), consent }),
      'PROPOSAL.WRONG_STATE',
      'consentConvert',
    ),
  ),
  merge: [
    probe(
      STAFF,
      'merge',
      async (p) => ({ targetId: (await submitted(OTHER, [])).id, sourceIds: [p.id], ...REASON }),
      'PROPOSAL.MERGE_INVALID',
    ),
  ],
  receiveMerge: [
    probe(
      STAFF,
      'merge',
      async (p) => ({ targetId: p.id, sourceIds: [(await submitted(OTHER, [])).id], ...REASON }),
      'PROPOSAL.MERGE_INVALID',
    ),
  ],
  handle: [
    probe(STAFF, 'markKey', (p) => ({ ...id(p), supervisor: '王副主席' }), 'PROPOSAL.NOT_ACCEPTED'),
    probe(
      STAFF,
      'assign',
      (p) => ({ ...versioned(p), mode: 'joint', units: [{ unitId, role: 'lead' }] }),
      'PROPOSAL.NOT_ACCEPTED',
    ),
  ],
};

/** An accepted proposal at each handling stage. */
const STAGE: Record<HandlingStage, () => Promise<ProposalDetail>> = {
  unassigned: async () => {
    const p = await REACH.accepted();
    await h.ok(STAFF, 'proposals.markKey', { ...id(p), supervisor: '王副主席' });
    return fresh(p.id);
  },
  assigned: async () => {
    const p = await REACH.accepted();
    return h.ok(STAFF, 'proposals.assign', {
      ...versioned(p),
      mode: 'joint',
      units: [{ unitId, role: 'lead' }],
    });
  },
  replied: async () => {
    const p = await STAGE.assigned();
    return h.ok(STAFF, 'proposals.recordReply', {
      ...id(p),
      unitId,
      replyClass: 'A',
      text: '我局已将加装电梯纳入年度计划。',
    });
  },
  rehandling: async () => {
    const p = await STAGE.replied();
    await h.ok(LEAD, 'proposals.evaluate', { ...id(p), rating: 'unsatisfied' });
    return fresh(p.id);
  },
  closed: async () => {
    const p = await STAGE.replied();
    await h.ok(LEAD, 'proposals.evaluate', { ...id(p), rating: 'satisfied' });
    return fresh(p.id);
  },
};

const HANDLING_PROBES: Record<HandlingAction, Probe[]> = {
  reply: [
    probe(
      STAFF,
      'recordReply',
      (p) => ({ ...id(p), unitId, replyClass: 'B', text: '我局已会同街道推进加装电梯工作。' }),
      'PROPOSAL.NOT_ASSIGNED',
    ),
  ],
  evaluate: [CO_SIGNER, LEAD].map((as) =>
    probe(
      as,
      'evaluate',
      (p) => ({ ...id(p), rating: 'basic' }),
      'PROPOSAL.NOT_REPLIED',
      'evaluate',
    ),
  ),
};

/**
 * Tries the probe on `p`: the `can` flag shown to each caller and the command's outcome must
 * both be what the table says; a refusal carries the command's wrong-state error.
 */
async function agree(p: ProposalDetail, pr: Probe, expected: (who: ProposalRole[]) => boolean) {
  if (pr.flag)
    for (const viewer of [LEAD, CO_SIGNER, STAFF])
      expect([viewer, (await read(p.id, viewer))?.can[pr.flag] ?? false]).toEqual([
        viewer,
        expected(ROLES[viewer]!),
      ]);
  const res = await h.call(pr.as, pr.action, await pr.payload(p));
  const after = await h.store.get<ProposalDoc>('proposals', p.id);
  const acted = res.ok && (after === null || after.version !== p.version);
  expect(acted).toBe(expected(ROLES[pr.as]!));
  if (!res.ok && pr.refusedWith) expect(res.error.code).toBe(pr.refusedWith);
  if (!acted && !pr.refusedWith) expect(res.ok).toBe(true);
}

describe('the proposal lifecycle table', () => {
  it('covers every status and every handling stage of the contract', () => {
    expect(Object.keys(PROPOSAL_LIFECYCLE).sort()).toEqual(
      Object.keys(PROPOSAL_STATUS_LABELS).sort(),
    );
    expect(Object.keys(HANDLING_LIFECYCLE).sort()).toEqual(
      Object.keys(HANDLING_STAGE_LABELS).sort(),
    );
  });

  describe.each(Object.keys(REACH) as ProposalStatus[])('in %s', (status) => {
    it.each(Object.keys(PROBES) as Array<keyof typeof PROBES>)(
      '%s: the view and the command agree with the table',
      async (action) => {
        for (const pr of PROBES[action]) {
          const p = await REACH[status]();
          expect(p.status).toBe(status);
          await agree(p, pr, (who) => allowed(PROPOSAL_LIFECYCLE, action, status, who));
        }
      },
    );
  });

  describe.each(Object.keys(STAGE) as HandlingStage[])('handling %s', (stage) => {
    it.each(Object.keys(HANDLING_PROBES) as HandlingAction[])(
      '%s: the view and the command agree with the table',
      async (action) => {
        for (const pr of HANDLING_PROBES[action]) {
          const p = await STAGE[stage]();
          expect(p.handling?.stage).toBe(stage);
          await agree(p, pr, (who) => allowed(HANDLING_LIFECYCLE, action, stage, who));
        }
      },
    );
  });

  it('closes co-signing only from co-signing, when the deadline passes', async () => {
    const p = await REACH.cosigning();
    h.clock.advance(31 * 86_400_000);
    await h.ok(STAFF, 'proposals.reviewQueue', {});
    expect((await fresh(p.id)).status).toBe('submitted');
  });
});
