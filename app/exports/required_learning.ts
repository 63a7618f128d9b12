import db from '@adonisjs/lucid/services/db'
import type { ExportKind } from '#services/list_pipeline'
import { filtersFrom, organisationScopeOf, wholeNumber } from '#services/list_pipeline'
import { countRows, linesOfQuery, type KeyColumn } from '#services/csv_export'
import {
  compliancePeopleQuery,
  findRequirementInScope,
  personStanding,
  stateFilter,
  ukToday,
  type ComplianceFilters,
} from '#queries/learning/required_learning_query'
import { requirementStateLabels } from '#enums/required_learning'

/* Required learning's lists that may be exported as a queued job. */

export const COMPLIANCE_HEADER = [
  'Name',
  'Email',
  'Organisation',
  'State',
  'Due on',
  'Last completed on',
  'Valid until',
]

type ComplianceExportFilters = ComplianceFilters & { requirementId: number }

/*
 * Everyone a requirement applies to, in the reader's scope, with where
 * they stand: the compliance page's list with its filters (state,
 * organisation). A requirement the reader may not see has no rows.
 */
const requirementCompliance: ExportKind<ComplianceExportFilters> = {
  title: 'Required learning compliance',
  fileStem: 'required-learning-compliance',
  header: COMPLIANCE_HEADER,
  listPath: '/learning/requirements',
  filters: filtersFrom(['requirementId', 'state', 'organisation'], (kept) => ({
    requirementId: wholeNumber(kept.requirementId) ?? 0,
    state: stateFilter(kept.state),
    organisationId: wholeNumber(kept.organisation),
  })),
  async count(user, filters) {
    const scope = await organisationScopeOf(user)
    const requirement = await findRequirementInScope(scope, filters.requirementId)
    if (!requirement) return 0
    const { query } = await compliancePeopleQuery(requirement, scope, filters)
    return countRows(db.from(query.as('listed')))
  },
  async *lines(user, filters, batchSize) {
    const scope = await organisationScopeOf(user)
    const requirement = await findRequirementInScope(scope, filters.requirementId)
    if (!requirement) return
    const today = ukToday()
    const keys: KeyColumn[] = [
      { column: 'a.full_name', key: 'full_name', direction: 'asc' },
      { column: 'a.id', key: 'id', direction: 'asc' },
    ]
    const { query: base } = await compliancePeopleQuery(requirement, scope, filters, today)
    yield* linesOfQuery(
      () => base.clone(),
      keys,
      batchSize,
      (row) => {
        const person = personStanding(requirement, row, today)
        return [
          person.fullName,
          person.email,
          person.organisationName,
          requirementStateLabels[person.standing.state],
          person.standing.dueOn,
          person.standing.lastCompletedOn,
          person.standing.validUntil,
        ]
      }
    )
  },
}

export const requiredLearningExports = { requirementCompliance }
