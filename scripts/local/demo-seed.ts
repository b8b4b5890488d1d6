import type { Role } from '../../typings/contracts/members';
import type { DemoActivity } from './demo-activity';
import { addDays, iso } from '../../cloudfunctions/kernel/clock';
import type { BindingDoc, MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { IdSource } from '../../cloudfunctions/kernel/ids';
import { nameKeysOf } from '../../cloudfunctions/kernel/people-order';
import type { InviteCodeDoc } from '../../cloudfunctions/modules/members/invite-code';
import type { DocumentStore } from '../../cloudfunctions/store/port';

const SECTORS = [
  '中国共产党',
  '民革',
  '民盟',
  '民建',
  '民进',
  '农工党',
  '九三学社',
  '无党派人士',
  '工商联',
  '经济界',
  '教育界',
  '科技界',
  '文化艺术界',
  '医药卫生界',
  '农业界',
  '社会福利和社会保障界',
];
const COMMITTEES = [
  '提案委员会',
  '经济委员会',
  '社会和法制委员会',
  '文化文史和学习委员会',
  '农业和农村委员会',
  '科教卫体委员会',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '海涛',
  '晓燕',
  '文博',
  '静怡',
  '国庆',
  '雅琴',
  '立新',
  '春梅',
  '卫东',
  '慧敏',
  '振华',
  '玉兰',
  '明辉',
  '淑芬',
  '子轩',
  '思雨',
];

export const DEMO_TERM = '第十五届';
export const DEMO_MEMBER_COUNT = 40;
/** Members seeded without a WeChat binding, each with an invite code to try binding. */
const UNBOUND_COUNT = 4;

export interface DemoAccount {
  openid: string;
  name: string;
  roles: Role[];
  note: string;
}

export interface DemoSeed {
  accounts: DemoAccount[];
  inviteCodes: Array<{ code: string; name: string; phone: string }>;
  /** What `seedDemoActivity` made, when it ran. */
  activity?: DemoActivity;
}

/**
 * A demo committee: 40 members across sectors and special committees (one of them a studio
 * host), an office staff account and an admin. Most are bound to fixed demo openids; a few are
 * left unbound with invite codes, so binding can be tried.
 */
export async function seedDemoCommittee(
  store: DocumentStore,
  ids: IdSource,
  now: Date,
): Promise<DemoSeed> {
  const at = iso(now);
  const people: Array<{ doc: MemberDoc; openid: string | null; note: string }> = [];
  const person = (
    name: string,
    gender: MemberDoc['gender'],
    fields: Partial<MemberDoc>,
    openid: string | null,
    note: string,
  ) => {
    const doc: MemberDoc = {
      _id: ids.next('m'),
      name,
      gender,
      sector: null,
      specialCommittee: null,
      standingMember: false,
      phone: null,
      term: DEMO_TERM,
      roles: ['member'],
      active: true,
      openid,
      boundAt: openid ? at : null,
      createdAt: at,
      updatedAt: at,
      version: 1,
      ...fields,
    };
    people.push({ doc, openid, note });
  };

  for (let i = 0; i < DEMO_MEMBER_COUNT; i++) {
    const n = i + 1;
    const bound = n <= DEMO_MEMBER_COUNT - UNBOUND_COUNT;
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
    const isHost = n === 3;
    person(
      name,
      i % 3 === 1 ? '女' : '男',
      {
        sector: SECTORS[i % SECTORS.length]!,
        specialCommittee: COMMITTEES[i % COMMITTEES.length]!,
        standingMember: n % 5 === 1,
        phone: `1380000${String(n).padStart(4, '0')}`,
        roles: isHost ? ['member', 'studioHost'] : ['member'],
      },
      bound ? (isHost ? 'demo-host' : `demo-member-${String(n).padStart(2, '0')}`) : null,
      isHost ? '委员，工作室负责人' : n % 5 === 1 ? '常委' : '委员',
    );
  }
  person(
    '办公室小周',
    '女',
    { phone: '13900000001', roles: ['staff'], term: null },
    'demo-staff',
    '机关工作人员',
  );
  person(
    '系统管理员',
    null,
    { phone: '13900000002', roles: ['staff', 'admin'], term: null },
    'demo-admin',
    '管理员',
  );

  // The names' sort and search keys, as every roster write keeps them.
  for (const { doc } of people) doc.nameKeys = await nameKeysOf(doc.name);
  const inviteCodes: DemoSeed['inviteCodes'] = [];
  await store.transaction(async (tx) => {
    for (const { doc, openid } of people) {
      await tx.insert('members', doc);
      if (openid)
        await tx.insert<BindingDoc>('bindings', {
          _id: openid,
          memberId: doc._id,
          method: 'invite',
          boundAt: at,
        });
      else {
        const code = ids.code(8);
        await tx.insert<InviteCodeDoc>('invite_codes', {
          _id: code,
          memberId: doc._id,
          issuedBy: 'seed',
          issuedAt: at,
          expiresAt: iso(addDays(now, 30)),
          usedAt: null,
          usedBy: null,
          revokedAt: null,
        });
        inviteCodes.push({ code, name: doc.name, phone: doc.phone! });
      }
    }
  });
  const accounts = people
    .filter((p) => p.openid)
    .map((p) => ({ openid: p.openid!, name: p.doc.name, roles: p.doc.roles, note: p.note }));
  return { accounts, inviteCodes };
}
