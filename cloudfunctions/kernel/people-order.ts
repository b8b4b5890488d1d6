/**
 * People in the order a committee office uses: by the pinyin of the name (the default), or by
 * surname stroke count (按姓氏笔画, as CPPCC lists are printed), as the settings choose
 * (`members.order`); and found by name, full pinyin or pinyin initials (`ly`, `liuyang`).
 *
 * Lists paged in the database cannot call a collator, so every member document keeps
 * `nameKeys`: ASCII strings whose byte order is the wanted order (both stores compare strings
 * so), written by every write that sets a name and indexed with the sector. Lists sorted in
 * memory compare the same keys, so a name has the same place in every list.
 *
 * Why not ICU alone: `Intl.Collator('zh-CN')` reads a surname as a common word (曾 céng, 单 dān,
 * 朴 pǔ, 区 qū) and gives no sort key to store; its stroke collation (`zh-u-co-stroke`) counts
 * the Taiwan way (艹 4, 阝 3: 艾 6, 陈 8, 黄 12), not as mainland lists are printed (艾 5, 陈 7,
 * 黄 11). pinyin-pro reads names in surname mode; cnchar has mainland stroke counts and order.
 * Both are loaded on first use (shipped beside the bundle, as exceljs is).
 */
import type { PeopleOrder } from '../../typings/contracts/settings';
import type { Where } from '../store/port';

/** Bumped when a recipe below changes (or a dictionary is upgraded): the timer rewrites older keys. */
export const NAME_KEYS_VERSION = 1;

export interface NameKeys {
  v: number;
  /** Per character: syllable (ü after u), tone 1–5, code point: dictionary order. */
  pinyin: string;
  /** Per character: stroke count, the strokes' classes 横竖撇点折 (1–5) in writing order, code point. */
  strokes: string;
  /** `|` before the initials and the spelling from each syllable on: `|ly|liuyang|y|yang`. */
  search: string;
}

/** The stored field a list of members is ordered by. */
export const orderField = (order: PeopleOrder) => `nameKeys.${order}` as const;

interface Dictionaries {
  /** One reading per character (surname mode), `liu2`; the character itself when unknown. */
  readings(name: string): string[];
  /** The stroke classes of one character in writing order (`5215534`), or null when unknown. */
  strokes(char: string): string | null;
}

type Module<T> = T | { default: T };
const unwrap = <T>(m: Module<T>): T => ((m as { default?: T }).default ?? m) as T;

/** cnchar's stroke letters → the five classes of GB13000.1 (提 is 横, 捺 is 点, 钩 and turns are 折). */
const STROKE_CLASS: Record<string, string> = {
  j: '1',
  i: '1',
  d: '1',
  f: '2',
  s: '3',
  k: '4',
  l: '4',
};

let loading: Promise<Dictionaries> | undefined;

function dictionaries(): Promise<Dictionaries> {
  loading ??= Promise.all([import('pinyin-pro'), import('cnchar'), import('cnchar-order')]).then(
    ([pinyinPro, cncharModule, orderModule]) => {
      const { pinyin } = unwrap(pinyinPro);
      const cnchar = unwrap(cncharModule);
      cnchar.use(unwrap(orderModule));
      return {
        readings: (name) =>
          pinyin(name, { toneType: 'num', type: 'array', surname: 'head', v: true }),
        strokes: (char) => {
          const [letters] = cnchar.stroke(char, 'order') as unknown as Array<string | undefined>;
          return letters ? [...letters].map((l) => STROKE_CLASS[l] ?? '5').join('') : null;
        },
      };
    },
  );
  return loading;
}

const HAN = /^\p{Script=Han}$/u;
const LATIN = /^[a-z0-9]$/;
/** Spaces, the middle dot of transcribed names (阿依古丽·买买提), dashes: not part of the order. */
const SEPARATOR = /^[\s\p{P}\p{S}]$/u;
const READING = /^([a-z]+)([0-4])$/;

const codePoint = (c: string) => c.codePointAt(0)!.toString(16).padStart(6, '0');

interface Part {
  char: string;
  /** A Han character (read through the dictionary) or a Latin letter or digit. */
  han: boolean;
  /** Toneless syllable (`liu`, ü as v), a Latin letter or digit as itself, or null (unknown). */
  spelled: string | null;
  tone: string;
}

function partsOf(name: string, d: Dictionaries): Part[] {
  const chars = [...name.normalize('NFKC')];
  const readings = d.readings(name.normalize('NFKC'));
  const aligned = readings.length === chars.length;
  const parts: Part[] = [];
  chars.forEach((raw, i) => {
    const char = raw.toLowerCase();
    if (SEPARATOR.test(char)) return;
    if (LATIN.test(char)) return parts.push({ char, han: false, spelled: char, tone: '0' });
    const han = HAN.test(char);
    const m = han && aligned ? READING.exec(readings[i]!.toLowerCase()) : null;
    // The neutral tone (0) comes after the four, as in the dictionary.
    parts.push(
      m
        ? { char, han, spelled: m[1]!, tone: m[2] === '0' ? '5' : m[2]! }
        : { char, han, spelled: null, tone: '0' },
    );
  });
  return parts;
}

/**
 * Per character: the letters with ü as u, a digit that ends them (1 where the syllable had ü),
 * the tone, the code point. A digit sorts before any letter, so li < lian, and the dictionary's
 * lu < lü < luan < lüe < luo follows.
 */
function pinyinKey(parts: Part[]): string {
  return parts
    .map((p) => {
      const letters = p.spelled ?? '~';
      const umlaut = p.han && letters.includes('v');
      const spelled = umlaut ? letters.replace(/v/g, 'u') : letters;
      return `${spelled}${umlaut ? '1' : '0'}${p.tone}${codePoint(p.char)}`;
    })
    .join('');
}

function strokeKey(parts: Part[], d: Dictionaries): string {
  return parts
    .map((p) => {
      if (!p.han) return `00${codePoint(p.char)}`;
      const classes = d.strokes(p.char);
      // A character the dictionary lacks comes after every known one of the same place.
      if (!classes) return `99${codePoint(p.char)}`;
      return `${String(classes.length).padStart(2, '0')}${classes}${codePoint(p.char)}`;
    })
    .join('');
}

function searchKey(parts: Part[]): string {
  const spelled = parts.map((p) => p.spelled).filter((s): s is string => s !== null);
  const initials = spelled.map((s) => s[0]!);
  const found = new Set<string>();
  for (let i = 0; i < spelled.length; i++) {
    found.add(initials.slice(i).join(''));
    const rest = spelled.slice(i).join('');
    found.add(rest);
    // ü is typed v (lv), and often u (lu).
    found.add(rest.replace(/v/g, 'u'));
  }
  return [...found].map((s) => `|${s}`).join('');
}

/** The keys a member document keeps for its name (every write that sets a name calls this). */
export async function nameKeysOf(name: string): Promise<NameKeys> {
  const d = await dictionaries();
  const parts = partsOf(name, d);
  return {
    v: NAME_KEYS_VERSION,
    pinyin: pinyinKey(parts),
    strokes: strokeKey(parts, d),
    search: searchKey(parts),
  };
}

/** Keys computed for names read without them (a meeting's invitees), per order, per instance. */
const memo: Record<PeopleOrder, Map<string, string>> = { pinyin: new Map(), strokes: new Map() };
const MEMO_MAX = 20_000;

async function sortKeyOf(name: string, order: PeopleOrder): Promise<string> {
  const known = memo[order].get(name);
  if (known !== undefined) return known;
  const d = await dictionaries();
  const parts = partsOf(name, d);
  const key = order === 'pinyin' ? pinyinKey(parts) : strokeKey(parts, d);
  if (memo[order].size >= MEMO_MAX) memo[order].clear();
  memo[order].set(name, key);
  return key;
}

const current = (keys: NameKeys | undefined): keys is NameKeys => keys?.v === NAME_KEYS_VERSION;

/** How `sortPeople` reads a person off an item. */
export interface PersonAccess<T> {
  name: (t: T) => string;
  /** The last tie-break, so equal names keep one order everywhere. */
  id: (t: T) => string;
  /** The document's own keys, used while current (else computed from the name). */
  keys?: (t: T) => NameKeys | undefined;
  /** Compared before the name (the sector, as the roster groups people). */
  group?: (t: T) => string | null;
}

interface MemberLike {
  _id: string;
  name: string;
  sector: string | null;
  nameKeys?: NameKeys;
}

/** Member documents as the roster lists them: by sector, then name. */
export const MEMBER_NAMES: PersonAccess<MemberLike> = {
  name: (m) => m.name,
  id: (m) => m._id,
  keys: (m) => m.nameKeys,
  group: (m) => m.sector,
};

/**
 * Sorts people in the committee's order: by `first` where given (highest total first), then
 * the group, then the name's key, then the id; the same order the database pages members in
 * (sector, key, id). Answers a new array.
 */
export async function sortPeople<T>(
  items: readonly T[],
  order: PeopleOrder,
  person: PersonAccess<T>,
  first?: (a: T, b: T) => number,
): Promise<T[]> {
  const keyed = await Promise.all(
    items.map(async (item) => {
      const stored = person.keys?.(item);
      const key = current(stored) ? stored[order] : await sortKeyOf(person.name(item), order);
      return { item, key, group: person.group?.(item) ?? '', id: person.id(item) };
    }),
  );
  keyed.sort(
    (a, b) =>
      (first?.(a.item, b.item) ?? 0) ||
      cmp(a.group, b.group) ||
      cmp(a.key, b.key) ||
      cmp(a.id, b.id),
  );
  return keyed.map((k) => k.item);
}

/** Plain code-unit order: what both stores use for strings (the keys are ASCII). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a search is spelled in pinyin (letters only, spaces and apostrophes ignored). */
export function pinyinQuery(keyword: string): string | null {
  const q = keyword
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[\s'’]/g, '');
  return /^[a-z]+$/.test(q) ? q : null;
}

/**
 * The condition that finds a name: `ly`, `LY`, `liu`, `liuyang` or `yang` on the stored
 * pinyin (from the start of a syllable), anything else as part of the name itself.
 */
export function nameSearch(keyword: string): Where {
  const q = pinyinQuery(keyword);
  return q ? { 'nameKeys.search': { $search: `|${q}` } } : { name: { $search: keyword } };
}
