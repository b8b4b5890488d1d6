import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { empty, fileRef, id, keyword, paging, text, type JobView } from './common';
import type { Page } from './envelope';

/** `unit`: a handling unit's contact (承办单位), bound like a member but seeing only its unit's work. */
export const ROLES = ['member', 'studioHost', 'staff', 'admin', 'unit'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  member: '委员',
  studioHost: '工作室负责人',
  staff: '机关工作人员',
  admin: '管理员',
  unit: '承办单位',
};

/**
 * Roles granted elsewhere than on a member's page (a handling unit's contacts are managed from
 * the units page): the roles editor neither offers nor changes them.
 */
const ROLES_MANAGED_ELSEWHERE: readonly string[] = ['unit'];
/** The roles an admin sets on a member's page (`members.setRoles`), in ROLES' order. */
export const EDITABLE_ROLES: readonly Role[] = ROLES.filter(
  (r) => !ROLES_MANAGED_ELSEWHERE.includes(r),
);

/** A roster entry's `active` flag in words (the roster export's 状态 column). */
export const MEMBER_STATUS_LABELS: Record<'active' | 'inactive', string> = {
  active: '在册',
  inactive: '停用',
};

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export const phoneNumber = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位中国大陆手机号');

/** What any bound member may see of another: never the phone number. */
export interface DirectoryEntry {
  id: string;
  name: string;
  gender: Gender | null;
  sector: string | null;
  specialCommittee: string | null;
  standingMember: boolean;
}

/** The caller's own record. */
export interface MyProfile extends DirectoryEntry {
  phone: string | null;
  term: string | null;
  roles: Role[];
  boundAt: string | null;
}

/** The office's view of a roster entry. */
export interface RosterEntry extends DirectoryEntry {
  phone: string | null;
  term: string | null;
  roles: Role[];
  active: boolean;
  bound: boolean;
  boundAt: string | null;
}

/** One role on a member's page: held or not, and whether the caller may change it now. */
export interface RoleChoice {
  role: Role;
  held: boolean;
  /** Why it cannot be changed now (your own admin role, the last admin), or null. */
  lockedReason: string | null;
}

/** A roster entry as the office's member page shows it (`members.getEntry`). */
export interface MemberEntryView {
  entry: RosterEntry;
  /** The entry's version, sent back with an edit (`members.updateEntry`). */
  version: number;
  /** What the caller may do with it now (the commands refuse the rest). */
  can: {
    edit: boolean;
    setRoles: boolean;
    deactivate: boolean;
    reactivate: boolean;
    unbind: boolean;
    issueInvite: boolean;
  };
  /** The roles set on this page (EDITABLE_ROLES), for an admin's editor or to read. */
  roles: RoleChoice[];
  /** The first page of the entry's audit trail, newest first (`members.listAuditLog` for more). */
  audit: Page<AuditEntry>;
}

export interface InviteCode {
  code: string;
  memberId: string;
  memberName: string;
  expiresAt: string;
}

export interface RosterRowError {
  /** 1-based row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: string | null;
  message: string;
}

export interface RosterImportResult {
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Applying it (null for a dry run, or a file that changes nothing): batches of 50 rows. */
  job: JobView | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/** Roster files are small: 2,000 rows of a dozen columns fit comfortably. */
export const MAX_ROSTER_FILE_BYTES = 2 * 1024 * 1024;

/**
 * What the office types about a roster entry: the reason for unbinding or deactivating, and an
 * entry's fields (as long as a roster file's, so every value stays filterable).
 */
export const MEMBER_LIMITS = {
  filter: 30,
  fileName: 120,
  reasonMin: 2,
  reason: 200,
  name: 30,
  field: 30,
} as const;

/** A roster entry's text field: blank (or null) means not set. */
const optionalField = (label: string) =>
  text(label, MEMBER_LIMITS.field)
    .nullable()
    .transform((s) => s || null);

const rosterFilters = {
  /** Part of a name, or its pinyin from a syllable's start: spelled (`liuyang`) or initials (`ly`). */
  keyword,
  sector: text('界别', MEMBER_LIMITS.filter).optional(),
  specialCommittee: text('专委会', MEMBER_LIMITS.filter).optional(),
  standingMember: z.boolean().optional(),
};

export const members = lazyContracts(() => ({
  getMyProfile: { input: empty, output: returns<MyProfile>() },

  listDirectory: {
    input: z.strictObject({ ...rosterFilters, ...paging }),
    output: returns<Page<DirectoryEntry>>(),
  },

  bindByInviteCode: {
    input: z.strictObject({
      code: z
        .string({ error: '请填写邀请码' })
        .trim()
        .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
        .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字')),
    }),
    output: returns<MyProfile>(),
  },

  bindByPhone: {
    input: z.strictObject({
      phoneCode: z
        .string({ error: '手机号授权已失效，请重新授权' })
        .trim()
        .min(1, '手机号授权已失效，请重新授权')
        .max(128, '手机号授权已失效，请重新授权'),
    }),
    output: returns<MyProfile>(),
  },

  listRoster: {
    input: z.strictObject({
      ...rosterFilters,
      bound: z.boolean().optional(),
      role: z.enum(ROLES, '角色不正确').optional(),
      includeInactive: z.boolean().default(false),
      ...paging,
    }),
    output: returns<Page<RosterEntry>>(),
  },

  /** The file uploaded first (`fileId`: cloud storage, or the local runtime's), or inline. */
  importRoster: {
    input: z
      .strictObject({
        fileName: text('名册文件名', MEMBER_LIMITS.fileName, 1),
        fileId: fileRef.shape.fileId.optional(),
        contentBase64: z
          .string({ error: '请选择名册文件' })
          .min(1, '名册文件是空的')
          .max(Math.ceil((MAX_ROSTER_FILE_BYTES * 4) / 3) + 4, '名册文件不能超过 2 MB')
          .optional(),
        dryRun: z.boolean().default(false),
      })
      .refine((v) => (v.fileId === undefined) !== (v.contentBase64 === undefined), {
        message: '请选择名册文件',
        path: ['fileId'],
      }),
    output: returns<RosterImportResult>(),
  },
  /**
   * Moves the latest import on (the roster page asks while it runs; the timer finishes it too)
   * and answers it: its counts and job, or null when no import was ever made.
   */
  continueImport: {
    input: z.strictObject({}),
    output: returns<RosterImportResult | null>(),
  },

  exportRoster: {
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: returns<ExportedFile>(),
  },

  issueInviteCode: {
    input: z.strictObject({ memberId: id }),
    output: returns<InviteCode>(),
  },

  unbind: {
    input: z.strictObject({
      memberId: id,
      reason: text('解除原因', MEMBER_LIMITS.reason, MEMBER_LIMITS.reasonMin),
    }),
    output: returns<RosterEntry>(),
  },

  /** One roster entry for the office: its fields, roles, state and the start of its audit trail. */
  getEntry: {
    input: z.strictObject({
      memberId: id,
      auditPageSize: paging.pageSize,
    }),
    output: returns<MemberEntryView>(),
  },

  /** Corrects an entry's fields (all of them, as the form shows them), guarded by `version`. */
  updateEntry: {
    input: z.strictObject({
      memberId: id,
      version: z.number({ error: '参数有误' }).int('参数有误').min(1, '参数有误'),
      name: text('姓名', MEMBER_LIMITS.name, 1),
      gender: z.enum(GENDERS, '性别不正确').nullable(),
      sector: optionalField('界别'),
      specialCommittee: optionalField('专委会'),
      standingMember: z.boolean({ error: '请选择是否常委' }),
      /** Blank (or null): no phone on the roster. */
      phone: z
        .string({ error: '手机号须为文字' })
        .trim()
        .regex(/^(?:1[3-9]\d{9})?$/, '手机号应为 11 位中国大陆手机号')
        .transform((s) => (s === '' ? null : s))
        .nullable(),
      term: optionalField('届次'),
    }),
    output: returns<RosterEntry>(),
  },

  /** The entry's roles on this page (EDITABLE_ROLES); roles managed elsewhere stay as they are. */
  setRoles: {
    input: z.strictObject({
      memberId: id,
      roles: z
        .array(z.enum(ROLES, '角色不正确'), { error: '请选择角色' })
        .min(1, '请至少选择一个角色')
        .max(ROLES.length, '角色不能重复'),
    }),
    output: returns<RosterEntry>(),
  },

  setActive: {
    input: z.strictObject({
      memberId: id,
      active: z.boolean({ error: '请选择启用或停用' }),
      reason: text('原因', MEMBER_LIMITS.reason, MEMBER_LIMITS.reasonMin),
    }),
    output: returns<RosterEntry>(),
  },

  listAuditLog: {
    input: z.strictObject({ targetId: id.optional(), ...paging }),
    output: returns<Page<AuditEntry>>(),
  },
}));
