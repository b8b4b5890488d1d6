/** The office's forms for a reading period, a book and a reading group: fields and payloads. */
import type {
  AudienceKind,
  Book,
  GroupSummary,
  ReadingPeriod,
} from '../../../../typings/contracts';
import type { PickedMember } from '../../../components/member-picker/index';
import type { StoredFile } from '../../../services/files';

export type EditType = 'period' | 'book' | 'group';

export const TITLES: Record<EditType, string> = { period: '读书期', book: '书目', group: '读书群' };

export interface ReadingForm {
  title: string;
  theme: string;
  description: string;
  startsOn: string;
  endsOn: string;
  author: string;
  publisher: string;
  isbn: string;
  recommendedBy: string;
  vetted: boolean;
  intro: string;
  cover: StoredFile | null;
  name: string;
  bookIds: string[];
  owner: PickedMember[];
  audienceKind: AudienceKind;
  /** Committees or sectors, one per line or separated by commas. */
  audienceText: string;
  named: PickedMember[];
  open: boolean;
  version: number | undefined;
}

export function emptyForm(): ReadingForm {
  return {
    title: '',
    theme: '',
    description: '',
    startsOn: '',
    endsOn: '',
    author: '',
    publisher: '',
    isbn: '',
    recommendedBy: '',
    vetted: false,
    intro: '',
    cover: null,
    name: '',
    bookIds: [],
    owner: [],
    audienceKind: 'everyone',
    audienceText: '',
    named: [],
    open: true,
    version: undefined,
  };
}

export function fromPeriod(p: ReadingPeriod): Partial<ReadingForm> {
  return {
    title: p.title,
    theme: p.theme,
    description: p.description,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    version: p.version,
  };
}

export function fromBook(b: Book): Partial<ReadingForm> {
  const { title, author, publisher, isbn, recommendedBy, vetted, intro, cover, version } = b;
  return { title, author, publisher, isbn, recommendedBy, vetted, intro, cover, version };
}

export function fromGroup(g: GroupSummary): Partial<ReadingForm> {
  const named = g.audience.kind === 'named';
  return {
    name: g.name,
    theme: g.theme,
    bookIds: g.bookIds,
    owner: [{ id: g.ownerId, name: g.ownerName, sector: '' }],
    audienceKind: g.audience.kind,
    audienceText: named ? '' : g.audience.values.join('\n'),
    named: named ? g.audience.values.map((id) => ({ id, name: '', sector: '' })) : [],
    open: g.open,
    version: g.version,
  };
}

const split = (text: string) =>
  text
    .split(/[\n,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The action and its payload for the form as it stands. */
export function payloadOf(type: EditType, id: string, periodId: string, f: ReadingForm) {
  const key = { version: f.version, ...(id ? { [`${type}Id`]: id } : {}) };
  if (type === 'period')
    return {
      action: 'savePeriod' as const,
      input: {
        ...key,
        title: f.title,
        theme: f.theme,
        description: f.description,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
      },
    };
  if (type === 'book')
    return {
      action: 'saveBook' as const,
      input: {
        ...key,
        periodId,
        title: f.title,
        author: f.author,
        publisher: f.publisher,
        isbn: f.isbn,
        recommendedBy: f.recommendedBy,
        vetted: f.vetted,
        intro: f.intro,
        cover: f.cover,
      },
    };
  const values =
    f.audienceKind === 'named'
      ? f.named.map((m) => m.id)
      : f.audienceKind === 'everyone'
        ? []
        : split(f.audienceText);
  return {
    action: 'saveGroup' as const,
    input: {
      ...key,
      periodId,
      name: f.name,
      theme: f.theme,
      bookIds: f.bookIds,
      ownerId: f.owner[0]?.id ?? '',
      audience: { kind: f.audienceKind, values },
      open: f.open,
    },
  };
}
