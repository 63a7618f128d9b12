import type { FixedCsv, PageCsv } from '#services/list_pipeline'
import {
  defineQueuedList,
  filtersFrom,
  inOrganisationScope,
  keptFilters,
  organisationScopeOf,
  scopeExport,
} from '#services/list_pipeline'
import { peopleFilters, searchPeople } from '#queries/identity/people_query'
import { searchAuditEvents } from '#queries/identity/audit_query'
import { auditFiltersValidator } from '#validators/organisation'
import { teamExportValidator } from '#validators/exports'
import { countPeople, peopleLines, PEOPLE_HEADER } from '#queries/exports/people_export_query'
import { auditLines, countAuditEvents, AUDIT_HEADER } from '#queries/exports/audit_export_query'
import {
  countOrganisations,
  countTeams,
  organisationLines,
  teamLines,
  ORGANISATIONS_HEADER,
  TEAMS_HEADER,
  type TeamExportFilters,
} from '#queries/exports/identity_export_query'
import {
  countStaffImports,
  staffImportLines,
  STAFF_IMPORTS_HEADER,
} from '#queries/exports/admin_lists_export_query'
import { STAFF_PROBLEMS_HEADER, STAFF_TEMPLATE_HEADER } from '#queries/exports/page_csv_headers'

/* The identity area's lists that may be exported as a queued job. */

/* The people list: a page at a time, every person in its export, from the same filters. */
export const peopleList = defineQueuedList({
  path: '/admin/users',
  scope: organisationScopeOf,
  async filters(_scope, qs) {
    const filters = peopleFilters(qs)
    return { input: filters, filters }
  },
  page: (scope, filters) => searchPeople(scope, filters),
  export: {
    title: 'People',
    fileStem: 'people',
    header: PEOPLE_HEADER,
    count: countPeople,
    lines: peopleLines,
  },
})

/* The audit trail: its filters as entered on the page, its events a page at a time and in its export. */
export const auditList = defineQueuedList({
  path: '/admin/audit',
  scope: organisationScopeOf,
  async filters(_scope, qs) {
    const filters = await auditFiltersValidator.validate(qs)
    // As entered: the dates as typed, not as read.
    return { input: keptFilters(qs, Object.keys(filters)), filters }
  },
  page: (scope, filters) => searchAuditEvents(scope, filters),
  export: {
    title: 'Audit trail',
    fileStem: 'audit-trail',
    header: AUDIT_HEADER,
    count: countAuditEvents,
    lines: auditLines,
  },
})

const organisations = scopeExport(
  {
    title: 'Organisations',
    fileStem: 'organisations',
    header: ORGANISATIONS_HEADER,
    listPath: '/admin/organisations',
  },
  countOrganisations,
  organisationLines
)

const teams = inOrganisationScope<TeamExportFilters>({
  title: 'Delivery teams',
  fileStem: 'delivery-teams',
  header: TEAMS_HEADER,
  listPath: '/admin/organisations',
  filters: filtersFrom(['organisationId'], (kept) => teamExportValidator.validate(kept)),
  count: countTeams,
  lines: teamLines,
})

const staffImports = scopeExport(
  {
    title: 'Staff imports',
    fileStem: 'staff-imports',
    header: STAFF_IMPORTS_HEADER,
    listPath: '/admin/staff-imports',
  },
  countStaffImports,
  staffImportLines
)

export const identityExports = {
  people: peopleList.exportKind,
  audit: auditList.exportKind,
  organisations,
  teams,
  staffImports,
}

/* The staff import's template: the columns it reads, with two people, the second managed by the first. */
export const staffTemplate: FixedCsv = {
  fileName: 'people-template.csv',
  header: STAFF_TEMPLATE_HEADER,
  lines: [
    [
      'ada.lovelace@example.gov.uk',
      'Ada Lovelace',
      'co',
      'G6',
      'Digital, data and technology',
      'Lead developer',
      '',
    ],
    [
      'alan.turing@example.gov.uk',
      'Alan Turing',
      'co',
      'G7',
      'digital',
      'Senior developer',
      'ada.lovelace@example.gov.uk',
    ],
  ],
}

/* The rows of one staff import that cannot be imported (staffImportProblemRows), each with its problem. */
export const staffProblemsCsv = (staffImportId: number): PageCsv<Record<string, any>> => ({
  fileName: `staff-import-${staffImportId}-problems.csv`,
  header: STAFF_PROBLEMS_HEADER,
  line: (row) => [row.line, row.email, row.full_name, row.reason],
})
