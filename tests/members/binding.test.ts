import type { InviteCode, MyProfile, RosterEntry } from '../../typings/contracts/members';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';

describe('binding a WeChat account to the roster', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  const unbound = () => h.seed.inviteCodes[0]!;
  const memberByPhone = async (phone: string) =>
    (await h.store.find<MemberDoc>('members', { where: { phone } }))[0]!;

  describe('members.bindByInviteCode', () => {
    it('binds a new account by the code, after which the member is recognised', async () => {
      const { code, name } = unbound();
      expect((await h.err('wx-new', 'members.getMyProfile')).code).toBe('AUTH.NOT_BOUND');
      const profile = await h.ok<MyProfile>('wx-new', 'members.bindByInviteCode', {
        code: code.toLowerCase().replace(/(....)/, '$1-'),
      });
      expect(profile.name).toBe(name);
      expect((await h.ok<MyProfile>('wx-new', 'members.getMyProfile')).name).toBe(name);
    });

    it('refuses an unknown code', async () => {
      expect((await h.err('wx-new', 'members.bindByInviteCode', { code: 'ZZZZZZZZ' })).code).toBe(
        'BIND.CODE_UNKNOWN',
      );
    });

    it('refuses a malformed code before looking it up', async () => {
      expect((await h.err('wx-new', 'members.bindByInviteCode', { code: 'abc' })).code).toBe(
        'REQUEST.INVALID',
      );
      expect(
        (await h.err('wx-new', 'members.bindByInviteCode', { code: "' OR 1=1 --" })).code,
      ).toBe('REQUEST.INVALID');
    });

    it('refuses a code used by someone else, but lets its user retry', async () => {
      const { code } = unbound();
      await h.ok('wx-new', 'members.bindByInviteCode', { code });
      expect((await h.ok<MyProfile>('wx-new', 'members.bindByInviteCode', { code })).name).toBe(
        unbound().name,
      );
      expect((await h.err('wx-other', 'members.bindByInviteCode', { code })).code).toBe(
        'BIND.CODE_USED',
      );
    });

    it('refuses an expired code', async () => {
      h.clock.advance(31 * 86_400_000);
      expect(
        (await h.err('wx-new', 'members.bindByInviteCode', { code: unbound().code })).code,
      ).toBe('BIND.CODE_EXPIRED');
    });

    it('refuses a code replaced by a newer one', async () => {
      const member = await memberByPhone(unbound().phone);
      const fresh = await h.ok<InviteCode>('demo-staff', 'members.issueInviteCode', {
        memberId: member._id,
      });
      expect(
        (await h.err('wx-new', 'members.bindByInviteCode', { code: unbound().code })).code,
      ).toBe('BIND.CODE_REVOKED');
      await h.ok('wx-new', 'members.bindByInviteCode', { code: fresh.code });
    });

    it('refuses to bind an account that is already bound to someone else', async () => {
      expect(
        (await h.err('demo-member-01', 'members.bindByInviteCode', { code: unbound().code })).code,
      ).toBe('BIND.ALREADY_BOUND');
    });

    it('throttles guessing after ten unknown codes an hour', async () => {
      for (let i = 0; i < 10; i++)
        await h.err('wx-guess', 'members.bindByInviteCode', { code: `GUESSXY${'ABCDEFGHJK'[i]}` });
      expect(
        (await h.err('wx-guess', 'members.bindByInviteCode', { code: unbound().code })).code,
      ).toBe('BIND.TOO_MANY_ATTEMPTS');
      h.clock.advance(3_600_000);
      await h.ok('wx-guess', 'members.bindByInviteCode', { code: unbound().code });
    });

    it('counts guesses sent at once one after another: ten get through, the rest are refused', async () => {
      const guesses = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          h.call('wx-burst', 'members.bindByInviteCode', {
            code: `BURSTX${'ABCDEFGHJKLMNPQR'[i]}Z`,
          }),
        ),
      );
      const codes = guesses.map((r) => (r.ok ? 'ok' : r.error.code));
      expect(codes.filter((c) => c === 'BIND.CODE_UNKNOWN')).toHaveLength(10);
      expect(codes.filter((c) => c === 'BIND.TOO_MANY_ATTEMPTS')).toHaveLength(6);
    });

    it('binds exactly one of two accounts racing for the same code', async () => {
      const { code } = unbound();
      const results = await Promise.all([
        h.call('wx-a', 'members.bindByInviteCode', { code }),
        h.call('wx-b', 'members.bindByInviteCode', { code }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'BIND.CODE_USED' } });
    });
  });

  describe('members.bindByPhone', () => {
    it('binds by the phone number WeChat vouches for', async () => {
      const { phone, name } = unbound();
      const profile = await h.ok<MyProfile>('wx-new', 'members.bindByPhone', {
        phoneCode: `dev-phone:${phone}`,
      });
      expect(profile).toMatchObject({ name, phone });
    });

    it('refuses a phone that is not on the roster', async () => {
      expect(
        (await h.err('wx-new', 'members.bindByPhone', { phoneCode: 'dev-phone:13712345678' })).code,
      ).toBe('BIND.PHONE_NOT_ON_ROSTER');
    });

    it('refuses an invalid or expired phone code', async () => {
      expect((await h.err('wx-new', 'members.bindByPhone', { phoneCode: 'not-a-code' })).code).toBe(
        'BIND.PHONE_CODE_INVALID',
      );
    });

    it('refuses a roster entry already bound to another account', async () => {
      expect(
        (await h.err('wx-new', 'members.bindByPhone', { phoneCode: 'dev-phone:13800000001' })).code,
      ).toBe('BIND.MEMBER_TAKEN');
    });

    it('refuses a phone shared by two roster entries', async () => {
      const other = await memberByPhone(unbound().phone);
      await h.store.insert<MemberDoc>('members', { ...other, _id: 'm_twin', name: '同号人' });
      expect(
        (
          await h.err('wx-new', 'members.bindByPhone', {
            phoneCode: `dev-phone:${unbound().phone}`,
          })
        ).code,
      ).toBe('BIND.PHONE_AMBIGUOUS');
    });
  });

  describe('members.unbind', () => {
    it('lets staff release a binding with a reason, audited; the member can bind again', async () => {
      const member = (
        await h.ok<{ items: RosterEntry[] }>('demo-staff', 'members.listRoster', {
          keyword: h.seed.accounts[0]!.name,
        })
      ).items[0]!;
      const after = await h.ok<RosterEntry>('demo-staff', 'members.unbind', {
        memberId: member.id,
        reason: '更换手机',
      });
      expect(after.bound).toBe(false);
      expect((await h.err('demo-member-01', 'members.getMyProfile')).code).toBe('AUTH.NOT_BOUND');
      const log = await h.ok<{
        items: Array<{
          action: string;
          reason: string;
          before: unknown;
          after: unknown;
          actorName: string;
        }>;
      }>('demo-staff', 'members.listAuditLog', { targetId: member.id });
      expect(log.items[0]).toMatchObject({
        action: 'members.unbind',
        reason: '更换手机',
        actorName: '办公室小周',
        before: { openid: 'demo-member-01' },
        after: { openid: null },
      });
      const code = await h.ok<InviteCode>('demo-staff', 'members.issueInviteCode', {
        memberId: member.id,
      });
      await h.ok('wx-newphone', 'members.bindByInviteCode', { code: code.code });
      expect((await h.ok<MyProfile>('wx-newphone', 'members.getMyProfile')).id).toBe(member.id);
    });

    it('refuses members and unbound entries', async () => {
      const target = await memberByPhone('13800000002');
      expect(
        (
          await h.err('demo-member-01', 'members.unbind', {
            memberId: target._id,
            reason: '测试原因',
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
      const free = await memberByPhone(unbound().phone);
      expect(
        (await h.err('demo-staff', 'members.unbind', { memberId: free._id, reason: '测试原因' }))
          .code,
      ).toBe('BIND.NOT_BOUND');
      expect(
        (await h.err('demo-staff', 'members.unbind', { memberId: 'm_nobody', reason: '测试原因' }))
          .code,
      ).toBe('MEMBER.NOT_FOUND');
    });
  });

  describe('members.issueInviteCode', () => {
    it('returns the same code when a request is retried', async () => {
      const member = await memberByPhone(unbound().phone);
      const a = await h.ok<InviteCode>(
        'demo-staff',
        'members.issueInviteCode',
        { memberId: member._id },
        'retry-key-0001',
      );
      const b = await h.ok<InviteCode>(
        'demo-staff',
        'members.issueInviteCode',
        { memberId: member._id },
        'retry-key-0001',
      );
      expect(b.code).toBe(a.code);
      expect(await h.store.count('invite_codes', { memberId: member._id, revokedAt: null })).toBe(
        1,
      );
    });

    it('refuses a member caller and a bound entry', async () => {
      const free = await memberByPhone(unbound().phone);
      expect(
        (await h.err('demo-member-01', 'members.issueInviteCode', { memberId: free._id })).code,
      ).toBe('AUTH.FORBIDDEN');
      const bound = await memberByPhone('13800000001');
      expect(
        (await h.err('demo-staff', 'members.issueInviteCode', { memberId: bound._id })).code,
      ).toBe('BIND.MEMBER_TAKEN');
    });
  });
});
