import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { defineList, organisationScopeOf, scopeExport } from '#services/list_pipeline'
import type { OrganisationScope } from '#services/organisation_scope'
import { findOrganisationInScope } from '#queries/identity/organisations_query'
import {
  allCampaigns,
  campaignsPage,
  type CampaignFilters,
} from '#queries/workforce/campaigns_query'
import { allGaps, gapsPage, type GapFilters } from '#queries/workforce/gaps_query'
import { allServices, readServiceFilters, servicePage } from '#queries/workforce/services_query'
import { listPlans, planLinesForExport } from '#queries/workforce/plans_query'
import { complianceStatusLabels } from '#queries/workforce/compliance_query'
import {
  countDigitalLeaderOrganisations,
  countServicesOverThreshold,
  digitalLeaderLines,
  serviceManagerLines,
  DIGITAL_LEADERS_HEADER,
  SERVICE_MANAGERS_HEADER,
} from '#queries/exports/compliance_export_query'
import {
  CAMPAIGNS_HEADER,
  GAPS_HEADER,
  PLAN_LINES_HEADER,
  SERVICES_HEADER,
} from '#queries/exports/page_csv_headers'
import { campaignFiltersValidator, gapFiltersValidator } from '#validators/workforce_campaigns_gaps'
import { planFiltersValidator } from '#validators/workforce_plans'
import {
  campaignStageLabels,
  financialYearLabel,
  planStatusLabels,
  servicePhaseLabels,
} from '#enums/workforce'

/* The workforce area's lists, their CSVs, and the lists that may be exported as a queued job. */

const digitalLeaders = scopeExport(
  {
    title: 'Digital Leaders (action 01)',
    fileStem: 'digital-leaders',
    header: DIGITAL_LEADERS_HEADER,
    listPath: '/workforce/compliance',
  },
  countDigitalLeaderOrganisations,
  digitalLeaderLines
)

const serviceManagers = scopeExport(
  {
    title: 'Service Managers (action 02)',
    fileStem: 'service-managers',
    header: SERVICE_MANAGERS_HEADER,
    listPath: '/workforce/compliance',
  },
  countServicesOverThreshold,
  serviceManagerLines
)

export const workforceExports = { digitalLeaders, serviceManagers }

/*
 * An organisation filter: the organisation and its tree, or 404 when it is
 * outside the scope; nothing when the list is not filtered by organisation.
 */
async function organisationFilter(scope: OrganisationScope, organisationId: number | undefined) {
  if (!organisationId) return {}
  const organisation = await findOrganisationInScope(scope, organisationId)
  if (!organisation) throw new RecordNotFoundException()
  return { organisation: { id: organisation.id, path: organisation.path } }
}

/* Recruitment campaigns: the table a page at a time, every campaign in the CSV. */
export const campaignsList = defineList({
  path: '/workforce/campaigns',
  scope: organisationScopeOf,
  async filters(scope, qs) {
    const input = await campaignFiltersValidator.validate(qs)
    const filters: CampaignFilters = {
      roleProfileId: input.roleProfileId,
      stage: input.stage,
      ...(await organisationFilter(scope, input.organisationId)),
    }
    return { input, filters }
  },
  page: (scope, filters, input) => campaignsPage(scope, filters, input.page ?? 1, 25),
  rows: (scope, filters) => allCampaigns(scope, filters),
  csv: {
    fileName: 'recruitment-campaigns.csv',
    header: CAMPAIGNS_HEADER,
    line: (row) => [
      row.id,
      row.organisationName,
      row.roleProfileName,
      row.title,
      row.posts,
      row.hires,
      row.grade ?? '',
      row.location ?? '',
      campaignStageLabels[row.stage],
      row.plannedOn?.toISODate() ?? '',
      row.advertisedOn?.toISODate() ?? '',
      row.siftingOn?.toISODate() ?? '',
      row.interviewingOn?.toISODate() ?? '',
      row.offersOn?.toISODate() ?? '',
      row.closedOn?.toISODate() ?? '',
      row.timeToHire ?? '',
    ],
  },
})

/* The capability gap register: the table a page at a time, the whole register in the CSV. */
export const gapsList = defineList({
  path: '/workforce/gaps',
  scope: organisationScopeOf,
  async filters(scope, qs) {
    const input = await gapFiltersValidator.validate(qs)
    const filters: GapFilters = {
      kind: input.kind,
      status: input.status,
      severity: input.severity,
      ...(await organisationFilter(scope, input.organisationId)),
    }
    return { input, filters }
  },
  page: (scope, filters, input) => gapsPage(scope, filters, input.page ?? 1, 25),
  rows: (scope, filters) => allGaps(scope, filters),
  csv: {
    fileName: 'capability-gaps.csv',
    header: GAPS_HEADER,
    line: (row) => [
      row.id,
      row.organisationName,
      row.kind,
      row.roleProfileName ?? '',
      row.skillName ?? '',
      row.title,
      row.severity,
      row.mitigation ?? '',
      row.ownerEmail ?? '',
      row.dueOn?.toISODate() ?? '',
      row.overdue ? 'yes' : 'no',
      row.status,
      row.source,
      row.description ?? '',
    ],
  },
})

const SERVICES_PER_PAGE = 50

/*
 * The services register. Its filters are read leniently (anything not
 * recognised is ignored), so the CSV link carries them as they were sent.
 */
export const servicesList = defineList({
  path: '/workforce/services',
  scope: organisationScopeOf,
  async filters(_scope, qs) {
    return { input: qs, filters: readServiceFilters(qs) }
  },
  async page(scope, filters, input) {
    const currentPage = Math.max(1, Number.parseInt(String(input.page ?? '1'), 10) || 1)
    const { rows, total } = await servicePage(scope, filters, currentPage, SERVICES_PER_PAGE)
    return {
      rows,
      paginator: { currentPage, lastPage: Math.max(1, Math.ceil(total / SERVICES_PER_PAGE)) },
    }
  },
  rows: (scope, filters) => allServices(scope, filters),
  csv: {
    fileName: 'services.csv',
    header: SERVICES_HEADER,
    line: (row) => [
      row.organisationName,
      row.name,
      row.annualTransactions,
      servicePhaseLabels[row.phase],
      row.hasDigitalChannel ? 'Yes' : 'No',
      row.isExemplar ? 'Yes' : 'No',
      row.serviceManager?.name ?? '',
      row.serviceManager?.email ?? '',
      complianceStatusLabels[row.status],
    ],
  },
})

/*
 * Capability plans: the list of plans, and in the CSV every line of the
 * plans the filters select, one row per role profile: today's figures,
 * then a sent plan's figures as frozen on sending and on approval (blank
 * for drafts and returned plans).
 */
export const plansList = defineList({
  path: '/workforce/plans',
  scope: organisationScopeOf,
  async filters(_scope, qs) {
    const filters = await planFiltersValidator.validate(qs)
    return { input: qs, filters: { ...filters, organisationId: filters.organisation } }
  },
  page: (scope, filters) => listPlans(scope, filters),
  rows: (scope, filters) => planLinesForExport(scope, filters),
  csv: {
    fileName: 'capability-plans.csv',
    header: PLAN_LINES_HEADER,
    line: (line) => [
      line.planId,
      line.organisationName,
      line.organisationCode,
      financialYearLabel(line.financialYear),
      planStatusLabels[line.status],
      line.roleProfile.name,
      line.postsNeeded,
      line.inPost,
      line.inPostComputed,
      line.inPostOverridden ? line.overrideReason : '',
      line.vacancies,
      line.plannedToRecruit,
      line.plannedToTrain,
      line.campaignPosts,
      line.atSubmission?.inPost ?? '',
      line.atSubmission?.vacancies ?? '',
      line.atSubmission?.campaignPosts ?? '',
      line.atApproval?.inPost ?? '',
      line.atApproval?.vacancies ?? '',
      line.atApproval?.campaignPosts ?? '',
    ],
  },
})
