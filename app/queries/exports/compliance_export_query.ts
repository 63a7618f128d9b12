import type { OrganisationScope } from '#services/organisation_scope'
import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import {
  complianceStatusLabels,
  digitalLeaderOrganisations,
  digitalLeaderStanding,
  passes,
  servicesOverThreshold,
  type ComplianceStatus,
} from '#queries/workforce/compliance_query'
import { organisationTypeLabels, type OrganisationType } from '#enums/organisation_types'

export const DIGITAL_LEADERS_HEADER = [
  'Organisation',
  'Type',
  'Digital Leader',
  'Digital Leader email',
  'Meets action 01',
  'Reason',
]

export function countDigitalLeaderOrganisations(scope: OrganisationScope) {
  return countRows(digitalLeaderOrganisations(scope).clearSelect())
}

/*
 * Every organisation action 01 covers in scope, by name, with its Digital
 * Leader, whether it meets the action and why not (the action 01 rule):
 * the whole list, not only the organisations the page lists as failing.
 */
export function digitalLeaderLines(scope: OrganisationScope, batchSize: number) {
  const keys: KeyColumn[] = [
    { column: 'o.name', key: 'name', direction: 'asc' },
    { column: 'o.id', key: 'id', direction: 'asc' },
  ]
  const build = () => digitalLeaderOrganisations(scope)
  return linesOfQuery(build, keys, batchSize, (row) => {
    const standing = digitalLeaderStanding(row)
    return [
      row.name,
      organisationTypeLabels[row.type as OrganisationType] ?? row.type,
      row.leader_name,
      row.leader_email,
      standing.compliant,
      standing.reason,
    ]
  })
}

export const SERVICE_MANAGERS_HEADER = [
  'Service',
  'Organisation',
  'Transactions a year',
  'Service Manager',
  'Meets action 02',
  'Status',
]

export function countServicesOverThreshold(scope: OrganisationScope) {
  return countRows(servicesOverThreshold(scope).clearSelect())
}

/*
 * Every service over the threshold in scope, by organisation and name,
 * with its Service Manager and its status against action 02.
 */
export function serviceManagerLines(scope: OrganisationScope, batchSize: number) {
  const keys: KeyColumn[] = [
    { column: 'o.name', key: 'organisation_name', direction: 'asc' },
    { column: 's.name', key: 'name', direction: 'asc' },
    { column: 's.id', key: 'id', direction: 'asc' },
  ]
  const build = () => servicesOverThreshold(scope)
  return linesOfQuery(build, keys, batchSize, (row) => {
    const status = row.status as ComplianceStatus
    return [
      row.name,
      row.organisation_name,
      Number(row.annual_transactions),
      row.manager_name,
      passes(status),
      complianceStatusLabels[status] ?? status,
    ]
  })
}
