import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import { SERVICE_MANAGER_THRESHOLD } from '#enums/workforce'
import type { OrganisationType } from '#enums/organisation_types'

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
 * SQL selecting course_id. Completed courses count only when recorded from
 * an enrolment: declared learning does not.
 */
const MANDATORY_COURSES =
  'select ca.course_id from course_audiences ca' +
  ' join courses c on c.id = ca.course_id' +
  ' join role_profiles rp on rp.id = ca.role_profile_id' +
  " where rp.name = ? and ca.kind = 'mandatory' and c.status = 'published'"

const COMPLETED =
  'exists (select 1 from learning_records lr where lr.user_id = s.service_manager_id' +
  " and lr.course_id = m.course_id and lr.source = 'enrolment')"

const BOOKED =
  'exists (select 1 from enrolments e join course_sessions cs on cs.id = e.session_id' +
  ' where e.user_id = s.service_manager_id and cs.course_id = m.course_id' +
  ` and e.status in (${BOOKING_STATUSES.map(() => '?').join(', ')}))`

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
  digitalLeader: { id: number; name: string; active: boolean } | null
  compliant: boolean
}

/*
 * Action 01: every ministerial and non-ministerial department, and every
 * transactional agency (transactional itself or part of a transactional
 * department), in scope, with its Digital Leader. A deactivated Digital
 * Leader does not count. The compliance page and its export both read it.
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
      'dl.id as leader_id',
      'dl.full_name as leader_name',
      'dl.deactivated_at as leader_deactivated_at'
    )
  return scope.apply(query, 'o.id')
}

/* Action 01 in scope: every organisation it covers, and those without an active Digital Leader. */
export async function digitalLeaderCompliance(scope: OrganisationScope) {
  const query = digitalLeaderOrganisations(scope).orderBy('o.name')
  const rows = await query
  const organisations: DigitalLeaderRow[] = rows.map((row: any) => {
    const leader =
      row.leader_id === null
        ? null
        : {
            id: Number(row.leader_id),
            name: String(row.leader_name),
            active: row.leader_deactivated_at === null,
          }
    return {
      organisation: { id: Number(row.id), name: row.name, type: row.type },
      digitalLeader: leader,
      compliant: Boolean(leader?.active),
    }
  })
  const failing = organisations.filter((row) => !row.compliant)
  return {
    organisations,
    total: organisations.length,
    passing: organisations.length - failing.length,
    failing,
  }
}
