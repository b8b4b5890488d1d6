import {
  SPEECH_STATUS_LABELS,
  type SpeechDetail,
  type SpeechStatus,
} from '../../typings/contracts/speeches';
import { allowed } from '../../cloudfunctions/kernel/lifecycle';
import {
  SPEECH_LIFECYCLE,
  type SpeechAction,
  type SpeechRole,
} from '../../cloudfunctions/modules/speeches/lifecycle';
import type { SpeechDoc } from '../../cloudfunctions/modules/speeches/model';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  title: '以城乡融合发展推动共同富裕',
  body: '推动城乡融合发展，关键在于打通城乡要素流动的堵点。'.repeat(14),
};
const AUTHOR = 'demo-member-01';
const STAFF = 'demo-staff';
const ROLES: Record<string, SpeechRole[]> = { [AUTHOR]: ['author'], [STAFF]: ['staff'] };
type Flag = keyof SpeechDetail['can'];

let h: Harness;
let n = 0;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const read = async (id: string, as: string) => {
  const res = await h.call<SpeechDetail>(as, 'proposals.getSpeech', { speechId: id });
  return res.ok ? res.data : null;
};
const draft = () =>
  h.ok<SpeechDetail>(AUTHOR, 'proposals.saveSpeech', {
    clientDraftId: `speech-lifecycle-${++n}`,
    revision: 1,
    ...TEXT,
  });
const submitted = async () =>
  h.ok<SpeechDetail>(AUTHOR, 'proposals.submitSpeech', { speechId: (await draft()).id });
const reviewed = async (accept: boolean) => {
  const s = await submitted();
  return h.ok<SpeechDetail>(STAFF, 'proposals.reviewSpeech', {
    speechId: s.id,
    version: s.version,
    accept,
    ...(accept ? {} : { note: '请补充数据' }),
  });
};

/** A new speech in each status, reached through the commands. */
const REACH: Record<SpeechStatus, () => Promise<SpeechDetail>> = {
  draft,
  submitted,
  returned: () => reviewed(false),
  accepted: () => reviewed(true),
};

type Probe = {
  as: string;
  action: string;
  payload: (s: SpeechDetail) => Promise<object> | object;
  /** Absent: outside its states the command replays quietly (a retry). */
  refusedWith?: { code: string };
  flag?: Flag;
};
const versioned = (s: SpeechDetail) => ({ speechId: s.id, version: s.version });

const PROBES: Record<SpeechAction, Probe[]> = {
  edit: [
    {
      as: AUTHOR,
      action: 'proposals.saveSpeech',
      payload: async (s) => ({
        clientDraftId: (await h.store.get<SpeechDoc>('speeches', s.id))!.clientDraftId,
        revision: 9,
        ...TEXT,
      }),
      refusedWith: { code: 'SPEECH.NOT_EDITABLE' },
      flag: 'edit',
    },
  ],
  delete: [],
  submit: [
    {
      as: AUTHOR,
      action: 'proposals.submitSpeech',
      payload: (s) => ({ speechId: s.id }),
      flag: 'submit',
    },
  ],
  review: [
    {
      as: STAFF,
      action: 'proposals.reviewSpeech',
      payload: (s) => ({ ...versioned(s), accept: true }),
      refusedWith: { code: expect.stringMatching(/^SPEECH\.(WRONG_STATE|NOT_FOUND)$/) },
      flag: 'review',
    },
  ],
  choose: [
    {
      as: STAFF,
      action: 'proposals.chooseSpeech',
      payload: (s) => ({ ...versioned(s), delivery: 'written' }),
      refusedWith: { code: expect.stringMatching(/^SPEECH\.(WRONG_STATE|NOT_FOUND)$/) },
      flag: 'choose',
    },
  ],
};

describe('the speech lifecycle table', () => {
  it('covers every status of the contract', () => {
    expect(Object.keys(SPEECH_LIFECYCLE).sort()).toEqual(Object.keys(SPEECH_STATUS_LABELS).sort());
  });

  describe.each(Object.keys(REACH) as SpeechStatus[])('in %s', (status) => {
    it.each(Object.keys(PROBES) as SpeechAction[])(
      '%s: the view and the command agree with the table',
      async (action) => {
        for (const pr of PROBES[action]) {
          const s = await REACH[status]();
          expect(s.status).toBe(status);
          const expected = (who: SpeechRole[]) => allowed(SPEECH_LIFECYCLE, action, status, who);
          if (pr.flag)
            for (const viewer of [AUTHOR, STAFF])
              expect([viewer, (await read(s.id, viewer))?.can[pr.flag] ?? false]).toEqual([
                viewer,
                expected(ROLES[viewer]!),
              ]);
          const res = await h.call(pr.as, pr.action, await pr.payload(s));
          const after = await h.store.get<SpeechDoc>('speeches', s.id);
          const acted = res.ok && after!.version !== s.version;
          expect(acted).toBe(expected(ROLES[pr.as]!));
          if (!res.ok) expect(res.error).toMatchObject(pr.refusedWith ?? {});
          if (!acted && !pr.refusedWith) expect(res.ok).toBe(true);
        }
      },
    );
  });

  it('deletes a draft only, and only its author', async () => {
    const d = await draft();
    expect((await h.err('demo-member-02', 'proposals.deleteSpeech', { speechId: d.id })).code).toBe(
      'SPEECH.NOT_FOUND',
    );
    const s = await submitted();
    expect((await h.err(AUTHOR, 'proposals.deleteSpeech', { speechId: s.id })).code).toBe(
      'SPEECH.NOT_EDITABLE',
    );
    expect(await h.ok(AUTHOR, 'proposals.deleteSpeech', { speechId: d.id })).toEqual({
      deleted: true,
    });
  });
});
