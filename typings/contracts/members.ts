import * as z from 'zod';
import { returns } from './contract';
import { empty, id, keyword, paging } from './common';
import type { Page } from './envelope';

export const ROLES = ['member', 'studioHost', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  member: '委员',
  studioHost: '工作室负责人',
  staff: '机关工作人员',
  admin: '管理员',
};

/** A roster entry's `active` flag in words (the roster export's 状态 column). */
export const MEMBER_STATUS_LABELS: Record<'active' | 'inactive', string> = {
  active: '在册',
  inactive: '停用',
};

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export const phoneNumber = z
  .string()
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

const rosterFilters = {
  keyword,
  sector: z.string().trim().max(30).optional(),
  specialCommittee: z.string().trim().max(30).optional(),
  standingMember: z.boolean().optional(),
};

/** Roster files are small: 2,000 rows of a dozen columns fit comfortably. */
export const MAX_ROSTER_FILE_BYTES = 2 * 1024 * 1024;

export const members = {
  getMyProfile: { input: empty, output: returns<MyProfile>() },

  listDirectory: {
    input: z.strictObject({ ...rosterFilters, ...paging }),
    output: returns<Page<DirectoryEntry>>(),
  },

  bindByInviteCode: {
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
        .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字')),
    }),
    output: returns<MyProfile>(),
  },

  bindByPhone: {
    input: z.strictObject({ phoneCode: z.string().trim().min(1).max(128) }),
    output: returns<MyProfile>(),
  },

  listRoster: {
    input: z.strictObject({
      ...rosterFilters,
      bound: z.boolean().optional(),
      role: z.enum(ROLES).optional(),
      includeInactive: z.boolean().default(false),
      ...paging,
    }),
    output: returns<Page<RosterEntry>>(),
  },

  importRoster: {
    input: z.strictObject({
      fileName: z.string().trim().min(1).max(120),
      contentBase64: z
        .string()
        .min(1)
        .max(Math.ceil((MAX_ROSTER_FILE_BYTES * 4) / 3) + 4, '名册文件不能超过 2 MB'),
      dryRun: z.boolean().default(false),
    }),
    output: returns<RosterImportResult>(),
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
    input: z.strictObject({ memberId: id, reason: z.string().trim().min(2).max(200) }),
    output: returns<RosterEntry>(),
  },

  setRoles: {
    input: z.strictObject({
      memberId: id,
      roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    }),
    output: returns<RosterEntry>(),
  },

  setActive: {
    input: z.strictObject({
      memberId: id,
      active: z.boolean(),
      reason: z.string().trim().min(2).max(200),
    }),
    output: returns<RosterEntry>(),
  },

  listAuditLog: {
    input: z.strictObject({ targetId: id.optional(), ...paging }),
    output: returns<Page<AuditEntry>>(),
  },
};
