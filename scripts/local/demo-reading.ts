import type { GroupSummary, PostDetail, ReadingPeriod } from '../../typings/contracts/reading';
import type { Services } from '../../cloudfunctions/kernel/action';
import type { ManualClock } from '../../cloudfunctions/kernel/clock';
import { deliverLocalVerdicts } from '../../cloudfunctions/modules/reading';

type Call = <T>(openid: string, action: string, payload: unknown) => Promise<T>;

export interface DemoReading {
  readingPeriodId: string;
  readingGroupId: string;
  readingBookId: string;
  readingPostId: string;
  /** A note that waits for staff review (its text holds a word the checker sends to a person). */
  readingPendingPostId: string;
  /** A note the demo member (demo-member-01) published, to change on 修改读书心得. */
  readingMyPostId: string;
  /** A note refused by the image check. */
  readingRefusedPostId: string;
}

const DAY = 86_400_000;
const NOTES = [
  [
    '差序格局与基层治理',
    '费孝通讲“差序格局”，让我想到社区议事协商中熟人社会的力量。基层治理既要讲规则，也要讲人情，议事会把两者结合起来。',
  ],
  [
    '读《乡土中国》有感',
    '“乡土本色”一章写得透彻。乡村振兴不能只看产业，还要看人的观念变化，留得住人才有未来。',
  ],
  [
    '礼治秩序的今天',
    '礼治秩序并非过时之物。村规民约、红白理事会，都是礼治在今天的延续，值得我们在提案中多加关注。',
  ],
  [
    '关于乡村学校的思考',
    '书中谈到文字下乡。今天的文字下乡是网络下乡、教育下乡，乡村学校的师资仍是短板。',
  ],
] as const;

/**
 * The reading club for the demo: a current period with its books, two groups, guide readings,
 * notes with comments and likes, a week of check-ins, a note waiting for review and one
 * refused by the image check. All through the real handlers.
 */
export async function seedDemoReading(
  call: Call,
  services: Services & { clock: ManualClock },
  now: Date,
  member: (n: number) => string,
): Promise<DemoReading> {
  const clock = services.clock;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const staff = 'demo-staff';
  clock.set(new Date(now.getTime() - 30 * DAY));
  const period = await call<ReadingPeriod>(staff, 'reading.savePeriod', {
    title: `${day(0).slice(0, 4)} 年读书季`,
    theme: '乡村振兴与基层治理',
    description: '一个主题、一本书、一篇文章：每位委员读一本书，写一篇心得。',
    startsOn: day(-30),
    endsOn: day(150),
  });
  const books: Array<{ id: string }> = [];
  for (const [title, author, publisher, isbn, by] of [
    ['乡土中国', '费孝通', '人民出版社', '9787010204321', '农业和农村委员会'],
    ['枫桥经验', '本书编写组', '人民出版社', '9787010199887', '社会和法制委员会'],
    ['人类简史', '尤瓦尔·赫拉利', '中信出版社', '9787508647357', '文化文史和学习委员会'],
  ] as const)
    books.push(
      await call<{ id: string }>(staff, 'reading.saveBook', {
        periodId: period.id,
        title,
        author,
        publisher,
        isbn,
        recommendedBy: by,
        vetted: title !== '人类简史',
        intro: `${title}：本期推荐书目。`,
      }),
    );
  const owner = await call<{ id: string }>(member(2), 'members.getMyProfile', {});
  const group = await call<GroupSummary>(staff, 'reading.saveGroup', {
    periodId: period.id,
    name: '乡村振兴读书群',
    theme: '读懂乡土中国',
    bookIds: [books[0]!.id, books[1]!.id],
    ownerId: owner.id,
    audience: { kind: 'everyone', values: [] },
  });
  await call<GroupSummary>(staff, 'reading.saveGroup', {
    periodId: period.id,
    name: '文史读书群',
    theme: '以史为鉴',
    bookIds: [books[2]!.id],
    ownerId: owner.id,
    audience: { kind: 'committee', values: ['文化文史和学习委员会'] },
  });
  let n = 0;
  const write = async (openid: string, title: string, body: string, extra: object = {}) => {
    n += 1;
    const draft = await call<PostDetail>(openid, 'reading.saveDraft', {
      clientDraftId: `demo-reading-${String(n).padStart(4, '0')}`,
      revision: 1,
      groupId: group.id,
      bookId: books[0]!.id,
      title,
      body,
      ...extra,
    });
    return call<PostDetail>(openid, 'reading.publish', { postId: draft.id });
  };
  clock.set(new Date(now.getTime() - 20 * DAY));
  await write(
    member(2),
    '第一周导读：乡土本色',
    '本周共读《乡土中国》前三章。请大家留意“熟悉”与“陌生”两种社会的区别，结合所在界别谈谈体会。',
    { kind: 'guide' },
  );
  const posts: PostDetail[] = [];
  for (let i = 0; i < NOTES.length; i++) {
    clock.set(new Date(now.getTime() - (12 - i * 3) * DAY));
    posts.push(await write(member(i + 4), NOTES[i]![0], NOTES[i]![1]));
  }
  await call(member(2), 'reading.feature', { postId: posts[0]!.id, featured: true });
  await call(member(1), 'reading.comment', {
    postId: posts[0]!.id,
    body: '写得很好，基层议事会确实需要这样的思考。',
  });
  for (const k of [1, 5, 6])
    await call(member(k), 'reading.like', { postId: posts[0]!.id, liked: true });
  clock.set(new Date(now.getTime() - 8 * DAY));
  const mine = await write(
    member(1),
    '读《乡土中国》有感',
    '“差序格局”讲的是由己及人的关系网。做委员联系群众，也要从身边的人和事做起，一圈一圈地把情况摸清。',
  );
  for (let d = 6; d >= 1; d--) {
    clock.set(new Date(now.getTime() - d * DAY));
    await call(member(1), 'reading.checkIn', { groupId: group.id, text: `今日读书 ${30 + d} 页` });
  }
  clock.set(new Date(now.getTime() - 2 * 3_600_000));
  const pending = await write(
    member(6),
    '读书会后的几点想法',
    '群众反映的问题要有渠道表达，不能只靠上访，协商议事平台要用起来。',
  );
  // At `now`: the local checker dates its verdict by its own clock (the real one in `npm start`).
  clock.set(now);
  const refused = await write(member(7), '读书角照片', '在委员书吧读书的照片。', {
    photos: [{ fileId: 'local://demorefusedphoto01', name: '赌博广告截图.jpg' }],
  });
  clock.set(new Date(now.getTime() + 60_000));
  await deliverLocalVerdicts(services);
  clock.set(now);
  return {
    readingPeriodId: period.id,
    readingGroupId: group.id,
    readingBookId: books[0]!.id,
    readingPostId: posts[0]!.id,
    readingMyPostId: mine.id,
    readingPendingPostId: pending.id,
    readingRefusedPostId: refused.id,
  };
}
