import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import { SERVICE_MANAGER_THRESHOLD } from '#enums/workforce'
import type { OrganisationType } from '#enums/organisation_types'
import workforceConfig from '#config/workforce'
import {
  DIGITAL_LEADER_PROFILE,
  digitalLeaderReason,
  digitalLeaderState,
  meetsActionOne,
  type DigitalLeaderState,
} from '#domain/workforce/digital_leader_standing'
import {
  gradesAtOrAbove,
  serviceManagerWarnings,
  type ServiceWarning,
} from '#domain/workforce/service_manager_warnings'

/* The role profile whose mandatory courses a Service Manager must have completed. */
export const SERVICE_MANAGER_PROFILE = 'Service Manager'

/*
 * Where a service stands against action 02. Services at or under the
 * threshold are not required to have a Service Manager.
 */
export const complianceStatusLabels = {
  compliant: 'Compliant',
  none_named: 'No Service Manager named',
  not_trained: 'Service Manager not trained',
  training_booked: 'Service Manager training booked',
  not_required: 'Not required (100,000 transactions a year or fewer)',
} as const
export type ComplianceStatus = keyof typeof complianceStatusLabels
export type ComplianceReason = Exclude<ComplianceStatus, 'compliant' | 'not_required'>

/* Enrolments that show training is on its way. */
const BOOKING_STATUSES = ['requested', 'booked', 'waitlisted']

/*
 * The published courses mandatory for the Service Manager role profile, as
 * SQL selecting course_id. Completed courses count only when completed
 * through the service (a session attended or a self-paced course
 * finished): declared learning does not.
 */
const MANDATORY_COURSES =
  'select ca.course_id from course_audiences ca' +
  ' join courses c on c.id = ca.course_id' +
  ' join role_profiles rp on rp.id = ca.role_profile_id' +
  " where rp.name = ? and ca.kind = 'mandatory' and c.status = 'published'"

const COMPLETED =
  'exists (select 1 from learning_records lr where lr.user_id = s.service_manager_id' +
  " and lr.course_id = m.course_id and lr.source <> 'declared')"

const BOOKED =
  '(exists (select 1 from enrolments e join course_sessions cs on cs.id = e.session_id' +
  ' where e.user_id = s.service_manager_id and cs.course_id = m.course_id' +
  ` and e.status in (${BOOKING_STATUSES.map(() => '?').join(', ')}))` +
  ' or exists (select 1 from self_paced_enrolments spe where spe.user_id = s.service_manager_id' +
  " and spe.course_id = m.course_id and spe.status = 'in_progress'))"

/*
 * The status of service "s" (joined to its manager as "sm") as one SQL
 * expression, with its bindings: usable in a select and in a where.
 */
export function complianceStatusSql(): { sql: string; bindings: (string | number)[] } {
  const sql =
    'case' +
    ' when s.annual_transactions <= ? then ?' +
    ' when sm.id is null or sm.deactivated_at is not null then ?' +
    // With no mandatory course defined there is nothing to show the manager is trained.
    ` when not exists (${MANDATORY_COURSES}) then ?` +
    ` when not exists (select 1 from (${MANDATORY_COURSES}) m where not ${COMPLETED}) then ?` +
    ` when not exists (select 1 from (${MANDATORY_COURSES}) m where not ${COMPLETED} and not ${BOOKED}) then ?` +
    ' else ? end'
  const bindings = [
    SERVICE_MANAGER_THRESHOLD,
    'not_required',
    'none_named',
    SERVICE_MANAGER_PROFILE,
    'not_trained',
    SERVICE_MANAGER_PROFILE,
    'compliant',
    SERVICE_MANAGER_PROFILE,
    ...BOOKING_STATUSES,
    'training_booked',
    'not_trained',
  ]
  return { sql: `(${sql})`, bindings }
}

/* Whether a status passes action 02 (services under the threshold pass by default). */
export function passes(status: ComplianceStatus) {
  return status === 'compliant' || status === 'not_required'
}

export type FailingService = {
  id: number
  name: string
  organisationId: number
  organisationName: string
  annualTransactions: number
  serviceManager: { id: number; name: string } | null
  reason: ComplianceReason
}

/*
 * Services over the threshold in scope ("s", with organisation "o" and
 * Service Manager "sm"), each with its status, by organisation and name:
 * what the compliance page and its export both read.
 */
export function servicesOverThreshold(scope: OrganisationScope) {
  const status = complianceStatusSql()
  const query = db
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('users as sm', 'sm.id', 's.service_manager_id')
    .where('s.annual_transactions', '>', SERVICE_MANAGER_THRESHOLD)
    .select(
      's.id',
      's.name',
      's.organisation_id',
      's.annual_transactions',
      'o.name as organisation_name',
      'sm.id as manager_id',
      'sm.full_name as manager_name'
    )
    .select(db.raw(`${status.sql} as status`, status.bindings))
  return scope.apply(query, 's.organisation_id')
}

/* Action 02: services over the threshold in scope, the failing ones with their reason. */
export async function serviceManagerCompliance(scope: OrganisationScope) {
  const query = servicesOverThreshold(scope).orderBy('o.name').orderBy('s.name')
  const rows = await query
  const failing: FailingService[] = []
  let passing = 0
  for (const row of rows) {
    const rowStatus = row.status as ComplianceStatus
    if (passes(rowStatus)) {
      passing += 1
      continue
    }
    failing.push({
      id: Number(row.id),
      name: row.name,
      organisationId: Number(row.organisation_id),
      organisationName: row.organisation_name,
      annualTransactions: Number(row.annual_transactions),
      serviceManager:
        row.manager_id === null ? null : { id: Number(row.manager_id), name: row.manager_name },
      reason: rowStatus as ComplianceReason,
    })
  }
  return { total: rows.length, passing, failing }
}

export type DigitalLeaderRow = {
  organisation: { id: number; name: string; type: OrganisationType }
  digitalLeader: {
    id: number
    name: string
    email: string
    active: boolean
    grade: string | null
    onBoard: boolean
  } | null
  state: DigitalLeaderState
  /* Why the organisation falls short, in words; null when compliant. */
  reason: string | null
  compliant: boolean
}

/* The Digital Leader holds a current role level in the Digital Leader role profile. */
const LEADER_IN_ROLE =
  'exists (select 1 from role_assignments ra' +
  ' join role_levels rl on rl.id = ra.role_level_id' +
  ' join role_profiles rp on rp.id = rl.role_profile_id' +
  " where ra.user_id = dl.id and ra.active_kind = 'current' and rp.name = ?)"

const LEADER_COMPLETED =
  'exists (select 1 from learning_records lr where lr.user_id = dl.id' +
  " and lr.course_id = m.course_id and lr.source <> 'declared')"

const LEADER_BOOKED =
  '(exists (select 1 from enrolments e join course_sessions cs on cs.id = e.session_id' +
  ' where e.user_id = dl.id and cs.course_id = m.course_id' +
  ` and e.status in (${BOOKING_STATUSES.map(() => '?').join(', ')}))` +
  ' or exists (select 1 from self_paced_enrolments spe where spe.user_id = dl.id' +
  " and spe.course_id = m.course_id and spe.status = 'in_progress'))"

/*
 * Action 01: every ministerial and non-ministerial department, and every
 * transactional agency (transactional itself or part of a transactional
 * department), in scope, with its Digital Leader and the facts action 01
 * needs about them (grade, board, role, Digital Leaders' courses), each
 * counted in SQL. The compliance page, its export, the dashboard and the
 * API all read it.
 */
export function digitalLeaderOrganisations(scope: OrganisationScope) {
  const query = db
    .from('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .leftJoin('users as dl', 'dl.id', 'o.digital_leader_id')
    .whereNull('o.retired_at')
    .where((where) => {
      where
        .whereIn('o.type', ['ministerial_department', 'non_ministerial_department'])
        .orWhere((agency) =>
          agency
            .where('o.type', 'agency')
            .where((transactional) =>
              transactional.where('o.is_transactional', true).orWhere('p.is_transactional', true)
            )
        )
    })
    .select(
      'o.id',
      'o.name',
      'o.type',
      'o.digital_leader_on_board as leader_on_board',
      'dl.id as leader_id',
      'dl.full_name as leader_name',
      'dl.email as leader_email',
      'dl.grade as leader_grade',
      'dl.deactivated_at as leader_deactivated_at'
    )
    .select(db.raw(`${LEADER_IN_ROLE} as leader_in_role`, [DIGITAL_LEADER_PROFILE]))
    .select(
      db.raw(`(select count(*) from (${MANDATORY_COURSES}) m) as leader_courses`, [
        DIGITAL_LEADER_PROFILE,
      ])
    )
    .select(
      db.raw(
        `(select count(*) from (${MANDATORY_COURSES}) m where ${LEADER_COMPLETED}) as leader_completed`,
        [DIGITAL_LEADER_PROFILE]
      )
    )
    .select(
      db.raw(
        `(select count(*) from (${MANDATORY_COURSES}) m where not ${LEADER_COMPLETED} and ${LEADER_BOOKED}) as leader_booked`,
        [DIGITAL_LEADER_PROFILE, ...BOOKING_STATUSES]
      )
    )
  return scope.apply(query, 'o.id')
}

/* One row of digitalLeaderOrganisations with its standing, by the action 01 rule. */
export function digitalLeaderStanding(row: Record<string, any>): DigitalLeaderRow {
  const leader =
    row.leader_id === null || row.leader_id === undefined
      ? null
      : {
          id: Number(row.leader_id),
          name: String(row.leader_name),
          email: String(row.leader_email),
          active: row.leader_deactivated_at === null,
          grade: row.leader_grade ?? null,
          onBoard: Boolean(row.leader_on_board),
        }
  const state = digitalLeaderState({
    leader,
    onBoard: Boolean(row.leader_on_board),
    holdsRole: Boolean(row.leader_in_role),
    mandatoryCourses: Number(row.leader_courses ?? 0),
    completedCourses: Number(row.leader_completed ?? 0),
    bookedCourses: Number(row.leader_booked ?? 0),
  })
  return {
    organisation: { id: Number(row.id), name: row.name, type: row.type },
    digitalLeader: leader,
    state,
    reason: digitalLeaderReason(state, leader),
    compliant: meetsActionOne(state),
  }
}

/* Action 01 in scope: every organisation it covers, and those that fall short. */
export async function digitalLeaderCompliance(scope: OrganisationScope) {
  const query = digitalLeaderOrganisations(scope).orderBy('o.name').orderBy('o.id')
  const rows = await query
  const organisations = rows.map(digitalLeaderStanding)
  const failing = organisations.filter((row) => !row.compliant)
  return {
    organisations,
    total: organisations.length,
    passing: organisations.length - failing.length,
    failing,
  }
}

/* SQL that joins strings, in the dialect of the connection in use. */
function concat(...parts: string[]) {
  return db.connection().dialect.name === 'mysql'
    ? `CONCAT(${parts.join(', ')})`
    : parts.join(' || ')
}

/*
 * The department an organisation "org" belongs to, as SQL: the first id of
 * its path ("/1/" for "/1/7/"), or its own id when it is a department.
 */
function departmentKeySql(alias: string) {
  return (
    `case when ${alias}.path = '/' then ${concat("'/'", `${alias}.id`, "'/'")}` +
    ` else substr(${alias}.path, 1, instr(substr(${alias}.path, 2), '/') + 1) end`
  )
}

/* How many services, and in how many departments, each person is Service Manager of. */
function managerLoad() {
  return db
    .from('services as ms')
    .join('organisations as mo', 'mo.id', 'ms.organisation_id')
    .whereNotNull('ms.service_manager_id')
    .groupBy('ms.service_manager_id')
    .select('ms.service_manager_id')
    .count('* as services')
    .select(db.raw(`count(distinct ${departmentKeySql('mo')}) as departments`))
}

/*
 * Adds to a query of services "s" with Service Manager "sm" what the
 * action 02 warnings need: the manager's grade and how many services, in
 * how many departments, they are named for (one grouped subquery).
 */
export function withManagerFacts<T extends { leftJoin: (...args: any[]) => any }>(query: T): T {
  ;(query as any)
    .leftJoin(managerLoad().knexQuery.as('ml'), 'ml.service_manager_id', 's.service_manager_id')
    .select(
      'sm.grade as manager_grade',
      'sm.deactivated_at as manager_deactivated_at',
      'ml.services as manager_services',
      'ml.departments as manager_departments'
    )
  return query
}

/* The action 02 warnings of a service row read with withManagerFacts. */
export function warningsOf(row: Record<string, any>): ServiceWarning[] {
  return serviceManagerWarnings(
    {
      annualTransactions: Number(row.annual_transactions),
      manager:
        row.manager_id === null || row.manager_id === undefined
          ? null
          : {
              active: row.manager_deactivated_at === null,
              grade: row.manager_grade ?? null,
              services: Number(row.manager_services ?? 0),
              departments: Number(row.manager_departments ?? 0),
            },
    },
    workforceConfig.serviceManagers
  )
}

export type ServiceWithWarnings = {
  id: number
  name: string
  organisationName: string
  annualTransactions: number
  serviceManager: { id: number; name: string; grade: string | null }
  warnings: ServiceWarning[]
}

/*
 * Services in scope whose Service Manager is warned about: below the
 * minimum grade for a very large service, or named for too many services
 * or for services of several departments. SQL finds the candidates; the
 * domain rule words each warning.
 */
export async function servicesWithWarnings(scope: OrganisationScope) {
  const policy = workforceConfig.serviceManagers
  const query = db
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .join('users as sm', 'sm.id', 's.service_manager_id')
    .whereNull('sm.deactivated_at')
    .select(
      's.id',
      's.name',
      's.annual_transactions',
      'o.name as organisation_name',
      'sm.id as manager_id',
      'sm.full_name as manager_name'
    )
  withManagerFacts(query)
  query
    .where((where) => {
      where
        .where((large) =>
          large
            .where('s.annual_transactions', '>', policy.largeServiceTransactions)
            .where((grade) =>
              grade
                .whereNull('sm.grade')
                .orWhereNotIn('sm.grade', gradesAtOrAbove(policy.minimumGrade))
            )
        )
        .orWhere('ml.services', '>', policy.maxServices)
        .orWhere('ml.departments', '>', 1)
    })
    .orderBy('sm.full_name')
    .orderBy('sm.id')
    .orderBy('o.name')
    .orderBy('s.name')
  const rows = await scope.apply(query, 's.organisation_id')
  return rows
    .map((row: any): ServiceWithWarnings => ({
      id: Number(row.id),
      name: row.name,
      organisationName: row.organisation_name,
      annualTransactions: Number(row.annual_transactions),
      serviceManager: {
        id: Number(row.manager_id),
        name: row.manager_name,
        grade: row.manager_grade ?? null,
      },
      warnings: warningsOf(row),
    }))
    .filter((row) => row.warnings.length > 0)
}

/*
 * The day the Service Manager of service "s" first completed a course
 * mandatory for the Service Manager role profile (recorded from an
 * enrolment), as SQL with its bindings; null when they have not.
 */
export function serviceManagerTrainedOnSql() {
  return {
    sql:
      '(select min(lr.completed_on) from learning_records lr' +
      " where lr.user_id = s.service_manager_id and lr.source <> 'declared'" +
      ` and lr.course_id in (${MANDATORY_COURSES}))`,
    bindings: [SERVICE_MANAGER_PROFILE],
  }
}
