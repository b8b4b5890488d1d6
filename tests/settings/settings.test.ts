import type { Page } from '../../typings/contracts/envelope';
import type { OpinionDetail } from '../../typings/contracts/opinions';
import type { ProposalDetail } from '../../typings/contracts/proposals';
import {
  DEFAULT_SETTINGS,
  type SettingsBody,
  type SettingsVersionSummary,
  type SettingsView,
} from '../../typings/contracts/settings';
import type { AuditDoc } from '../../cloudfunctions/kernel/audit';
import { currentSettings } from '../../cloudfunctions/modules/settings';
import { makeHarness, type Harness } from '../support/harness';
import { plenaryBody } from '../meetings/support';
import type { MeetingDetail } from '../../typings/contracts/meetings';

const CAUSE =
  '近年来我区老旧小区居民老龄化程度不断加深，许多高龄老人上下楼困难，加装电梯的需求十分迫切。';
const SUGGESTION =
  '建议区政府统筹财政补贴，简化加装电梯审批流程，建立业主协商机制，并明确后期维护责任主体。';
const OPINION_BODY =
  '近期多名家长反映，城区部分学校周边上下学时段交通拥堵严重，人车混行，存在较大安全隐患。建议交警部门在上下学高峰时段增派警力，设置护学岗和临时停车区。';
const DAY = 86_400_000;

/** The defaults with some sections changed. */
function edited(change: (s: SettingsBody) => void): SettingsBody {
  const s = structuredClone(DEFAULT_SETTINGS);
  change(s);
  return s;
}

describe('committee settings', () => {
  let h: Harness;
  let n = 0;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  const update = (version: number, settings: SettingsBody, requestId?: string) =>
    h.call<SettingsView>(
      'demo-admin',
      'settings.update',
      { version, settings, note: '按本会办法调整' },
      requestId,
    );
  const publish = async (change: (s: SettingsBody) => void) => {
    const current = await h.ok<SettingsView>('demo-admin', 'settings.get', {});
    const res = await update(current.version, edited(change));
    if (!res.ok) throw new Error(res.error.code);
    return res.data;
  };
  const draft = (over: Record<string, unknown> = {}) =>
    h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: `settings-draft-${++n}`,
      revision: 1,
      title: '关于加快老旧小区加装电梯的建议',
      category: '城乡建设',
      cause: CAUSE,
      suggestion: SUGGESTION,
      ...over,
    });
  const memberId = async (openid: string) =>
    (await h.store.find<{ _id: string }>('members', { where: { openid } }))[0]!._id;

  describe('settings.get', () => {
    it('answers the built-in defaults to any member while nothing is published', async () => {
      const s = await h.ok<SettingsView>('demo-member-01', 'settings.get', {});
      expect(s).toMatchObject({ version: 0, updatedBy: null, ...DEFAULT_SETTINGS });
      expect(s.proposals).toMatchObject({ coSignDays: 7, objectionDays: 7, handlingMonths: 3 });
      expect(s.proposals.replyClasses.map((c) => c.code)).toEqual(['A', 'B', 'C']);
      expect((await currentSettings(h.store)).version).toBe(0);
    });

    it('refuses a caller who is not bound', async () => {
      expect((await h.err('stranger', 'settings.get', {})).code).toBe('AUTH.NOT_BOUND');
    });
  });

  describe('settings.update', () => {
    it('writes an immutable version, moves the head and audits it in one go', async () => {
      const v1 = await publish((s) => (s.proposals.objectionDays = 10));
      expect(v1).toMatchObject({
        version: 1,
        updatedBy: expect.any(String),
        note: '按本会办法调整',
      });
      const v2 = await publish((s) => {
        s.proposals.objectionDays = 10;
        s.posts.publishing = 'afterReview';
      });
      expect(v2.version).toBe(2);
      expect(await h.store.get('settings', 'committee')).toMatchObject({ version: 2 });
      expect(await h.store.get('settings_versions', '1')).toMatchObject({
        version: 1,
        body: { proposals: { objectionDays: 10 }, posts: { publishing: 'afterCheck' } },
        changed: ['proposals'],
      });
      const seen = await h.ok<SettingsView>('demo-member-01', 'settings.get', {});
      expect(seen).toMatchObject({ version: 2, posts: { publishing: 'afterReview' } });
      const audits = await h.store.find<AuditDoc>('audit_log', {
        where: { action: 'settings.update' },
        orderBy: [['at', 'asc']],
      });
      expect(audits.map((a) => [a.targetId, a.before, a.after])).toEqual([
        [
          '1',
          { version: 0, proposals: DEFAULT_SETTINGS.proposals },
          { version: 1, proposals: { ...DEFAULT_SETTINGS.proposals, objectionDays: 10 } },
        ],
        [
          '2',
          { version: 1, posts: DEFAULT_SETTINGS.posts },
          { version: 2, posts: { ...DEFAULT_SETTINGS.posts, publishing: 'afterReview' } },
        ],
      ]);
      const history = await h.ok<Page<SettingsVersionSummary>>(
        'demo-admin',
        'settings.getHistory',
        {},
      );
      expect(history.items.map((x) => [x.version, x.changed])).toEqual([
        [2, ['posts']],
        [1, ['proposals']],
      ]);
    });

    it('answers a retry with the same request id as the first attempt, publishing once', async () => {
      const body = edited((s) => (s.proposals.coSignDays = 10));
      const first = await update(0, body, 'settings-request-0001');
      const again = await update(0, body, 'settings-request-0001');
      expect(first).toMatchObject({ ok: true, data: { version: 1 } });
      expect(again).toMatchObject({ ok: true, data: { version: 1 } });
      expect(await h.store.count('settings_versions')).toBe(1);
      expect(await h.store.count('audit_log', { action: 'settings.update' })).toBe(1);
    });

    it('refuses a stale version with STORE.CONFLICT and changes nothing', async () => {
      await publish((s) => (s.proposals.coSignDays = 10));
      const res = await update(
        0,
        edited((s) => (s.proposals.coSignDays = 5)),
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'STORE.CONFLICT' } });
      expect((await currentSettings(h.store)).body.proposals.coSignDays).toBe(10);
      expect(await h.store.count('settings_versions')).toBe(1);
    });

    it('refuses settings equal to those in force', async () => {
      const res = await update(0, structuredClone(DEFAULT_SETTINGS));
      expect(res).toMatchObject({ ok: false, error: { code: 'SETTINGS.UNCHANGED' } });
    });

    it('is for admins only: a member or staff gets AUTH.FORBIDDEN', async () => {
      for (const openid of ['demo-member-01', 'demo-staff']) {
        const err = await h.err(openid, 'settings.update', {
          version: 0,
          settings: edited((s) => (s.proposals.coSignDays = 10)),
        });
        expect(err.code).toBe('AUTH.FORBIDDEN');
        expect((await h.err(openid, 'settings.getHistory', {})).code).toBe('AUTH.FORBIDDEN');
      }
      expect(await h.store.count('settings_versions')).toBe(0);
    });

    it.each([
      ['a handling time beyond its maximum', (s: SettingsBody) => (s.proposals.handlingMonths = 7)],
      [
        'a maximum shorter than the handling time',
        (s: SettingsBody) => (s.proposals.maxHandlingMonths = 2),
      ],
      ['a proposal text beyond the hard limit', (s: SettingsBody) => (s.proposals.bodyMax = 3000)],
      [
        'duplicate reply classes',
        (s: SettingsBody) => s.proposals.replyClasses.push({ code: 'A', label: '重复的类别' }),
      ],
      ['no categories', (s: SettingsBody) => (s.proposals.categories = [])],
      [
        'a window that closes before it opens',
        (s: SettingsBody) =>
          (s.proposals.plenaryWindows = [
            { year: 2026, opensAt: '2026-03-01T00:00:00Z', closesAt: '2026-01-01T00:00:00Z' },
          ]),
      ],
      [
        'an opinion minimum above its maximum',
        (s: SettingsBody) => {
          s.opinions.bodyMax = 300;
          s.opinions.bodyMin = 400;
        },
      ],
    ])('refuses %s with REQUEST.INVALID', async (_, change) => {
      const body = edited(change);
      const res = await update(0, body);
      expect(res).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
    });

    it('refuses an unknown field and a wrong publishing mode', async () => {
      const body = { ...DEFAULT_SETTINGS, posts: { publishing: 'never' } };
      expect(
        (await h.err('demo-admin', 'settings.update', { version: 0, settings: body })).code,
      ).toBe('REQUEST.INVALID');
      const extra = { ...DEFAULT_SETTINGS, extra: 1 };
      expect(
        (await h.err('demo-admin', 'settings.update', { version: 0, settings: extra })).code,
      ).toBe('REQUEST.INVALID');
    });

    it('sets the order of lists of people: pinyin (the default) or surname strokes', async () => {
      expect(DEFAULT_SETTINGS.members).toEqual({ order: 'pinyin' });
      const after = await publish((s) => (s.members.order = 'strokes'));
      expect(after.members).toEqual({ order: 'strokes' });
      const history = await h.ok<Page<SettingsVersionSummary>>(
        'demo-admin',
        'settings.getHistory',
        {},
      );
      expect(history.items[0]!.changed).toEqual(['members']);
      const wrong = await h.err('demo-admin', 'settings.update', {
        version: after.version,
        settings: { ...DEFAULT_SETTINGS, members: { order: 'alphabet' } },
      });
      expect(wrong).toMatchObject({ code: 'REQUEST.INVALID' });
      expect(JSON.stringify(wrong.details)).toContain('请选择名单排序方式');
    });

    it('takes a body sent without the order (an older form) as pinyin', async () => {
      const { members: _members, ...older } = edited((s) => (s.meetings.checkInAfterMinutes = 20));
      const res = await h.call<SettingsView>('demo-admin', 'settings.update', {
        version: 0,
        settings: older,
      });
      expect(res).toMatchObject({ ok: true, data: { members: { order: 'pinyin' } } });
    });

    it('reads pinyin from a version published before the order existed', async () => {
      const { members: _members, ...body } = edited((s) => (s.proposals.coSignDays = 10));
      const doc = {
        _id: '1',
        version: 1,
        body,
        updatedAt: '2025-12-01T00:00:00.000Z',
        updatedBy: '系统管理员',
        updatedById: 'm_admin',
        note: null,
        changed: ['proposals'],
      };
      await h.store.insert('settings_versions', doc);
      await h.store.insert('settings', { _id: 'committee', version: 1, current: doc });
      expect((await currentSettings(h.store)).body.members).toEqual({ order: 'pinyin' });
      expect((await h.ok<SettingsView>('demo-member-01', 'settings.get', {})).members).toEqual({
        order: 'pinyin',
      });
    });
  });

  describe('what a change applies to', () => {
    it('gives a new meeting the settings’ check-in window, and an edit keeps the one it has', async () => {
      const before = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', plenaryBody());
      expect(before.checkInWindow).toEqual({ beforeMinutes: 60, afterMinutes: 30 });
      await publish((x) => {
        x.meetings.checkInBeforeMinutes = 45;
        x.meetings.checkInAfterMinutes = 15;
      });
      const after = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', plenaryBody());
      expect(after.checkInWindow).toEqual({ beforeMinutes: 45, afterMinutes: 15 });
      const edited = await h.ok<MeetingDetail>('demo-staff', 'meetings.update', {
        meetingId: before.id,
        version: before.version,
        meeting: plenaryBody({ title: '区政协十五届三次全体会议（改期）' }),
      });
      expect(edited.checkInWindow).toEqual({ beforeMinutes: 60, afterMinutes: 30 });
    });

    it('gives a joint proposal submitted after the change the new co-sign days', async () => {
      const coSignerIds = [await memberId('demo-member-02')];
      const before = await draft({ coSignerIds });
      const b = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: before.id,
      });
      await publish((s) => (s.proposals.coSignDays = 10));
      const after = await draft({ coSignerIds });
      const a = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: after.id,
      });
      const days = (p: ProposalDetail) =>
        (Date.parse(p.coSignDeadline!) - Date.parse(p.submittedAt!)) / DAY;
      expect([days(b), b.settingsVersion]).toEqual([7, 0]);
      expect([days(a), a.settingsVersion]).toEqual([10, 1]);
      expect(
        (await h.ok<ProposalDetail>('demo-member-01', 'proposals.get', { proposalId: b.id }))
          .coSignDeadline,
      ).toBe(b.coSignDeadline);
    });

    it('makes a proposal submitted inside the plenary window a plenary proposal', async () => {
      const outside = await draft();
      const o = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: outside.id,
      });
      expect(o.plenary).toBe(false);
      const now = h.clock.now().getTime();
      await publish(
        (s) =>
          (s.proposals.plenaryWindows = [
            {
              year: 2026,
              opensAt: new Date(now - 60 * DAY).toISOString(),
              closesAt: new Date(now + 5 * DAY).toISOString(),
            },
          ]),
      );
      const inside = await draft();
      const i = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: inside.id,
      });
      expect(i).toMatchObject({ plenary: true, settingsVersion: 1 });
      h.clock.advance(6 * DAY);
      const late = await draft();
      expect(
        (await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', { proposalId: late.id }))
          .plenary,
      ).toBe(false);
    });

    it('refuses a proposal shorter than a raised minimum, and one over a lowered maximum', async () => {
      await publish((s) => {
        s.proposals.causeMin = 100;
        s.proposals.bodyMax = 500;
      });
      const short = await draft();
      const err = await h.err('demo-member-01', 'proposals.submit', { proposalId: short.id });
      expect(err).toMatchObject({ code: 'PROPOSAL.INCOMPLETE', details: { fields: ['cause'] } });
      expect(err.message).toContain('至少 100 字');
      const long = await draft({ cause: CAUSE.repeat(10), suggestion: SUGGESTION.repeat(2) });
      expect(
        (await h.err('demo-member-01', 'proposals.submit', { proposalId: long.id })).code,
      ).toBe('PROPOSAL.TOO_LONG');
    });

    it('refuses a category the settings do not list', async () => {
      await publish((s) => (s.proposals.categories = ['经济', '民生']));
      const d = await draft({ category: '城乡建设' });
      expect((await h.err('demo-member-01', 'proposals.submit', { proposalId: d.id })).code).toBe(
        'PROPOSAL.CATEGORY_INVALID',
      );
      const ok = await draft({ category: '民生' });
      expect(
        (await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', { proposalId: ok.id }))
          .status,
      ).toBe('submitted');
    });

    it('checks an opinion report against the settings and records their version', async () => {
      const save = (body: string, i: number) =>
        h.ok<OpinionDetail>('demo-member-01', 'opinions.saveDraft', {
          clientDraftId: `settings-opinion-${i}`,
          revision: 1,
          title: '关于校园周边交通安全的情况反映',
          body,
        });
      await publish((s) => (s.opinions.bodyMin = 100));
      const short = await save(OPINION_BODY, 1);
      expect((await h.err('demo-member-01', 'opinions.submit', { opinionId: short.id })).code).toBe(
        'OPINION.INCOMPLETE',
      );
      await publish((s) => (s.opinions.bodyMax = 300));
      const long = await save(OPINION_BODY.repeat(5), 2);
      expect((await h.err('demo-member-01', 'opinions.submit', { opinionId: long.id })).code).toBe(
        'OPINION.TOO_LONG',
      );
      const fine = await save(OPINION_BODY, 3);
      const done = await h.ok<OpinionDetail>('demo-member-01', 'opinions.submit', {
        opinionId: fine.id,
      });
      expect(done).toMatchObject({ status: 'submitted', settingsVersion: 2 });
    });

    it('checks a reply class and handling times against the settings', async () => {
      await publish((s) => {
        s.proposals.handlingMonths = 2;
        s.proposals.maxHandlingMonths = 3;
      });
      const d = await draft();
      let p = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
        proposalId: d.id,
      });
      p = await h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
        proposalId: p.id,
        version: p.version,
      });
      const unit = await h.ok<{ id: string }>('demo-staff', 'proposals.saveUnit', {
        name: '区交通运输局',
      });
      const assign = (version: number, deadlineDays?: number) =>
        h.call<ProposalDetail>('demo-staff', 'proposals.assign', {
          proposalId: p.id,
          version,
          mode: 'joint',
          units: [{ unitId: unit.id, role: 'lead' }],
          deadlineDays,
        });
      expect(await assign(p.version, 120)).toMatchObject({
        ok: false,
        error: { code: 'PROPOSAL.DEADLINE_LIMIT' },
      });
      const a = await assign(p.version);
      if (!a.ok) throw new Error(a.error.code);
      const h1 = a.data.handling!;
      expect((Date.parse(h1.deadline!) - Date.parse(h1.assignedAt!)) / DAY).toBe(61);
      const reply = (replyClass: string) =>
        h.call('demo-staff', 'proposals.recordReply', {
          proposalId: p.id,
          unitId: unit.id,
          replyClass,
          text: '我局已会同相关部门研究办理，现答复如下。',
        });
      expect(await reply('D')).toMatchObject({
        ok: false,
        error: { code: 'PROPOSAL.REPLY_CLASS_INVALID' },
      });
      expect(await reply('B')).toMatchObject({ ok: true });
    });
  });
});
