import {
  OPINION_STATUS_LABELS,
  type OpinionDetail,
  type OpinionStatus,
} from '../../typings/contracts/opinions';
import { allowed } from '../../cloudfunctions/kernel/lifecycle';
import {
  OPINION_LIFECYCLE,
  type OpinionAction,
  type OpinionRole,
} from '../../cloudfunctions/modules/opinions/lifecycle';
import type { OpinionDoc } from '../../cloudfunctions/modules/opinions/model';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  title: '关于校园周边交通安全的情况反映',
  body: '近期多名家长反映，城区部分学校周边上下学时段交通拥堵严重，人车混行，存在较大安全隐患。建议交警部门在上下学高峰时段增派警力，设置护学岗和临时停车区，学校错峰放学。',
};
const AUTHOR = 'demo-member-01';
const STAFF = 'demo-staff';
/** Each caller above, in the table's words. */
const ROLES: Record<string, OpinionRole[]> = {
  [AUTHOR]: ['author', 'writer'],
  [STAFF]: ['staff'],
};
type Flag = keyof OpinionDetail['can'];

let h: Harness;
let n = 0;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const read = async (id: string, as = AUTHOR) => {
  const res = await h.call<OpinionDetail>(as, 'opinions.get', { opinionId: id });
  return res.ok ? res.data : null;
};
const submitted = async () => {
  const d = await h.ok<OpinionDetail>(AUTHOR, 'opinions.saveDraft', {
    clientDraftId: `opinion-lifecycle-${++n}`,
    revision: 1,
    ...TEXT,
  });
  return h.ok<OpinionDetail>(AUTHOR, 'opinions.submit', { opinionId: d.id });
};
const decided = async (action: string, extra: object) => {
  const o = await submitted();
  return h.ok<OpinionDetail>(STAFF, `opinions.${action}`, {
    opinionId: o.id,
    version: o.version,
    ...extra,
  });
};

/** A new report in each status, reached through the commands. */
const REACH: Record<OpinionStatus, () => Promise<OpinionDetail>> = {
  draft: () =>
    h.ok(AUTHOR, 'opinions.saveDraft', {
      clientDraftId: `opinion-lifecycle-${++n}`,
      revision: 1,
      ...TEXT,
    }),
  // 代录: entered by staff for the author, waiting for the author to confirm.
  confirming: async () => {
    const d = await h.ok<OpinionDetail>(STAFF, 'opinions.saveDraft', {
      clientDraftId: `opinion-lifecycle-${++n}`,
      revision: 1,
      onBehalfOf: (await h.store.find<MemberDoc>('members', { where: { openid: AUTHOR } }))[0]!._id,
      ...TEXT,
    });
    return h.ok<OpinionDetail>(STAFF, 'opinions.submit', { opinionId: d.id });
  },
  submitted,
  adopted: () => decided('adopt', { issue: '2026 年第 5 期' }),
  declined: () => decided('decline', { reason: '内容已有报送' }),
};

/** One way to try an action: who calls which command, and how it answers a wrong state. */
type Probe = {
  as: string;
  action: string;
  payload: (o: OpinionDetail) => Promise<object> | object;
  /** Absent: outside its states the command replays quietly (a retry). */
  refusedWith?: { code: unknown; message?: string };
  flag?: Flag;
};
const WRONG = { code: 'OPINION.WRONG_STATE', message: '该信息当前状态不能进行此操作' };
const versioned = (o: OpinionDetail) => ({ opinionId: o.id, version: o.version });

const PROBES: Record<OpinionAction, Probe[]> = {
  edit: [
    {
      as: AUTHOR,
      action: 'opinions.saveDraft',
      payload: async (o) => ({
        clientDraftId: (await h.store.get<OpinionDoc>('opinions', o.id))!.clientDraftId,
        revision: 9,
        ...TEXT,
      }),
      refusedWith: { code: 'OPINION.NOT_EDITABLE' },
      flag: 'edit',
    },
  ],
  submit: [
    {
      as: AUTHOR,
      action: 'opinions.submit',
      payload: (o) => ({ opinionId: o.id }),
      flag: 'submit',
    },
  ],
  confirmEntry: [
    {
      as: AUTHOR,
      action: 'opinions.confirmEntry',
      payload: (o) => ({ opinionId: o.id, accept: true }),
      refusedWith: WRONG,
      flag: 'confirmEntry',
    },
    {
      as: STAFF,
      action: 'opinions.confirmEntry',
      payload: (o) => ({ opinionId: o.id, accept: true, note: '委员电话确认' }),
      // A member's own draft is not the office's to see at all.
      refusedWith: { code: expect.stringMatching(/^OPINION\.(WRONG_STATE|NOT_FOUND)$/) },
      flag: 'confirmEntry',
    },
  ],
  review: [
    {
      as: STAFF,
      action: 'opinions.edit',
      payload: (o) => ({ ...versioned(o), ...TEXT }),
      refusedWith: WRONG,
      flag: 'review',
    },
    {
      as: STAFF,
      action: 'opinions.adopt',
      payload: (o) => ({ ...versioned(o), issue: '2026 年第 6 期' }),
      refusedWith: WRONG,
      flag: 'review',
    },
    {
      as: STAFF,
      action: 'opinions.decline',
      payload: (o) => ({ ...versioned(o), reason: '内容已有报送' }),
      refusedWith: WRONG,
      flag: 'review',
    },
  ],
  forward: [
    {
      as: STAFF,
      action: 'opinions.forward',
      payload: (o) => ({ opinionId: o.id, level: 'city', adopted: true }),
      refusedWith: { code: WRONG.code, message: '信息须先被本会采用，才能向上报送' },
    },
  ],
  instruct: [
    {
      as: STAFF,
      action: 'opinions.recordInstruction',
      payload: (o) => ({
        opinionId: o.id,
        level: 'city',
        leader: '市委副书记',
        text: '请研究落实。',
      }),
      refusedWith: { code: WRONG.code, message: '信息须先被采用，才能记录领导批示' },
    },
  ],
  feedback: [
    {
      as: STAFF,
      action: 'opinions.feedback',
      payload: (o) => ({ opinionId: o.id, text: '已转交有关部门。' }),
      refusedWith: WRONG,
    },
  ],
};

describe('the opinion lifecycle table', () => {
  it('covers every status of the contract', () => {
    expect(Object.keys(OPINION_LIFECYCLE).sort()).toEqual(
      Object.keys(OPINION_STATUS_LABELS).sort(),
    );
  });

  describe.each(Object.keys(REACH) as OpinionStatus[])('in %s', (status) => {
    it.each(Object.keys(PROBES) as OpinionAction[])(
      '%s: the view and the command agree with the table',
      async (action) => {
        for (const pr of PROBES[action]) {
          const o = await REACH[status]();
          expect(o.status).toBe(status);
          const expected = (who: OpinionRole[]) => allowed(OPINION_LIFECYCLE, action, status, who);
          if (pr.flag)
            for (const viewer of [AUTHOR, STAFF])
              expect([viewer, (await read(o.id, viewer))?.can[pr.flag] ?? false]).toEqual([
                viewer,
                expected(ROLES[viewer]!),
              ]);
          const res = await h.call(pr.as, pr.action, await pr.payload(o));
          const after = await h.store.get<OpinionDoc>('opinions', o.id);
          const acted = res.ok && after!.version !== o.version;
          expect(acted).toBe(expected(ROLES[pr.as]!));
          if (!res.ok) expect(res.error).toMatchObject(pr.refusedWith ?? {});
          if (!acted && !pr.refusedWith) expect(res.ok).toBe(true);
        }
      },
    );
  });
});
