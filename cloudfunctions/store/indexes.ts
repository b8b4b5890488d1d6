/**
 * The indexes each collection needs, declared once. The SQLite adapter creates them on open;
 * `npm run build` writes them to build/database/indexes.json for CloudBase (see README).
 */
export interface IndexSpec {
  name: string;
  fields: Array<[field: string, direction: 'asc' | 'desc']>;
  unique?: boolean;
}

export const COLLECTIONS: Record<string, IndexSpec[]> = {
  members: [
    { name: 'phone', fields: [['phone', 'asc']] },
    { name: 'openid', fields: [['openid', 'asc']] },
    {
      name: 'sector_name',
      fields: [
        ['sector', 'asc'],
        ['name', 'asc'],
      ],
    },
  ],
  bindings: [{ name: 'member', fields: [['memberId', 'asc']] }],
  invite_codes: [
    {
      name: 'member',
      fields: [
        ['memberId', 'asc'],
        ['issuedAt', 'desc'],
      ],
    },
  ],
  bind_attempts: [],
  audit_log: [
    { name: 'at', fields: [['at', 'desc']] },
    {
      name: 'target',
      fields: [
        ['targetId', 'asc'],
        ['at', 'desc'],
      ],
    },
  ],
  point_accounts: [
    {
      name: 'year_member',
      fields: [
        ['year', 'asc'],
        ['memberId', 'asc'],
      ],
    },
    {
      name: 'year_total',
      fields: [
        ['year', 'asc'],
        ['total', 'desc'],
      ],
    },
    { name: 'replay_rules', fields: [['replayRules', 'asc']] },
  ],
  point_years: [],
  checkin_doors: [],
  duty_events: [
    {
      name: 'pending',
      fields: [
        ['status', 'asc'],
        ['updatedAt', 'asc'],
      ],
    },
  ],
  point_entries: [
    {
      name: 'member_year_at',
      fields: [
        ['memberId', 'asc'],
        ['year', 'asc'],
        ['at', 'desc'],
      ],
    },
    {
      name: 'year_member',
      fields: [
        ['year', 'asc'],
        ['memberId', 'asc'],
      ],
    },
    { name: 'key', fields: [['key', 'asc']] },
  ],
  point_policies: [
    {
      name: 'year',
      fields: [
        ['year', 'asc'],
        ['version', 'desc'],
      ],
    },
  ],
  point_policy_heads: [],
  meetings: [
    {
      name: 'ends',
      fields: [
        ['endsAt', 'asc'],
        ['startsAt', 'asc'],
      ],
    },
  ],
  meeting_invitations: [
    {
      name: 'meeting',
      fields: [
        ['meetingId', 'asc'],
        ['active', 'asc'],
      ],
    },
    {
      name: 'member_start',
      fields: [
        ['memberId', 'asc'],
        ['meetingStartsAt', 'asc'],
      ],
    },
    {
      name: 'leave',
      fields: [
        ['reply', 'asc'],
        ['leaveStatus', 'asc'],
        ['meetingStartsAt', 'asc'],
      ],
    },
  ],
  meeting_checkins: [
    {
      name: 'meeting_session',
      fields: [
        ['meetingId', 'asc'],
        ['sessionId', 'asc'],
      ],
    },
  ],
  outbox: [
    {
      name: 'due',
      fields: [
        ['status', 'asc'],
        ['nextAttemptAt', 'asc'],
      ],
    },
  ],
  inbox: [
    {
      name: 'member',
      fields: [
        ['memberId', 'asc'],
        ['createdAt', 'desc'],
      ],
    },
  ],
  subscriptions: [],
  system_secrets: [],
  proposals: [
    {
      name: 'lead',
      fields: [
        ['leadId', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
    {
      name: 'status_submitted',
      fields: [
        ['status', 'asc'],
        ['submittedAt', 'asc'],
      ],
    },
    {
      name: 'public',
      fields: [
        ['status', 'asc'],
        ['year', 'desc'],
        ['number', 'asc'],
      ],
    },
    {
      name: 'updated',
      fields: [
        ['status', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
    // Accepted proposals by handling stage: those to evaluate (replied), the overdue ones.
    {
      name: 'handling_stage',
      fields: [
        ['status', 'asc'],
        ['handling.stage', 'asc'],
        ['handling.deadline', 'asc'],
      ],
    },
  ],
  proposal_counters: [],
  handling_units: [{ name: 'name', fields: [['name', 'asc']] }],
  opinions: [
    {
      name: 'author',
      fields: [
        ['authorId', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
  ],
  settings: [],
  settings_versions: [{ name: 'version', fields: [['version', 'desc']] }],
  idempotency: [{ name: 'at', fields: [['at', 'asc']] }],
};
