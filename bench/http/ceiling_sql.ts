/*
 * The ceiling's SQL: for each benchmark target, the main query its page or
 * endpoint runs, as the service's query builder writes it for the same
 * inputs (copied from the statements the service logs, bindings as `?`).
 * A bare Node server runs these through mysql2 and answers the rows as
 * JSON, which is as fast as the page could be if the framework, the other
 * queries and the templates cost nothing.
 *
 * Time-dependent bindings ("now", the financial year) are computed per
 * request, as the service does.
 */

/* What each ceiling query needs to know, chosen by the benchmark from the data. */
export type CeilingInput =
  | { kind: 'static'; body: string; contentType: string }
  | { kind: 'catalogue'; term: string | null; mode: string | null; sort: 'title' | 'next_session' }
  | { kind: 'course_sessions'; courseId: number }
  | { kind: 'gap_courses'; gaps: Array<{ skillId: number; required: number }> }
  | { kind: 'trends'; organisationKey: number }
  | { kind: 'training'; organisation: { id: number; path: string } | null }
  | { kind: 'coverage'; organisation: { id: number; path: string } | null }
  | { kind: 'headcount'; organisation: { id: number; path: string } | null }
  | { kind: 'fast_stream'; organisation: { id: number; path: string } | null }
  | { kind: 'performance'; organisation: { id: number; path: string } | null }
  | { kind: 'service_periods'; serviceId: number }
  | { kind: 'role_profiles' }
  | { kind: 'services' }
  | { kind: 'enrol' }

export type Statement = { sql: string; params: unknown[] }

/* Timestamps are compared as UTC wall-clock time, as the service stores them. */
export function sqlTime(date = new Date()) {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

/* The financial year (April to March) that today falls in, as dates. */
export function financialYearBounds(date = new Date()): [string, string] {
  const year = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1
  return [`${year}-04-01`, `${year + 1}-04-01`]
}

/* LIKE pattern with "!" escaping wildcards, as the catalogue writes it. */
function containing(term: string) {
  return `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`
}

/*
 * The next upcoming scheduled session of the enclosing query's course
 * (catalogue_query.ts, nextSession), giving `column`.
 */
function nextSessionSql(column: 'id' | 'starts_at', now: string) {
  return {
    sql:
      `(select \`course_sessions\`.\`${column}\` from \`course_sessions\` where \`course_sessions\`.\`course_id\` = \`courses\`.\`id\` ` +
      'and `course_sessions`.`status` = ? and `course_sessions`.`starts_at` > ? ' +
      'order by `course_sessions`.`starts_at` asc, `course_sessions`.`id` asc limit ?)',
    params: ['scheduled', now, 1] as unknown[],
  }
}

/* Catalogue search (app/queries/learning/catalogue_query.ts, searchCatalogue): the page of courses with each one's next session. */
function catalogue(input: Extract<CeilingInput, { kind: 'catalogue' }>): Statement {
  const now = sqlTime()
  const next = nextSessionSql('id', now)
  const params: unknown[] = [...next.params, 'published']
  let where = ''
  if (input.term) {
    const like = containing(input.term)
    where +=
      " and (lower(courses.title) like ? escape '!' or lower(courses.code) like ? escape '!' or lower(coalesce(courses.summary, '')) like ? escape '!')"
    params.push(like, like, like)
  }
  if (input.mode) {
    where += ' and `courses`.`mode` = ?'
    params.push(input.mode)
  }
  let order = 'order by `courses`.`title` asc, `courses`.`id` asc'
  if (input.sort === 'next_session') {
    const starts = nextSessionSql('starts_at', now)
    order = `order by case when ${starts.sql} is null then 1 else 0 end, ${starts.sql} asc, \`courses\`.\`title\` asc, \`courses\`.\`id\` asc`
    params.push(...starts.params, ...starts.params)
  }
  params.push(20)
  return {
    sql: `select \`courses\`.*, ${next.sql} as \`next_session_id\` from \`courses\` where \`courses\`.\`status\` = ?${where} ${order} limit ?`,
    params,
  }
}

/* A course page's upcoming sessions with their counts (catalogue_query.ts, courseWithSessions). */
function courseSessions(input: Extract<CeilingInput, { kind: 'course_sessions' }>): Statement {
  return {
    sql:
      'select `course_sessions`.*, ' +
      '(select count(*) from `enrolments` where `enrolments`.`session_id` = `course_sessions`.`id` and `enrolments`.`status` = ?) as `booked_count`, ' +
      '(select count(*) from `enrolments` where `enrolments`.`session_id` = `course_sessions`.`id` and `enrolments`.`status` = ?) as `waitlisted_count` ' +
      'from `course_sessions` ' +
      'where `course_sessions`.`course_id` = ? and `course_sessions`.`status` = ? and `course_sessions`.`starts_at` > ? ' +
      'order by `course_sessions`.`starts_at` asc, `course_sessions`.`id` asc',
    params: ['booked', 'waitlisted', input.courseId, 'scheduled', sqlTime()],
  }
}

/*
 * The courses closing a person's gaps and their next sessions with seats
 * left (gaps_query.ts, coursesClosingGaps), its two statements as one: the
 * sessions query over the courses the outcomes query finds.
 */
function gapCourses(input: Extract<CeilingInput, { kind: 'gap_courses' }>): Statement {
  const now = sqlTime()
  const pairs = input.gaps
    .map(() => '(`course_outcomes`.`skill_id` = ? and `course_outcomes`.`level` >= ?)')
    .join(' or ')
  return {
    sql:
      'select `upcoming`.*, upcoming.capacity - (select count(*) from enrolments where enrolments.session_id = upcoming.id and enrolments.status = ?) as seats_left from ' +
      '(select `course_sessions`.`id`, `course_sessions`.`course_id`, `course_sessions`.`starts_at`, `course_sessions`.`venue`, `course_sessions`.`location`, `course_sessions`.`capacity`, ' +
      'row_number() over (partition by course_sessions.course_id order by course_sessions.starts_at, course_sessions.id) as rn from `course_sessions` ' +
      'where `course_sessions`.`course_id` in (select `course_outcomes`.`course_id` from `course_outcomes` inner join `courses` on `courses`.`id` = `course_outcomes`.`course_id` ' +
      `where \`courses\`.\`status\` = ? and (${pairs})) ` +
      'and `course_sessions`.`status` = ? and `course_sessions`.`starts_at` > ? and `course_sessions`.`booking_closes_at` > ?) as `upcoming` ' +
      'where `upcoming`.`rn` <= ? order by `upcoming`.`course_id` asc, `upcoming`.`rn` asc',
    params: [
      'booked',
      'published',
      ...input.gaps.flatMap((gap) => [gap.skillId, gap.required]),
      'scheduled',
      now,
      now,
      3,
    ],
  }
}

/* The overview dashboard's trend lines (insights/trends_query.ts, trends). */
function trends(input: Extract<CeilingInput, { kind: 'trends' }>): Statement {
  const [start, end] = financialYearBounds()
  return {
    sql: 'select `taken_on`, `measure`, `value` from `metric_snapshots` where `organisation_key` = ? and `taken_on` >= ? and `taken_on` < ? order by `taken_on` asc',
    params: [input.organisationKey, start, end],
  }
}

/* The learning dashboard's training panel (insights/training_query.ts, training): enrolments by status. */
function training(input: Extract<CeilingInput, { kind: 'training' }>): Statement {
  const [start, end] = financialYearBounds()
  const params: unknown[] = [`${start} 00:00:00`, `${end} 00:00:00`]
  let people = ''
  let scope = ''
  if (input.organisation) {
    // Only an organisation's figures look at who enrolled.
    people = 'inner join `users` as `u` on `u`.`id` = `e`.`user_id` '
    scope =
      ' and `u`.`organisation_id` in (select `id` from `organisations` where (`id` = ? or `path` like ?))'
    params.push(input.organisation.id, `${input.organisation.path}${input.organisation.id}/%`)
  }
  return {
    sql:
      'select `e`.`status`, count(*) as `enrolments`, sum(`c`.`cost_pence`) as `cost` from `enrolments` as `e` ' +
      'inner join `course_sessions` as `cs` on `cs`.`id` = `e`.`session_id` inner join `courses` as `c` on `c`.`id` = `cs`.`course_id` ' +
      `${people}where \`cs\`.\`starts_at\` >= ? and \`cs\`.\`starts_at\` < ?` +
      `${scope} group by \`e\`.\`status\``,
    params,
  }
}

/* The ids of an organisation's tree, as the dashboards' scope writes it. */
function subtree(organisation: { id: number; path: string } | null, column: string) {
  if (!organisation) return { where: '', params: [] as unknown[] }
  return {
    where: ` where ${column} in (select \`id\` from \`organisations\` where (\`id\` = ? or \`path\` like ?))`,
    params: [organisation.id, `${organisation.path}${organisation.id}/%`] as unknown[],
  }
}

/* The capability dashboard's coverage by organisation (insights/capability_query.ts, coverageByOrganisation). */
function coverage(input: Extract<CeilingInput, { kind: 'coverage' }>): Statement {
  const scope = subtree(input.organisation, '`capability_standings`.`organisation_id`')
  return {
    sql:
      'select `pp`.`organisation_id`, `o`.`path`, count(*) as `people`, sum(case when pp.below = 0 then 1 else 0 end) as meeting from ' +
      '(select `capability_standings`.`user_id`, `capability_standings`.`organisation_id`, `capability_standings`.`role_family_id`, `capability_standings`.`below` from `capability_standings`' +
      `${scope.where}) as \`pp\` inner join \`organisations\` as \`o\` on \`o\`.\`id\` = \`pp\`.\`organisation_id\` group by \`pp\`.\`organisation_id\`, \`o\`.\`path\``,
    params: scope.params,
  }
}

/* The workforce dashboard's people in post by role profile (insights/headcount_query.ts). */
function headcountInPost(input: Extract<CeilingInput, { kind: 'headcount' }>): Statement {
  const scope = subtree(input.organisation, '`cs`.`organisation_id`')
  return {
    sql:
      'select `cs`.`role_profile_id` as `group_key`, count(*) as `value` from `capability_standings` as `cs`' +
      `${scope.where} group by \`cs\`.\`role_profile_id\``,
    params: scope.params,
  }
}

/* The Fast Stream dashboard's placements of the latest published round (insights/fast_stream_query.ts). */
function fastStream(input: Extract<CeilingInput, { kind: 'fast_stream' }>): Statement {
  const scope = subtree(input.organisation, '`p`.`organisation_id`')
  const where = scope.where ? scope.where.replace(' where ', ' and ') : ''
  return {
    sql:
      'select `p`.`organisation_id`, `o`.`path`, count(*) as `placements`, sum(`p`.`capacity`) as `offered` from `placements` as `p` ' +
      'inner join `organisations` as `o` on `o`.`id` = `p`.`organisation_id` ' +
      "where `p`.`round_id` = (select `id` from `placement_rounds` where `status` = 'published' order by `published_at` desc, `id` desc limit 1) " +
      `and \`p\`.\`status\` = 'approved'${where} group by \`p\`.\`organisation_id\`, \`o\`.\`path\``,
    params: scope.params,
  }
}

/* The API's list of role profiles, first page (framework/framework_api_query.ts, roleProfilePage). */
function roleProfiles(): Statement {
  return {
    sql: 'select * from `role_profiles` where `retired_at` is null and exists (select * from `role_families` where (`retired_at` is null) and (`role_families`.`id` = `role_profiles`.`role_family_id`)) order by `name` asc, `id` asc limit ?',
    params: [25],
  }
}

/*
 * The API's services register, first page for all of government
 * (workforce/services_query.ts, servicePage): each service with its
 * Service Manager's standing against strategy action 02.
 */
const SERVICES_SQL =
  'select `s`.`id`, `s`.`name`, `s`.`organisation_id`, `s`.`annual_transactions`, `s`.`phase`, ' +
  '`s`.`is_exemplar`, `o`.`name` as `organisation_name`, `sm`.`id` as `manager_id`, `sm`.`full_name` ' +
  'as `manager_name`, `sm`.`email` as `manager_email`, `sm`.`organisation_id` as `manager_organisation_id`, ' +
  '(case when s.annual_transactions <= ? then ? when sm.id is null or sm.deactivated_at ' +
  'is not null then ? when not exists (select ca.course_id from course_audiences ca join ' +
  'courses c on c.id = ca.course_id join role_profiles rp on rp.id = ca.role_profile_id ' +
  "where rp.name = ? and ca.kind = 'mandatory' and c.status = 'published') then ? when " +
  'not exists (select 1 from (select ca.course_id from course_audiences ca join courses ' +
  'c on c.id = ca.course_id join role_profiles rp on rp.id = ca.role_profile_id where ' +
  "rp.name = ? and ca.kind = 'mandatory' and c.status = 'published') m where not exists " +
  '(select 1 from learning_records lr where lr.user_id = s.service_manager_id and lr.course_id ' +
  "= m.course_id and lr.source = 'enrolment')) then ? when not exists (select 1 from " +
  '(select ca.course_id from course_audiences ca join courses c on c.id = ca.course_id ' +
  'join role_profiles rp on rp.id = ca.role_profile_id where rp.name = ? and ca.kind ' +
  "= 'mandatory' and c.status = 'published') m where not exists (select 1 from learning_records " +
  'lr where lr.user_id = s.service_manager_id and lr.course_id = m.course_id and lr.source ' +
  "= 'enrolment') and not exists (select 1 from enrolments e join course_sessions cs " +
  'on cs.id = e.session_id where e.user_id = s.service_manager_id and cs.course_id = ' +
  'm.course_id and e.status in (?, ?, ?))) then ? else ? end) as status from `services` ' +
  'as `s` inner join `organisations` as `o` on `o`.`id` = `s`.`organisation_id` left ' +
  'join `users` as `sm` on `sm`.`id` = `s`.`service_manager_id` order by `o`.`name` asc, ' +
  '`s`.`name` asc, `s`.`id` asc limit ?'

function services(): Statement {
  return {
    sql: SERVICES_SQL,
    params: [
      100000,
      'not_required',
      'none_named',
      'Service Manager',
      'not_trained',
      'Service Manager',
      'compliant',
      'Service Manager',
      'requested',
      'booked',
      'waitlisted',
      'training_booked',
      'not_trained',
      25,
    ],
  }
}

/* The first days of the last finished month and quarter, and of the period before each, as ISO dates. */
function lastPeriods(date = new Date()) {
  const first = (months: number) =>
    new Date(Date.UTC(Math.floor(months / 12), months % 12, 1)).toISOString().slice(0, 10)
  const month = date.getUTCFullYear() * 12 + date.getUTCMonth()
  const quarter = month - (month % 3)
  return [first(month - 1), first(month - 2), first(quarter - 3), first(quarter - 6)]
}

/*
 * Service performance across services (workforce/performance_overview_query.ts,
 * servicesWithPeriods): the last finished period and the one before of
 * every service in scope.
 */
function performance(input: Extract<CeilingInput, { kind: 'performance' }>): Statement {
  const scope = input.organisation ? ' where (`o`.`id` = ? or `o`.`path` like ?)' : ''
  return {
    sql:
      'select `r`.* from `service_performance_reports` as `r` where `r`.`period_start` in (?, ?, ?, ?) and `r`.`service_id` in ' +
      `(select \`s\`.\`id\` from \`services\` as \`s\` inner join \`organisations\` as \`o\` on \`o\`.\`id\` = \`s\`.\`organisation_id\`${scope})`,
    params: [
      ...lastPeriods(),
      ...(input.organisation ? [input.organisation.id, `%/${input.organisation.id}/%`] : []),
    ],
  }
}

/* One service's figures, every period (workforce/service_performance_query.ts, servicePerformance). */
function servicePeriods(input: Extract<CeilingInput, { kind: 'service_periods' }>): Statement {
  return {
    sql: 'select * from `service_performance_reports` where `service_id` = ? order by `period_start` asc',
    params: [input.serviceId],
  }
}

/* The statement a target's ceiling runs (not for `static` and `enrol`, which are not one query). */
export function ceilingStatement(input: CeilingInput): Statement | null {
  switch (input.kind) {
    case 'catalogue':
      return catalogue(input)
    case 'course_sessions':
      return courseSessions(input)
    case 'gap_courses':
      return gapCourses(input)
    case 'trends':
      return trends(input)
    case 'training':
      return training(input)
    case 'coverage':
      return coverage(input)
    case 'headcount':
      return headcountInPost(input)
    case 'fast_stream':
      return fastStream(input)
    case 'performance':
      return performance(input)
    case 'service_periods':
      return servicePeriods(input)
    case 'role_profiles':
      return roleProfiles()
    case 'services':
      return services()
    case 'static':
    case 'enrol':
      return null
  }
}

/*
 * The enrolment transaction (actions/learning/enrol.ts with
 * seat_allocation.ts), statement for statement: lock the session, read
 * its course, look for an active enrolment, count booked seats, then book
 * a seat or take the next waiting-list place.
 */
export const ENROL_SQL = {
  lockSession: 'select * from `course_sessions` where `id` = ? limit ? for update',
  course: 'select * from `courses` where `id` = ? limit ?',
  existing: 'select * from `enrolments` where `active_session_id` = ? and `user_id` = ? limit ?',
  booked: 'select count(*) as `total` from `enrolments` where `session_id` = ? and `status` = ?',
  lastPosition:
    'select max(`waitlist_position`) as `last` from `enrolments` where `session_id` = ? and `status` = ? limit ?',
  insert:
    'insert into `enrolments` (`active_session_id`, `booked_at`, `created_at`, `session_id`, `status`, `updated_at`, `user_id`, `waitlist_position`) values (?, ?, ?, ?, ?, ?, ?, ?)',
}
