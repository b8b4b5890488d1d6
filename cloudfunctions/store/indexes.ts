/**
 * The indexes each collection needs, declared once. The SQLite adapter creates them on open;
 * `npm run build` writes them to build/database/indexes.json for CloudBase (see README).
 */
export interface IndexSpec {
  name: string;
  fields: Array<[field: string, direction: 'asc' | 'desc']>;
  unique?: boolean;
  /**
   * The first field is an array: CloudBase (MongoDB) indexes each element; an SQLite expression
   * index would hold the whole array as one value, so the SQLite adapter leaves it out.
   */
  multikey?: boolean;
}

export const COLLECTIONS: Record<string, IndexSpec[]> = {
  members: [
    { name: 'phone', fields: [['phone', 'asc']] },
    { name: 'openid', fields: [['openid', 'asc']] },
    // The roster and member pickers page by sector, then the name in the committee's order
    // (kernel/people-order.ts: stored keys, since a collator cannot run in the database).
    {
      name: 'sector_pinyin',
      fields: [
        ['sector', 'asc'],
        ['nameKeys.pinyin', 'asc'],
      ],
    },
    {
      name: 'sector_strokes',
      fields: [
        ['sector', 'asc'],
        ['nameKeys.strokes', 'asc'],
      ],
    },
    // Entries whose name keys are missing or older, for the timer to fill in.
    { name: 'name_keys', fields: [['nameKeys.v', 'asc']] },
    // A handling unit's contact accounts (proposals/unit-notices.ts).
    { name: 'unit', fields: [['unitId', 'asc']] },
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
  /** Checked roster files being applied (members/roster-job.ts); `current` names the latest. */
  roster_imports: [],
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
  /** Bulk work (kernel/jobs.ts): the timer takes the running ones that waited longest. */
  jobs: [
    {
      name: 'running',
      fields: [
        ['status', 'asc'],
        ['updatedAt', 'asc'],
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
    // The office's queue of accepted proposals not yet assigned (proposals.workQueue).
    {
      name: 'unassigned',
      fields: [
        ['status', 'asc'],
        ['handling.assignedAt', 'asc'],
        ['year', 'asc'],
        ['number', 'asc'],
      ],
    },
    // Full-text search (kernel/search-terms.ts): the terms, the most recently changed first;
    // and the documents whose terms the timer has still to write.
    {
      name: 'search',
      multikey: true,
      fields: [
        ['searchTerms', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
    { name: 'search_v', fields: [['searchV', 'asc']] },
    // What a handling unit was given (proposals.unitQueue): an array field, matched by element.
    {
      name: 'units',
      fields: [
        ['unitIds', 'asc'],
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
  // 大会发言: a member's own (proposals.listMySpeeches), the office's queue by status and year.
  speeches: [
    {
      name: 'author',
      fields: [
        ['authorId', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
    {
      name: 'status_submitted',
      fields: [
        ['status', 'asc'],
        ['year', 'asc'],
        ['submittedAt', 'asc'],
      ],
    },
  ],
  handling_units: [{ name: 'name', fields: [['name', 'asc']] }],
  opinions: [
    {
      name: 'author',
      fields: [
        ['authorId', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
    // Full-text search, as for proposals.
    {
      name: 'search',
      multikey: true,
      fields: [
        ['searchTerms', 'asc'],
        ['updatedAt', 'desc'],
      ],
    },
    { name: 'search_v', fields: [['searchV', 'asc']] },
    // An issue of 《社情民意》: the reports adopted under one 期号 (opinions.exportIssue).
    {
      name: 'issue',
      fields: [
        ['status', 'asc'],
        ['issue', 'asc'],
      ],
    },
  ],
  settings: [],
  settings_versions: [{ name: 'version', fields: [['version', 'desc']] }],
  idempotency: [{ name: 'at', fields: [['at', 'asc']] }],
  // 书香政协: every feed page is one range read on (filter…, key) — cursor, never skip.
  reading_periods: [
    {
      name: 'starts',
      fields: [['startsOn', 'desc']],
    },
  ],
  reading_books: [
    {
      name: 'period',
      fields: [
        ['periodId', 'asc'],
        ['createdAt', 'asc'],
      ],
    },
  ],
  reading_groups: [
    {
      name: 'period',
      fields: [
        ['periodId', 'asc'],
        ['createdAt', 'asc'],
      ],
    },
    {
      name: 'books',
      fields: [['bookIds', 'asc']],
    },
  ],
  reading_joins: [
    {
      name: 'member',
      fields: [['memberId', 'asc']],
    },
    {
      name: 'group',
      fields: [['groupId', 'asc']],
    },
  ],
  reading_posts: [
    {
      name: 'group_feed',
      fields: [
        ['groupId', 'asc'],
        ['visible', 'asc'],
        ['feedKey', 'desc'],
      ],
    },
    {
      name: 'group_rank',
      fields: [
        ['groupId', 'asc'],
        ['visible', 'asc'],
        ['rankKey', 'desc'],
      ],
    },
    {
      name: 'group_kind',
      fields: [
        ['groupId', 'asc'],
        ['kind', 'asc'],
        ['visible', 'asc'],
        ['feedKey', 'desc'],
      ],
    },
    {
      name: 'book_feed',
      fields: [
        ['bookId', 'asc'],
        ['visible', 'asc'],
        ['feedKey', 'desc'],
      ],
    },
    {
      name: 'book_rank',
      fields: [
        ['bookId', 'asc'],
        ['visible', 'asc'],
        ['rankKey', 'desc'],
      ],
    },
    {
      name: 'club_feed',
      fields: [
        ['visible', 'asc'],
        ['feedKey', 'desc'],
      ],
    },
    {
      name: 'club_rank',
      fields: [
        ['visible', 'asc'],
        ['rankKey', 'desc'],
      ],
    },
    {
      name: 'author',
      fields: [
        ['authorId', 'asc'],
        ['feedKey', 'desc'],
      ],
    },
    {
      name: 'author_group',
      fields: [
        ['groupId', 'asc'],
        ['authorId', 'asc'],
        ['status', 'asc'],
      ],
    },
    {
      name: 'queue',
      fields: [
        ['queue', 'asc'],
        ['queueKey', 'asc'],
      ],
    },
  ],
  reading_comments: [
    {
      name: 'post',
      fields: [
        ['postId', 'asc'],
        ['visible', 'asc'],
        ['feedKey', 'asc'],
      ],
    },
    {
      name: 'author',
      fields: [
        ['postId', 'asc'],
        ['authorId', 'asc'],
        ['status', 'asc'],
      ],
    },
    {
      name: 'queue',
      fields: [
        ['queue', 'asc'],
        ['queueKey', 'asc'],
      ],
    },
  ],
  reading_likes: [
    {
      name: 'member_post',
      fields: [
        ['memberId', 'asc'],
        ['postId', 'asc'],
      ],
    },
  ],
  reading_reports: [],
  reading_media: [
    {
      name: 'trace',
      fields: [['traceId', 'asc']],
    },
    {
      name: 'requested',
      fields: [
        ['status', 'asc'],
        ['requestedAt', 'asc'],
      ],
    },
    {
      name: 'to_request',
      fields: [
        ['status', 'asc'],
        ['createdAt', 'asc'],
      ],
    },
  ],
  reading_stats: [
    {
      name: 'period',
      fields: [['periodId', 'asc']],
    },
  ],
  reading_streaks: [
    {
      name: 'group',
      fields: [['groupId', 'asc']],
    },
  ],
  studios: [],
  studio_matters: [
    {
      name: 'studio_status',
      fields: [
        ['studioId', 'asc'],
        ['status', 'asc'],
        ['createdAt', 'desc'],
      ],
    },
    {
      name: 'raiser_day',
      fields: [
        ['openid', 'asc'],
        ['day', 'asc'],
      ],
    },
    {
      name: 'raiser',
      fields: [
        ['openid', 'asc'],
        ['createdAt', 'desc'],
      ],
    },
    {
      name: 'status',
      fields: [
        ['status', 'asc'],
        ['createdAt', 'asc'],
      ],
    },
  ],
  studio_consultations: [
    {
      name: 'studio_date',
      fields: [
        ['studioId', 'asc'],
        ['date', 'desc'],
      ],
    },
    { name: 'date', fields: [['date', 'asc']] },
    {
      name: 'deadline',
      fields: [
        ['status', 'asc'],
        ['nextDeadline', 'asc'],
      ],
    },
  ],
  studio_drafts: [
    { name: 'consultation', fields: [['consultationId', 'asc']] },
    { name: 'applied', fields: [['applied', 'asc']] },
  ],
  studio_meetings: [{ name: 'applied', fields: [['applied', 'asc']] }],
};
