import type { DocumentStore } from '../store/port';

/**
 * The content-check port (ARCHITECTURE principle 13): what members and residents write is
 * checked before anyone else sees it. Three verdicts, as WeChat's content security gives them:
 * pass, review (a person must look) and risky (refused).
 *
 * Text is checked at once. An image is checked asynchronously, as WeChat does it
 * (`mediaCheckAsync`): the request returns a trace id and the verdict arrives later, as a
 * `wxa_media_check` message-push event, which `reading`'s `receiveMediaVerdict` applies.
 */
export type Verdict = 'pass' | 'review' | 'risky';

/** WeChat's scenes: 1 profile, 2 comment, 3 forum, 4 social post. */
export type CheckScene = 'profile' | 'comment' | 'forum' | 'social';
export const SCENE_CODES: Record<CheckScene, 1 | 2 | 3 | 4> = {
  profile: 1,
  comment: 2,
  forum: 3,
  social: 4,
};

export interface TextVerdict {
  verdict: Verdict;
  /** Why, in words staff read in the moderation queue (null on pass). */
  reason: string | null;
}

export interface ContentCheckPort {
  /** `openid`: the writer's (WeChat wants one that opened the mini-program within 2 hours). */
  checkText(input: {
    text: string;
    scene: CheckScene;
    openid: string | null;
  }): Promise<TextVerdict>;
  /** Asks for an image's verdict; it arrives later through `receiveMediaVerdict`. */
  requestImageCheck(input: {
    fileId: string;
    /** The file's name as uploaded (the local checker reads it; WeChat looks at the pixels). */
    name: string;
    scene: CheckScene;
    openid: string | null;
  }): Promise<{ traceId: string }>;
}

/** WeChat checks at most 2,500 characters per call: longer text goes in pieces, worst verdict wins. */
export const TEXT_CHECK_CHUNK = 2500;

export function chunksOf(text: string, size = TEXT_CHECK_CHUNK): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

const RANK: Record<Verdict, number> = { pass: 0, review: 1, risky: 2 };

export function worst(verdicts: TextVerdict[]): TextVerdict {
  return verdicts.reduce<TextVerdict>((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a), {
    verdict: 'pass',
    reason: null,
  });
}

/** Matches a word list against text, ignoring spaces, punctuation and Latin case. */
export function findWord(text: string, words: readonly string[]): string | null {
  const plain = normalize(text);
  for (const w of words) {
    const n = normalize(w);
    if (n && plain.includes(n)) return w;
  }
  return null;
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * What members and residents write, through the committee's own word lists first (the same in
 * every runtime: settings `posts.blockedWords` refuse, `posts.reviewWords` send to a person),
 * then the port (WeChat in the cloud, the local word list here). The worse verdict wins.
 */
export async function checkUserText(
  port: ContentCheckPort,
  words: { blockedWords: readonly string[]; reviewWords: readonly string[] },
  input: { text: string; scene: CheckScene; openid: string | null },
): Promise<TextVerdict> {
  const blocked = findWord(input.text, words.blockedWords);
  if (blocked) return { verdict: 'risky', reason: `含有本会禁用词“${blocked}”` };
  const own = findWord(input.text, words.reviewWords);
  const checked = await port.checkText(input);
  return worst([
    checked,
    own ? { verdict: 'review', reason: `含有本会设定需审核的词“${own}”` } : checked,
  ]);
}

/**
 * The local runtime's checker: a real one, backed by a word list (built-in words below, which
 * stand in for WeChat's models; the committee adds its own in settings, which every runtime
 * applies before the port). Images: a verdict by the uploaded file's name, delivered later by the local
 * timer through the same receiver as WeChat's push (`deliverLocalVerdicts`), so an image is
 * "checking" for a moment locally exactly as in the cloud.
 */
export const LOCAL_RISKY_WORDS = ['赌博', '博彩', '色情', '代开发票', '枪支弹药', '毒品'] as const;
export const LOCAL_REVIEW_WORDS = ['上访', '维权', '内部文件', '加微信'] as const;

export const DEV_MEDIA_VERDICTS = 'dev_media_verdicts';

export interface DevMediaVerdictDoc {
  _id: string;
  traceId: string;
  suggest: Verdict;
  label: string;
  deliverAt: string;
  delivered: boolean;
}

export function wordListChecks(
  store: DocumentStore,
  now: () => Date,
  delayMs = 1500,
): ContentCheckPort {
  let n = 0;
  return {
    async checkText({ text }) {
      return worst(chunksOf(text).map(localVerdict));
    },
    async requestImageCheck({ name }) {
      n += 1;
      const traceId = `local-${now().getTime().toString(36)}-${n}-${Math.random().toString(36).slice(2, 8)}`;
      const v = localVerdict(name);
      const doc: DevMediaVerdictDoc = {
        _id: traceId,
        traceId,
        suggest: v.verdict,
        label: v.verdict === 'pass' ? '100' : '21000',
        deliverAt: new Date(now().getTime() + delayMs).toISOString(),
        delivered: false,
      };
      await store.insert(DEV_MEDIA_VERDICTS, doc);
      return { traceId };
    },
  };
}

function localVerdict(text: string): TextVerdict {
  const risky = findWord(text, LOCAL_RISKY_WORDS);
  if (risky) return { verdict: 'risky', reason: `含有违规词“${risky}”` };
  const review = findWord(text, LOCAL_REVIEW_WORDS);
  if (review) return { verdict: 'review', reason: `含有需人工审核的词“${review}”` };
  return { verdict: 'pass', reason: null };
}

/** A content checker that answers with the given verdicts (tests). */
export function fixedChecks(
  text: (t: string) => TextVerdict,
  image: (fileId: string) => string = (f) => `trace-${f}`,
): ContentCheckPort {
  return {
    async checkText({ text: t }) {
      return worst(chunksOf(t).map(text));
    },
    async requestImageCheck({ fileId }) {
      return { traceId: image(fileId) };
    },
  };
}
