import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/*
 * Where the service keeps what it holds about one person, table by table,
 * for a subject access export and for anonymisation. Every column that
 * refers to a user is listed here once (a functional test reads the
 * database's foreign keys and fails when a migration adds one that is
 * not), either as the person's own records or as a record that names them
 * as the one who did something.
 */

/* A kind of record that belongs to the person: every row found is theirs. */
export type PersonalRecords = {
  /* The name of its CSV file and its key in the JSON document. */
  kind: string
  table: string
  /* The column holding the person's id (or, for Fast Stream records, their entrant id). */
  column: string
  /* Whose id the column holds. */
  of: 'user' | 'entrant' | 'shortlist'
  /* Secrets and hashes: never exported. */
  omit?: string[]
  /* The subject type of the audit events about these records, when their changes are audited. */
  auditSubject?: string
  /* Names to show beside ids, so the export reads without the service: a course's title beside its session. */
  names?: NameOf[]
}

/* A name looked up for an id column: `value` read from `table` (joined to `join` when given) as column `as`. */
type NameOf = {
  column: string
  table: string
  value: string
  as: string
  join?: [table: string, from: string, to: string]
}

const courseOfSession: NameOf = {
  column: 'session_id',
  table: 'course_sessions',
  value: 'courses.title',
  as: 'course_title',
  join: ['courses', 'course_sessions.course_id', 'courses.id'],
}
const skillName: NameOf = { column: 'skill_id', table: 'skills', value: 'name', as: 'skill_name' }
const courseTitle: NameOf = {
  column: 'course_id',
  table: 'courses',
  value: 'title',
  as: 'course_title',
}

export const PERSONAL_RECORDS: PersonalRecords[] = [
  {
    kind: 'profile',
    table: 'users',
    column: 'id',
    of: 'user',
    omit: ['password'],
    names: [
      { column: 'organisation_id', table: 'organisations', value: 'name', as: 'organisation_name' },
      { column: 'team_id', table: 'teams', value: 'name', as: 'team_name' },
      { column: 'line_manager_id', table: 'users', value: 'full_name', as: 'line_manager_name' },
    ],
  },
  { kind: 'roles', table: 'user_roles', column: 'user_id', of: 'user' },
  {
    kind: 'role_levels',
    table: 'role_assignments',
    column: 'user_id',
    of: 'user',
    auditSubject: 'role_assignment',
    names: [
      { column: 'role_level_id', table: 'role_levels', value: 'name', as: 'role_level_name' },
      {
        column: 'role_level_id',
        table: 'role_levels',
        value: 'role_profiles.name',
        as: 'role_profile_name',
        join: ['role_profiles', 'role_levels.role_profile_id', 'role_profiles.id'],
      },
    ],
  },
  {
    kind: 'assessments',
    table: 'skill_assessments',
    column: 'user_id',
    of: 'user',
    auditSubject: 'skill_assessment',
    names: [skillName],
  },
  {
    kind: 'skill_claims',
    table: 'skill_claims',
    column: 'user_id',
    of: 'user',
    auditSubject: 'skill_claim',
    names: [skillName],
  },
  {
    kind: 'enrolments',
    table: 'enrolments',
    column: 'user_id',
    of: 'user',
    auditSubject: 'enrolment',
    names: [courseOfSession],
  },
  {
    kind: 'nominations',
    table: 'nomination_people',
    column: 'user_id',
    of: 'user',
  },
  {
    kind: 'self_paced_enrolments',
    table: 'self_paced_enrolments',
    column: 'user_id',
    of: 'user',
    auditSubject: 'self_paced_enrolment',
    names: [courseTitle],
  },
  {
    kind: 'course_feedback',
    table: 'course_feedback',
    column: 'user_id',
    of: 'user',
    auditSubject: 'course_feedback',
    names: [courseTitle],
  },
  {
    kind: 'learning_record',
    table: 'learning_records',
    column: 'user_id',
    of: 'user',
    auditSubject: 'learning_record',
    names: [courseTitle],
  },
  {
    kind: 'certificates',
    table: 'certificates',
    column: 'user_id',
    of: 'user',
    auditSubject: 'certificate',
    names: [courseTitle],
  },
  { kind: 'required_learning', table: 'course_requirement_people', column: 'user_id', of: 'user' },
  {
    kind: 'required_learning_reminders',
    table: 'course_requirement_reminders',
    column: 'user_id',
    of: 'user',
  },
  {
    kind: 'development_plan_items',
    table: 'development_plan_items',
    column: 'user_id',
    of: 'user',
    auditSubject: 'development_plan_item',
    names: [skillName, courseTitle],
  },
  { kind: 'capability_standings', table: 'capability_standings', column: 'user_id', of: 'user' },
  {
    kind: 'capability_standing_categories',
    table: 'capability_standing_categories',
    column: 'user_id',
    of: 'user',
  },
  { kind: 'course_provider_admin', table: 'provider_admins', column: 'user_id', of: 'user' },
  {
    kind: 'fast_stream_entrant',
    table: 'fast_stream_entrants',
    column: 'user_id',
    of: 'user',
    auditSubject: 'fast_stream_entrant',
    names: [
      { column: 'scheme_id', table: 'fast_stream_schemes', value: 'name', as: 'scheme_name' },
      { column: 'cohort_id', table: 'fast_stream_cohorts', value: 'name', as: 'cohort_name' },
    ],
  },
  {
    kind: 'fast_stream_shortlists',
    table: 'placement_shortlists',
    column: 'entrant_id',
    of: 'entrant',
    auditSubject: 'placement_shortlist',
    names: [{ column: 'round_id', table: 'placement_rounds', value: 'name', as: 'round_name' }],
  },
  {
    kind: 'fast_stream_choices',
    table: 'placement_preferences',
    column: 'shortlist_id',
    of: 'shortlist',
    names: [{ column: 'placement_id', table: 'placements', value: 'title', as: 'placement_title' }],
  },
  {
    kind: 'fast_stream_team_rankings',
    table: 'placement_rankings',
    column: 'entrant_id',
    of: 'entrant',
  },
  {
    kind: 'fast_stream_matches',
    table: 'placement_matches',
    column: 'entrant_id',
    of: 'entrant',
    auditSubject: 'placement_match',
    names: [
      { column: 'round_id', table: 'placement_rounds', value: 'name', as: 'round_name' },
      { column: 'placement_id', table: 'placements', value: 'title', as: 'placement_title' },
    ],
  },
  {
    kind: 'fast_stream_postings',
    table: 'fast_stream_postings',
    column: 'entrant_id',
    of: 'entrant',
    auditSubject: 'fast_stream_posting',
  },
  {
    kind: 'two_step_verification',
    table: 'two_step_verifications',
    column: 'user_id',
    of: 'user',
    omit: ['secret'],
  },
  {
    kind: 'recovery_codes',
    table: 'recovery_codes',
    column: 'user_id',
    of: 'user',
    omit: ['code_hash'],
  },
  {
    kind: 'password_links',
    table: 'password_links',
    column: 'user_id',
    of: 'user',
    omit: ['selector', 'secret_hash'],
  },
  {
    kind: 'access_tokens',
    table: 'auth_access_tokens',
    column: 'tokenable_id',
    of: 'user',
    omit: ['hash'],
  },
  { kind: 'department_accounts', table: 'user_identities', column: 'user_id', of: 'user' },
  // The session's id is the cookie's secret, and its data the signed session itself.
  { kind: 'sessions', table: 'sessions', column: 'user_id', of: 'user', omit: ['id', 'data'] },
  { kind: 'exports', table: 'exports', column: 'user_id', of: 'user' },
]

/*
 * Records of other things that name the person as who did something or
 * who is responsible for them: listed by table, column and record id,
 * without the record's other values, which are about other people.
 */
export const NAMED_IN: { table: string; column: string }[] = [
  { table: 'users', column: 'line_manager_id' },
  { table: 'audit_events', column: 'actor_id' },
  { table: 'framework_imports', column: 'uploaded_by' },
  { table: 'enrolments', column: 'decided_by' },
  { table: 'enrolments', column: 'cancelled_by' },
  { table: 'enrolments', column: 'nominated_by' },
  { table: 'nominations', column: 'nominated_by' },
  { table: 'self_paced_enrolments', column: 'nominated_by' },
  { table: 'certificates', column: 'revoked_by' },
  { table: 'course_requirements', column: 'created_by' },
  { table: 'course_requirements', column: 'withdrawn_by' },
  { table: 'skill_claims', column: 'decided_by' },
  { table: 'role_assignments', column: 'proposed_by' },
  { table: 'role_assignments', column: 'confirmed_by' },
  { table: 'skill_assessments', column: 'assessed_by' },
  { table: 'development_plan_items', column: 'agreed_by' },
  { table: 'organisations', column: 'digital_leader_id' },
  { table: 'capability_plans', column: 'submitted_by' },
  { table: 'capability_plans', column: 'decided_by' },
  { table: 'capability_gaps', column: 'owner_id' },
  { table: 'services', column: 'service_manager_id' },
  { table: 'service_performance_reports', column: 'reported_by' },
  { table: 'staff_imports', column: 'uploaded_by' },
  { table: 'learning_packages', column: 'uploaded_by' },
  { table: 'placements', column: 'offered_by' },
  { table: 'placements', column: 'reviewed_by' },
  { table: 'placement_matches', column: 'adjusted_by' },
  { table: 'plan_snapshots', column: 'taken_by' },
  { table: 'password_links', column: 'created_by' },
  { table: 'invitation_runs', column: 'requested_by' },
]

/* Columns that refer to a user, by table: what the coverage test compares with the database. */
export function coveredUserColumns() {
  const covered = new Set<string>()
  for (const records of PERSONAL_RECORDS) {
    if (records.of === 'user' && records.table !== 'users') {
      covered.add(`${records.table}.${records.column}`)
    }
  }
  for (const { table, column } of NAMED_IN) covered.add(`${table}.${column}`)
  return covered
}

/* The ids of the rows a query finds. */
export async function idsFound(query: PromiseLike<{ id: number }[]>) {
  const rows = await query
  return rows.map((row) => row.id)
}

/* The person's id, and the ids of the entrant record and shortlists their Fast Stream records hang from. */
export async function personalRecordIds(client: QueryClientContract, userId: number) {
  const entrant = await idsFound(
    client.from('fast_stream_entrants').where('user_id', userId).select('id')
  )
  const shortlist = entrant.length
    ? await idsFound(
        client.from('placement_shortlists').whereIn('entrant_id', entrant).select('id')
      )
    : []
  return { user: [userId], entrant, shortlist }
}

/* The audit events about a person's own records (an enrolment, an assessment), kind by kind. */
export async function auditEventsAboutRecords(client: QueryClientContract, userId: number) {
  const idsOf = await personalRecordIds(client, userId)
  const found: { records: PersonalRecords; ids: number[] }[] = []
  for (const records of PERSONAL_RECORDS) {
    if (!records.auditSubject) continue
    const owners = idsOf[records.of]
    const ids = owners.length
      ? await idsFound(client.from(records.table).whereIn(records.column, owners).select('id'))
      : []
    if (ids.length) found.push({ records, ids })
  }
  if (found.length === 0) return []
  return client
    .from('audit_events')
    .where((where) => {
      for (const { records, ids } of found) {
        where.orWhere((about) =>
          about.where('subject_type', records.auditSubject!).whereIn('subject_id', ids.map(String))
        )
      }
    })
    .orderBy('id')
}

/* What a subject access export holds: each kind of record's rows, with their columns. */
export type SubjectAccessRecords = {
  kinds: { kind: string; columns: string[]; rows: Record<string, unknown>[] }[]
}

/* A row as exported: dates as ISO text, and without the columns never exported. */
function exported(row: Record<string, unknown>, omit: string[]) {
  const clean: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (omit.includes(key)) continue
    clean[key] = value instanceof Date ? value.toISOString() : value
  }
  return clean
}

/* Each row with the names its ids stand for, looked up once per kind of name. */
async function withNames(
  client: QueryClientContract,
  rows: Record<string, unknown>[],
  names: NameOf[]
) {
  for (const name of names) {
    const ids = [...new Set(rows.map((row) => row[name.column]).filter((id) => id !== null))]
    const found = new Map<unknown, unknown>()
    if (ids.length) {
      const query = client
        .from(name.table)
        .whereIn(`${name.table}.id`, ids as number[])
        .select(`${name.table}.id as id`, `${name.value} as name`)
      if (name.join) query.join(...name.join)
      for (const row of await query) found.set(row.id, row.name)
    }
    for (const row of rows) row[name.as] = found.get(row[name.column]) ?? null
  }
  return rows
}

/*
 * The columns of a table, in the database's order, without the ones never
 * exported. Read from the catalogue, as Lucid's columnsInfo does not work
 * inside a transaction.
 */
async function columnsOf(client: QueryClientContract, table: string, omit: string[]) {
  let rows: { name: string }[]
  if (client.dialect.name === 'mysql') {
    const [found] = await client.rawQuery(
      'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [table]
    )
    rows = found
  } else {
    rows = await client.rawQuery('PRAGMA table_info(??)', [table])
  }
  return rows.map((row) => row.name).filter((column) => !omit.includes(column))
}

/*
 * Everything the service holds about one person: their own records, the
 * Fast Stream records of their entrant record, the audit events about
 * them and by them, the staff import rows that carried their e-mail
 * address, and where other records name them.
 */
export async function subjectAccessRecords(
  userId: number,
  client: QueryClientContract = db.connection()
): Promise<SubjectAccessRecords> {
  const person = await client.from('users').where('id', userId).select('email').first()
  const idsOf = await personalRecordIds(client, userId)

  const kinds: SubjectAccessRecords['kinds'] = []
  for (const records of PERSONAL_RECORDS) {
    const omit = records.omit ?? []
    const ids = records.table === 'sessions' ? idsOf.user.map(String) : idsOf[records.of]
    const rows = ids.length
      ? await client.from(records.table).whereIn(records.column, ids).orderByRaw('1')
      : []
    const names = records.names ?? []
    kinds.push({
      kind: records.kind,
      columns: [...(await columnsOf(client, records.table, omit)), ...names.map(({ as }) => as)],
      rows: await withNames(
        client,
        rows.map((row: Record<string, unknown>) => exported(row, omit)),
        names
      ),
    })
  }

  const aboutColumns = await columnsOf(client, 'audit_events', [])
  const about = await client
    .from('audit_events')
    .where('subject_type', 'user')
    .where('subject_id', String(userId))
    .orderBy('id')
  kinds.push({
    kind: 'audit_events_about',
    columns: aboutColumns,
    rows: about.map((row: Record<string, unknown>) => exported(row, [])),
  })
  const aboutRecords = await auditEventsAboutRecords(client, userId)
  kinds.push({
    kind: 'audit_events_about_their_records',
    columns: aboutColumns,
    rows: aboutRecords.map((row: Record<string, unknown>) => exported(row, [])),
  })
  // What they did; the labels and values of what they changed are about others.
  const byColumns = ['id', 'actor_id', 'action', 'subject_type', 'subject_id', 'ip', 'created_at']
  const by = await client
    .from('audit_events')
    .where('actor_id', userId)
    .select(byColumns)
    .orderBy('id')
  kinds.push({
    kind: 'audit_events_by',
    columns: byColumns,
    rows: by.map((row: Record<string, unknown>) => exported(row, [])),
  })

  const importColumns = await columnsOf(client, 'staff_import_rows', [])
  const imported = person
    ? await client.from('staff_import_rows').where('email', person.email).orderBy('id')
    : []
  kinds.push({
    kind: 'staff_import_rows',
    columns: importColumns,
    rows: imported.map((row: Record<string, unknown>) => exported(row, [])),
  })

  const named: Record<string, unknown>[] = []
  for (const { table, column } of NAMED_IN) {
    if (table === 'audit_events') continue
    const rows = await client.from(table).where(column, userId).select('id').orderBy('id')
    for (const row of rows) named.push({ table, column, record_id: row.id })
  }
  kinds.push({ kind: 'named_in', columns: ['table', 'column', 'record_id'], rows: named })

  return { kinds }
}
