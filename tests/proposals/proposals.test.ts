import type { Page } from '../../typings/contracts/envelope';
import type {
  ProposalDetail,
  ProposalSummary,
  SimilarProposal,
} from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { makeHarness, type Harness } from '../support/harness';

const CAUSE =
  '近年来我区老旧小区居民老龄化程度不断加深，许多高龄老人上下楼困难，加装电梯的需求十分迫切。';
const SUGGESTION =
  '建议区政府统筹财政补贴，简化加装电梯审批流程，建立业主协商机制，并明确后期维护责任主体。';

describe('proposals', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let n = 0;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  });
  afterEach(() => h.close());

  const draft = (openid: string, over: Record<string, unknown> = {}) =>
    h.ok<ProposalDetail>(openid, 'proposals.saveDraft', {
      clientDraftId: `draft-${openid}-${++n}`,
      revision: 1,
      title: '关于加快老旧小区加装电梯的建议',
      category: '城乡建设',
      cause: CAUSE,
      suggestion: SUGGESTION,
      ...over,
    });
  const submitted = async (openid: string, over: Record<string, unknown> = {}) => {
    const d = await draft(openid, over);
    return h.ok<ProposalDetail>(openid, 'proposals.submit', { proposalId: d.id });
  };

  describe('drafting and submitting', () => {
    it('keeps one draft per device draft id, and ignores an older save arriving late', async () => {
      const base = {
        clientDraftId: 'device-draft-0001',
        category: '教育',
        cause: '',
        suggestion: '',
      };
      const a = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
        ...base,
        revision: 2,
        title: '第二稿标题',
      });
      const b = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
        ...base,
        revision: 1,
        title: '第一稿标题',
      });
      expect(b.id).toBe(a.id);
      expect(b.title).toBe('第二稿标题');
      expect(await h.store.count('proposals')).toBe(1);
    });

    it('refuses an incomplete submission, naming the fields', async () => {
      const d = await draft('demo-member-01', { cause: '太短' });
      const error = await h.err('demo-member-01', 'proposals.submit', { proposalId: d.id });
      expect(error).toMatchObject({ code: 'PROPOSAL.INCOMPLETE', details: { fields: ['cause'] } });
    });

    it('submits once when the submission is retried after a timeout', async () => {
      const d = await draft('demo-member-01');
      const first = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: d.id,
      });
      const again = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: d.id,
      });
      expect(again).toMatchObject({ id: first.id, status: 'submitted', version: first.version });
      expect(await h.store.count('proposals')).toBe(1);
      expect(await h.store.count('point_entries', { event: 'proposal.submitted' })).toBe(1);
    });

    it('refuses edits after submission', async () => {
      const p = await submitted('demo-member-01');
      const error = await h.err('demo-member-01', 'proposals.saveDraft', {
        clientDraftId: `draft-demo-member-01-${n}`,
        revision: 9,
        title: '改了',
        cause: CAUSE,
        suggestion: SUGGESTION,
      });
      expect(error.code).toBe('PROPOSAL.NOT_EDITABLE');
      expect(
        (await h.ok<ProposalDetail>('demo-member-01', 'proposals.get', { proposalId: p.id })).title,
      ).toBe('关于加快老旧小区加装电梯的建议');
    });

    it('never shows another member a draft or an unaccepted proposal', async () => {
      const d = await draft('demo-member-01');
      expect((await h.err('demo-member-02', 'proposals.get', { proposalId: d.id })).code).toBe(
        'PROPOSAL.NOT_FOUND',
      );
      const p = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: d.id,
      });
      expect((await h.err('demo-member-02', 'proposals.get', { proposalId: p.id })).code).toBe(
        'PROPOSAL.NOT_FOUND',
      );
      await h.ok('demo-staff', 'proposals.accept', { proposalId: p.id, version: p.version });
      expect(
        (await h.ok<ProposalDetail>('demo-member-02', 'proposals.get', { proposalId: p.id }))
          .number,
      ).toBe('2026-0001');
      const pub = await h.ok<Page<ProposalSummary>>('demo-member-02', 'proposals.listPublic', {
        keyword: '电梯',
      });
      expect(pub.items.map((x) => x.id)).toEqual([p.id]);
      const byNumber = await h.ok<Page<ProposalSummary>>('demo-member-02', 'proposals.listPublic', {
        keyword: '2026-1',
      });
      expect(byNumber.items.map((x) => x.number)).toEqual(['2026-0001']);
    });

    it('lets staff enter a member’s paper proposal (代录), which the member confirms', async () => {
      const d = await h.ok<ProposalDetail>('demo-staff', 'proposals.saveDraft', {
        clientDraftId: 'staff-draft-0001',
        revision: 1,
        onBehalfOf: ids['demo-member-04'],
        title: '关于完善社区养老服务体系的建议',
        cause: CAUSE,
        suggestion: SUGGESTION,
      });
      const p = await h.ok<ProposalDetail>('demo-staff', 'proposals.submit', { proposalId: d.id });
      expect(p).toMatchObject({
        status: 'confirming',
        statusLabel: '待委员确认',
        leadId: ids['demo-member-04'],
        submittedByStaff: ids['demo-staff'],
        submittedAt: null,
      });
      expect(p.timeline[0]!.action).toBe('工作人员代录，待委员确认');
      // Not in the review queue, and nothing earned, until the member confirms.
      expect(await h.store.count('duty_events', { memberId: ids['demo-member-04']! })).toBe(0);
      const told = await h.store.find<{ _id: string; memberId: string; link: string }>('outbox', {
        where: { kind: 'proposal.entry' },
      });
      expect(told).toEqual([
        expect.objectContaining({
          memberId: ids['demo-member-04'],
          link: `/pages/proposals/detail/index?id=${p.id}`,
        }),
      ]);
      const seen = await h.ok<ProposalDetail>('demo-member-04', 'proposals.get', {
        proposalId: p.id,
      });
      expect(seen.can).toMatchObject({ confirmEntry: true, edit: false });
      expect(
        (
          await h.err('demo-member-01', 'proposals.confirmEntry', {
            proposalId: p.id,
            accept: true,
          })
        ).code,
      ).toBe('PROPOSAL.NOT_FOUND');

      const ok = await h.ok<ProposalDetail>('demo-member-04', 'proposals.confirmEntry', {
        proposalId: p.id,
        accept: true,
      });
      expect(ok).toMatchObject({ status: 'submitted', can: { confirmEntry: false } });
      expect(ok.submittedAt).not.toBeNull();
      expect(ok.timeline.map((t) => t.action)).toEqual([
        '工作人员代录，待委员确认',
        '委员确认代录的提案',
      ]);
      expect(await h.store.count('duty_events', { memberId: ids['demo-member-04']! })).toBe(1);
      expect(
        (
          await h.err('demo-member-04', 'proposals.confirmEntry', {
            proposalId: p.id,
            accept: true,
          })
        ).code,
      ).toBe('PROPOSAL.WRONG_STATE');
      expect(
        (
          await h.err('demo-member-01', 'proposals.saveDraft', {
            clientDraftId: 'member-behalf-01',
            revision: 1,
            onBehalfOf: ids['demo-member-04'],
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
    });

    it('takes a 代录 back to the office when the member returns it, and lets staff confirm for a member without a phone', async () => {
      const entered = async (n: number) => {
        const d = await h.ok<ProposalDetail>('demo-staff', 'proposals.saveDraft', {
          clientDraftId: `staff-draft-000${n}`,
          revision: 1,
          onBehalfOf: ids['demo-member-04'],
          title: `关于完善社区养老服务体系的建议（${n}）`,
          cause: CAUSE,
          suggestion: SUGGESTION,
        });
        return h.ok<ProposalDetail>('demo-staff', 'proposals.submit', { proposalId: d.id });
      };
      const a = await entered(2);
      expect(
        (
          await h.err('demo-member-04', 'proposals.confirmEntry', {
            proposalId: a.id,
            accept: false,
          })
        ).message,
      ).toBe('请说明退回的原因');
      const back = await h.ok<ProposalDetail>('demo-member-04', 'proposals.confirmEntry', {
        proposalId: a.id,
        accept: false,
        note: '建议部分漏了第三条',
      });
      expect(back).toMatchObject({ status: 'draft' });
      expect(await h.store.find('outbox', { where: { kind: 'proposal.entryReturned' } })).toEqual([
        expect.objectContaining({
          memberId: ids['demo-staff'],
          body: expect.stringContaining('建议部分漏了第三条'),
        }),
      ]);

      const b = await entered(3);
      expect(
        (await h.err('demo-staff', 'proposals.confirmEntry', { proposalId: b.id, accept: true }))
          .message,
      ).toBe('请说明委员是如何确认的');
      expect(
        (
          await h.err('demo-staff', 'proposals.confirmEntry', {
            proposalId: b.id,
            accept: false,
            note: '不要了',
          })
        ).code,
      ).toBe('PROPOSAL.WRONG_STATE');
      const done = await h.ok<ProposalDetail>('demo-staff', 'proposals.confirmEntry', {
        proposalId: b.id,
        accept: true,
        note: '委员无智能手机，已电话确认',
      });
      expect(done.status).toBe('submitted');
      expect(done.timeline.at(-1)).toMatchObject({
        action: '工作人员代委员确认',
        note: '委员无智能手机，已电话确认',
      });
    });
  });

  describe('joint proposals', () => {
    it('waits for co-signers, then goes to review with shared points', async () => {
      const p = await submitted('demo-member-01', {
        coSignerIds: [ids['demo-member-02'], ids['demo-member-04']],
      });
      expect(p).toMatchObject({ status: 'cosigning', kind: 'joint' });
      expect(await h.store.count('outbox', { kind: 'proposal.cosign' })).toBe(2);
      const invites = await h.ok<Page<ProposalSummary>>(
        'demo-member-02',
        'proposals.listCoSignInvitations',
        {},
      );
      expect(invites.items.map((x) => x.id)).toEqual([p.id]);
      await h.ok('demo-member-02', 'proposals.respondCoSign', { proposalId: p.id, accept: true });
      const done = await h.ok<ProposalDetail>('demo-member-04', 'proposals.respondCoSign', {
        proposalId: p.id,
        accept: false,
      });
      expect(done.status).toBe('submitted');
      expect(done.coSigners.map((c) => c.status)).toEqual(['confirmed', 'declined']);
      const entries = await h.store.find<EntryDoc>('point_entries', {
        where: { event: 'proposal.submitted' },
      });
      expect(entries.map((e) => [e.memberId, e.points]).sort()).toEqual(
        [
          [ids['demo-member-01'], 25],
          [ids['demo-member-02'], 25],
        ].sort(),
      );
    });

    it('drops co-signers who did not confirm by the deadline, and refuses them after it', async () => {
      const p = await submitted('demo-member-01', { coSignerIds: [ids['demo-member-02']] });
      h.clock.advance(8 * 86_400_000);
      expect(
        (
          await h.err('demo-member-02', 'proposals.respondCoSign', {
            proposalId: p.id,
            accept: true,
          })
        ).code,
      ).toBe('PROPOSAL.COSIGN_CLOSED');
      await h.ok('demo-staff', 'proposals.reviewQueue', {});
      const after = await h.ok<ProposalDetail>('demo-member-01', 'proposals.get', {
        proposalId: p.id,
      });
      expect(after).toMatchObject({ status: 'submitted', kind: 'individual' });
      expect(after.coSigners[0]!.status).toBe('dropped');
      expect(
        (
          await h.err('demo-member-05', 'proposals.respondCoSign', {
            proposalId: p.id,
            accept: true,
          })
        ).code,
      ).toBe('PROPOSAL.NOT_COSIGNER');
    });

    it('refuses the lead as their own co-signer, and unknown members', async () => {
      expect(
        (
          await h.err('demo-member-01', 'proposals.saveDraft', {
            clientDraftId: 'self-cosign-01',
            revision: 1,
            coSignerIds: [ids['demo-member-01']],
          })
        ).code,
      ).toBe('PROPOSAL.COSIGNER_INVALID');
      expect(
        (
          await h.err('demo-member-01', 'proposals.saveDraft', {
            clientDraftId: 'ghost-cosign-01',
            revision: 1,
            coSignerIds: ['m_ghost'],
          })
        ).code,
      ).toBe('PROPOSAL.COSIGNER_INVALID');
    });
  });

  describe('review', () => {
    it('refuses a member reviewing', async () => {
      const p = await submitted('demo-member-01');
      expect(
        (
          await h.err('demo-member-02', 'proposals.accept', {
            proposalId: p.id,
            version: p.version,
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
      expect((await h.err('demo-member-01', 'proposals.reviewQueue', {})).code).toBe(
        'AUTH.FORBIDDEN',
      );
    });

    it('numbers 50 proposals accepted in parallel 1..50 with no repeat or gap', async () => {
      const ps = [];
      for (let i = 0; i < 50; i++)
        ps.push(
          await submitted(`demo-member-${String((i % 30) + 4).padStart(2, '0')}`, {
            title: `关于第${i}项民生实事的建议`,
          }),
        );
      await Promise.all(
        ps.map((p) =>
          h.ok('demo-staff', 'proposals.accept', { proposalId: p.id, version: p.version }),
        ),
      );
      const numbers = (
        await h.store.find<{ _id: string; number: string }>('proposals', {
          where: { status: 'accepted' },
        })
      )
        .map((p) => p.number)
        .sort();
      expect(numbers).toEqual(
        Array.from({ length: 50 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`),
      );
    });

    it('lets one of two staff reviewing at once win; the other gets a clear conflict', async () => {
      const p = await submitted('demo-member-01');
      const [a, b] = await Promise.all([
        h.call('demo-staff', 'proposals.accept', { proposalId: p.id, version: p.version }),
        h.call('demo-admin', 'proposals.reject', {
          proposalId: p.id,
          version: p.version,
          reason: '不属于提案范围',
        }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'STORE.CONFLICT' } });
    });

    it('rejects with a reason the proposer is told', async () => {
      const p = await submitted('demo-member-01');
      const r = await h.ok<ProposalDetail>('demo-staff', 'proposals.reject', {
        proposalId: p.id,
        version: p.version,
        reason: '属于个人诉求，建议通过信访渠道反映',
      });
      expect(r).toMatchObject({
        status: 'rejected',
        reviewReason: '属于个人诉求，建议通过信访渠道反映',
      });
      expect(await h.store.count('outbox', { kind: 'proposal.review' })).toBe(1);
      const mine = async (status: string) =>
        (
          await h.ok<Page<ProposalSummary>>('demo-member-01', 'proposals.listMine', { status })
        ).items.map((x) => x.id);
      expect(await mine('closed')).toEqual([p.id]);
      expect(await mine('active')).toEqual([]);
      expect(
        (await h.err('demo-staff', 'proposals.accept', { proposalId: p.id, version: r.version }))
          .code,
      ).toBe('PROPOSAL.WRONG_STATE');
    });

    it('converts to an opinion report only with the proposer’s consent', async () => {
      const p = await submitted('demo-member-01');
      const c = await h.ok<ProposalDetail>('demo-staff', 'proposals.proposeConversion', {
        proposalId: p.id,
        version: p.version,
        reason: '内容适合以社情民意形式反映',
      });
      expect(c.status).toBe('converting');
      expect(
        (
          await h.err('demo-member-02', 'proposals.consentConversion', {
            proposalId: p.id,
            consent: true,
          })
        ).code,
      ).toBe('PROPOSAL.NOT_FOUND');
      const done = await h.ok<ProposalDetail>('demo-member-01', 'proposals.consentConversion', {
        proposalId: p.id,
        consent: true,
      });
      expect(done.status).toBe('converted');
      const opinion = await h.store.get<{ _id: string; body: string; fromProposalId: string }>(
        'opinions',
        done.convertedTo!,
      );
      expect(opinion).toMatchObject({ fromProposalId: p.id });
      expect(opinion!.body).toContain(CAUSE);
    });

    it('merges similar proposals, keeping the originals and their authors', async () => {
      const target = await submitted('demo-member-01');
      const accepted = await h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
        proposalId: target.id,
        version: target.version,
      });
      const dup = await submitted('demo-member-02', {
        title: '关于推进老旧小区加装电梯工作的建议',
        coSignerIds: [],
      });
      const merged = await h.ok<ProposalDetail>('demo-staff', 'proposals.merge', {
        targetId: accepted.id,
        sourceIds: [dup.id],
        reason: '内容相近，并案办理',
      });
      expect(merged.mergedFrom).toEqual([{ id: dup.id, title: dup.title, leadName: dup.leadName }]);
      const original = await h.ok<ProposalDetail>('demo-member-02', 'proposals.get', {
        proposalId: dup.id,
      });
      expect(original).toMatchObject({
        status: 'merged',
        mergedInto: { id: accepted.id, number: '2026-0001' },
        leadId: ids['demo-member-02'],
      });
      expect(
        await h.store.count('point_entries', {
          memberId: ids['demo-member-02']!,
          event: 'proposal.accepted.lead',
        }),
      ).toBe(1);
      expect(
        await h.store.count('outbox', {
          kind: 'proposal.review',
          memberId: ids['demo-member-02']!,
        }),
      ).toBe(1);
    });

    it('shows members only public proposals (and their own) as similar ones', async () => {
      const mine = await submitted('demo-member-01');
      const theirs = await submitted('demo-member-02', { title: '关于推进老旧小区加装电梯的建议' });
      const query = { title: '关于老旧小区加装电梯的建议', text: CAUSE };
      const seen = async (openid: string) =>
        (
          await h.ok<{ items: SimilarProposal[] }>(openid, 'proposals.findSimilar', query)
        ).items.map((x) => x.id);
      expect(await seen('demo-member-01')).toEqual([mine.id]);
      expect((await seen('demo-staff')).sort()).toEqual([mine.id, theirs.id].sort());
      await h.ok('demo-staff', 'proposals.accept', {
        proposalId: theirs.id,
        version: theirs.version,
      });
      expect((await seen('demo-member-01')).sort()).toEqual([mine.id, theirs.id].sort());
    });

    it('shows similar proposals in the review queue', async () => {
      const a = await submitted('demo-member-01');
      await h.ok('demo-staff', 'proposals.accept', { proposalId: a.id, version: a.version });
      await submitted('demo-member-02', { title: '关于老旧小区加装电梯的几点建议' });
      const queue = await h.ok<Page<ProposalSummary & { similar: SimilarProposal[] }>>(
        'demo-staff',
        'proposals.reviewQueue',
        {},
      );
      expect(queue.items[0]!.similar[0]).toMatchObject({ id: a.id, number: '2026-0001' });
    });
  });
});
