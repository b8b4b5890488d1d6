import {
  searchQueryOf,
  searchScore,
  searchTermsOf,
  searchWhere,
  type SearchField,
} from '../../cloudfunctions/kernel/search-terms';

describe('search terms (kernel/search-terms.ts)', () => {
  it('keeps bigrams of Chinese text, Latin and digit words, and single characters of short fields', () => {
    expect(
      searchTermsOf([
        { text: '关于5G基站', weight: 6, unigrams: true },
        { text: '王芳', weight: 4, unigrams: true },
        { text: 'ＡＩ养老，服务', weight: 2 },
      ]),
    ).toEqual(
      [
        '5g',
        'ai',
        '于',
        '关',
        '关于',
        '基',
        '基站',
        '王',
        '王芳',
        '站',
        '芳',
        '养老',
        '服务',
      ].sort(),
    );
    expect(searchTermsOf([{ text: '2026-0001', weight: 6, exact: '2026-0001' }])).toEqual(
      ['#2026-0001', '0001', '2026'].sort(),
    );
  });

  it('cuts a query so that every character is covered, with at most 8 terms to the store', () => {
    const q = searchQueryOf('普惠托育服务')!;
    expect(q.terms).toEqual(['普惠', '惠托', '托育', '育服', '服务']);
    expect(q.cover).toEqual(['普惠', '托育', '服务']);
    expect(searchWhere(q)).toEqual({ searchTerms: { $all: ['普惠', '托育', '服务'] } });
    expect(searchQueryOf('王')!.cover).toEqual(['王']);
    expect(searchQueryOf('关于加快推进城乡一体化发展和乡村全面振兴的若干建议')!.cover).toHaveLength(
      8,
    );
    expect(searchQueryOf('，。！')).toBeNull();
    expect(searchQueryOf('2026-1', '2026-0001')!.cover).toEqual(['#2026-0001']);
  });

  it('ranks more of the terms first, then a whole word in a heavier field', () => {
    const q = searchQueryOf('托育服务')!;
    const doc = (title: string, body: string): [string[], SearchField[]] => {
      const fields = [
        { text: title, weight: 6 },
        { text: body, weight: 2 },
      ];
      return [searchTermsOf(fields), fields];
    };
    const inTitle = searchScore(q, ...doc('扩大托育服务供给', ''));
    const inBody = searchScore(q, ...doc('公共设施', '完善托育服务'));
    const scattered = searchScore(q, ...doc('公共设施', '托育机构的服务'));
    expect(inTitle).toBeGreaterThan(inBody);
    expect(inBody).toBeGreaterThan(scattered);
  });
});
