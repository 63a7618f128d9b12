import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import exportsConfig from '#config/exports'
import type User from '#models/user'
import Export, { ExportStatuses } from '#models/export'
import { OrganisationScope } from '#services/organisation_scope'
import { csvFileName, sendCsv, type CsvLine } from '#services/csv_export'
import { peopleFilters } from '#queries/identity/people_query'
import { auditFiltersValidator } from '#validators/organisation'
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
import { teamExportValidator } from '#validators/exports'
import { administeredProviders } from '#services/provider_scope'
import { adminCourseFilters } from '#queries/learning/admin_courses_query'
import { entrantFilters } from '#queries/fast_stream/admin_entrants_query'
import {
  approvalLines,
  countApprovals,
  countCourses,
  countLearningRecord,
  countRoster,
  courseLines,
  learningRecordLines,
  rosterLines,
  APPROVALS_HEADER,
  COURSES_HEADER,
  LEARNING_RECORD_HEADER,
  ROSTER_HEADER,
} from '#queries/exports/learning_export_query'
import {
  countEntrants,
  countPlacements,
  countRounds,
  entrantLines,
  placementLines,
  roundLines,
  ENTRANTS_HEADER,
  PLACEMENTS_HEADER,
  ROUNDS_HEADER,
  type PlacementExportFilters,
} from '#queries/exports/fast_stream_export_query'
import { placementStatusValues } from '#enums/fast_stream'
import { catalogueFiltersValidator } from '#validators/catalogue'
import { placementFiltersValidator } from '#validators/fast_stream_entrant'
import type { CatalogueFilters } from '#queries/learning/catalogue_query'
import { currentRound, type PlacementFilters } from '#queries/fast_stream/placement_search_query'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import { shortlistFor } from '#queries/fast_stream/shortlist_query'
import {
  catalogueLines,
  countCatalogue,
  CATALOGUE_HEADER,
} from '#queries/exports/catalogue_export_query'
import { forPerson } from '#queries/capability/gaps_query'
import {
  cohortLines,
  countCohorts,
  countRoundPlacements,
  countSchemes,
  roundPlacementLines,
  schemeLines,
  COHORTS_HEADER,
  ROUND_PLACEMENTS_HEADER,
  SCHEMES_HEADER,
} from '#queries/exports/fast_stream_lists_export_query'
import {
  countProviders,
  countStaffImports,
  providerLines,
  staffImportLines,
  PROVIDERS_HEADER,
  STAFF_IMPORTS_HEADER,
} from '#queries/exports/admin_lists_export_query'
import {
  countDigitalLeaderOrganisations,
  countServicesOverThreshold,
  digitalLeaderLines,
  serviceManagerLines,
  DIGITAL_LEADERS_HEADER,
  SERVICE_MANAGERS_HEADER,
} from '#queries/exports/compliance_export_query'
import {
  countMyLearning,
  myLearningLines,
  MY_LEARNING_HEADER,
} from '#queries/exports/my_learning_export_query'
import {
  applicantLines,
  applicantsPlacementFor,
  countApplicants,
  APPLICANTS_HEADER,
} from '#queries/exports/applicants_export_query'
import {
  countPlanItems,
  countValidations,
  planLines,
  planOwnerFor,
  validationLines,
  PLAN_HEADER,
  VALIDATIONS_HEADER,
} from '#queries/exports/capability_export_query'

import { countSkills, skillLines, SKILLS_HEADER } from '#queries/exports/framework_export_query'
import {
  atRiskEntrants,
  atRiskFilters,
  atRiskLines,
  AT_RISK_HEADER,
  FUTURE_LEADERS_AT_RISK_HEADER,
  type AtRiskFilters,
} from '#queries/fast_stream/digital_rule_query'

/* Query-string filters as a list page sends them, and as an export keeps them. */
export type ExportFilters = Record<string, string>

/*
 * A list that can be exported as a queued job when it is large. `filters`
 * reads the page's query string (throwing a validation error for bad
 * input) and keeps only what the export needs; `count` and `lines` apply
 * them within the person's scope, in the request or, later, in the job.
 */
export type ExportKind<F> = {
  title: string
  fileStem: string
  header: string[]
  /* Where the list page is, to go back to. */
  listPath: string
  filters(qs: Record<string, unknown>): Promise<{ kept: ExportFilters; parsed: F }>
  count(user: User, filters: F): Promise<number>
  lines(user: User, filters: F, batchSize: number): AsyncIterable<CsvLine>
}

/* The filters worth keeping: the non-blank ones the list knows, never the page number. */
function keep(qs: Record<string, unknown>, names: string[]): ExportFilters {
  const kept: ExportFilters = {}
  for (const name of names) {
    const value = qs[name]
    if (typeof value === 'string' && value.trim() !== '') kept[name] = value.trim()
  }
  return kept
}

const people: ExportKind<ReturnType<typeof peopleFilters>> = {
  title: 'People',
  fileStem: 'people',
  header: PEOPLE_HEADER,
  listPath: '/admin/users',
  async filters(qs) {
    const kept = keep(qs, ['q', 'organisationId', 'role', 'status', 'sort', 'direction'])
    return { kept, parsed: peopleFilters(kept) }
  },
  async count(user, filters) {
    return countPeople(await OrganisationScope.forUser(user), filters)
  },
  async *lines(user, filters, batchSize) {
    yield* peopleLines(await OrganisationScope.forUser(user), filters, batchSize)
  },
}

const audit: ExportKind<Awaited<ReturnType<typeof auditFiltersValidator.validate>>> = {
  title: 'Audit trail',
  fileStem: 'audit-trail',
  header: AUDIT_HEADER,
  listPath: '/admin/audit',
  async filters(qs) {
    const kept = keep(qs, ['action', 'subjectType', 'actor', 'from', 'to', 'organisationId'])
    return { kept, parsed: await auditFiltersValidator.validate(kept) }
  },
  async count(user, filters) {
    return countAuditEvents(await OrganisationScope.forUser(user), filters)
  },
  async *lines(user, filters, batchSize) {
    yield* auditLines(await OrganisationScope.forUser(user), filters, batchSize)
  },
}

const organisations: ExportKind<null> = {
  title: 'Organisations',
  fileStem: 'organisations',
  header: ORGANISATIONS_HEADER,
  listPath: '/admin/organisations',
  async filters() {
    return { kept: {}, parsed: null }
  },
  async count(user) {
    return countOrganisations(await OrganisationScope.forUser(user))
  },
  async *lines(user, _filters, batchSize) {
    yield* organisationLines(await OrganisationScope.forUser(user), batchSize)
  },
}

const teams: ExportKind<TeamExportFilters> = {
  title: 'Delivery teams',
  fileStem: 'delivery-teams',
  header: TEAMS_HEADER,
  listPath: '/admin/organisations',
  async filters(qs) {
    const kept = keep(qs, ['organisationId'])
    return { kept, parsed: await teamExportValidator.validate(kept) }
  },
  async count(user, filters) {
    return countTeams(await OrganisationScope.forUser(user), filters)
  },
  async *lines(user, filters, batchSize) {
    yield* teamLines(await OrganisationScope.forUser(user), filters, batchSize)
  },
}

/* A whole number from a kept filter, or undefined. */
function whole(value: string | undefined) {
  const number = Number(value)
  return Number.isSafeInteger(number) && number > 0 ? number : undefined
}

const courses: ExportKind<ReturnType<typeof adminCourseFilters>> = {
  title: 'Courses',
  fileStem: 'courses',
  header: COURSES_HEADER,
  listPath: '/learning/admin/courses',
  async filters(qs) {
    const kept = keep(qs, ['q', 'status', 'provider'])
    return { kept, parsed: adminCourseFilters(kept) }
  },
  async count(user, filters) {
    return countCourses(await administeredProviders(user), filters)
  },
  async *lines(user, filters, batchSize) {
    yield* courseLines(await administeredProviders(user), filters, batchSize)
  },
}

const roster: ExportKind<number> = {
  title: 'Session roster',
  fileStem: 'session-roster',
  header: ROSTER_HEADER,
  listPath: '/learning/admin/courses',
  async filters(qs) {
    const kept = keep(qs, ['sessionId'])
    return { kept, parsed: whole(kept.sessionId) ?? 0 }
  },
  async count(user, sessionId) {
    return countRoster(await administeredProviders(user), sessionId)
  },
  async *lines(user, sessionId, batchSize) {
    yield* rosterLines(await administeredProviders(user), sessionId, batchSize)
  },
}

const learningRecord: ExportKind<null> = {
  title: 'Learning record',
  fileStem: 'learning-record',
  header: LEARNING_RECORD_HEADER,
  listPath: '/learning/record',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: (user) => countLearningRecord(user.id),
  lines: (user, _filters, batchSize) => learningRecordLines(user.id, batchSize),
}

const approvals: ExportKind<null> = {
  title: 'Requests to approve',
  fileStem: 'requests-to-approve',
  header: APPROVALS_HEADER,
  listPath: '/learning/approvals',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: (user) => countApprovals(user.id),
  lines: (user, _filters, batchSize) => approvalLines(user.id, batchSize),
}

const entrants: ExportKind<ReturnType<typeof entrantFilters>> = {
  title: 'Fast Stream entrants',
  fileStem: 'fast-stream-entrants',
  header: ENTRANTS_HEADER,
  listPath: '/fast-stream/admin/entrants',
  async filters(qs) {
    const kept = keep(qs, [
      'q',
      'schemeId',
      'cohortId',
      'clearance',
      'digital',
      'sort',
      'direction',
    ])
    return { kept, parsed: entrantFilters(kept) }
  },
  count: async (_user, filters) => countEntrants(filters),
  lines: (_user, filters, batchSize) => entrantLines(filters, batchSize),
}

const rounds: ExportKind<null> = {
  title: 'Placement rounds',
  fileStem: 'placement-rounds',
  header: ROUNDS_HEADER,
  listPath: '/fast-stream/admin/rounds',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: () => countRounds(),
  lines: (_user, _filters, batchSize) => roundLines(batchSize),
}

/* A team lead's placements: their own team's, whichever team that is when the file is written. */
const teamPlacements: ExportKind<null> = {
  title: 'Your team’s placements',
  fileStem: 'team-placements',
  header: PLACEMENTS_HEADER,
  listPath: '/fast-stream/team/placements',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: (user) => countPlacements({ teamId: user.teamId ?? 0 }),
  lines: (user, _filters, batchSize) => placementLines({ teamId: user.teamId ?? 0 }, batchSize),
}

const roundPlacements: ExportKind<PlacementExportFilters> = {
  title: 'Placements in a round',
  fileStem: 'round-placements',
  header: PLACEMENTS_HEADER,
  listPath: '/fast-stream/admin/rounds',
  async filters(qs) {
    const kept = keep(qs, ['roundId', 'status'])
    const status = placementStatusValues.find((value) => value === kept.status)
    return { kept, parsed: { roundId: whole(kept.roundId) ?? 0, status } }
  },
  count: async (_user, filters) => countPlacements(filters),
  lines: (_user, filters, batchSize) => placementLines(filters, batchSize),
}

/* The course catalogue with its filters, as every signed-in person may search it. */
const catalogue: ExportKind<CatalogueFilters> = {
  title: 'Course catalogue',
  fileStem: 'course-catalogue',
  header: CATALOGUE_HEADER,
  listPath: '/learning/courses',
  async filters(qs) {
    const kept = keep(qs, [
      'q',
      'skill',
      'roleProfile',
      'mode',
      'provider',
      'location',
      'from',
      'to',
      'sort',
      'forMyRole',
      'forMyGaps',
    ])
    return { kept, parsed: await catalogueFiltersValidator.validate(kept) }
  },
  count: async (user, filters) => countCatalogue(await forPerson(user.id, filters)),
  async *lines(user, filters, batchSize) {
    yield* catalogueLines(await forPerson(user.id, filters), batchSize)
  },
}

const schemes: ExportKind<null> = {
  title: 'Fast Stream schemes',
  fileStem: 'fast-stream-schemes',
  header: SCHEMES_HEADER,
  listPath: '/fast-stream/admin/schemes',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: () => countSchemes(),
  lines: (_user, _filters, batchSize) => schemeLines(batchSize),
}

const skills: ExportKind<null> = {
  title: 'Skills',
  fileStem: 'framework-skills',
  header: SKILLS_HEADER,
  listPath: '/framework/skills',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: () => countSkills(),
  lines: (_user, _filters, batchSize) => skillLines(batchSize),
}

const cohorts: ExportKind<null> = {
  title: 'Fast Stream cohorts',
  fileStem: 'fast-stream-cohorts',
  header: COHORTS_HEADER,
  listPath: '/fast-stream/admin/cohorts',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: () => countCohorts(),
  lines: (_user, _filters, batchSize) => cohortLines(batchSize),
}

type PlacementSearchInput = Awaited<ReturnType<typeof placementFiltersValidator.validate>>

/*
 * The placement search as this person runs it when the file is written:
 * the round open then, their own clearance for "my clearance" and their
 * shortlist. Null when no round is open.
 */
async function placementSearchFor(user: User, input: PlacementSearchInput) {
  const entrant = await entrantOf(user)
  const round = await currentRound(entrant ? await programmeOf(entrant) : null)
  if (!round) return null
  const filters: PlacementFilters = {
    q: input.q,
    department: input.department,
    location: input.location,
    skill: input.skill,
    digitalOnly: input.digitalOnly,
    clearance: entrant && input.myClearance ? entrant.clearance : undefined,
    sort: input.sort,
  }
  const shortlist = entrant ? await shortlistFor(round.id, entrant.id) : null
  return {
    round,
    filters,
    reader: { entrantId: entrant?.id ?? null, shortlistId: shortlist?.id ?? null },
  }
}

const placementSearch: ExportKind<PlacementSearchInput> = {
  title: 'Placements to choose from',
  fileStem: 'placements',
  header: ROUND_PLACEMENTS_HEADER,
  listPath: '/fast-stream/placements',
  async filters(qs) {
    const kept = keep(qs, [
      'q',
      'department',
      'location',
      'skill',
      'digitalOnly',
      'myClearance',
      'sort',
    ])
    return { kept, parsed: await placementFiltersValidator.validate(kept) }
  },
  async count(user, input) {
    const search = await placementSearchFor(user, input)
    return search ? countRoundPlacements(search.round, search.filters) : 0
  },
  async *lines(user, input, batchSize) {
    const search = await placementSearchFor(user, input)
    if (search) yield* roundPlacementLines(search.round, search.filters, search.reader, batchSize)
  },
}

const providers: ExportKind<null> = {
  title: 'Training providers',
  fileStem: 'training-providers',
  header: PROVIDERS_HEADER,
  listPath: '/learning/admin/providers',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: () => countProviders(),
  lines: (_user, _filters, batchSize) => providerLines(batchSize),
}

const staffImports: ExportKind<null> = {
  title: 'Staff imports',
  fileStem: 'staff-imports',
  header: STAFF_IMPORTS_HEADER,
  listPath: '/admin/staff-imports',
  async filters() {
    return { kept: {}, parsed: null }
  },
  async count(user) {
    return countStaffImports(await OrganisationScope.forUser(user))
  },
  async *lines(user, _filters, batchSize) {
    yield* staffImportLines(await OrganisationScope.forUser(user), batchSize)
  },
}

const digitalLeaders: ExportKind<null> = {
  title: 'Digital Leaders (action 01)',
  fileStem: 'digital-leaders',
  header: DIGITAL_LEADERS_HEADER,
  listPath: '/workforce/compliance',
  async filters() {
    return { kept: {}, parsed: null }
  },
  async count(user) {
    return countDigitalLeaderOrganisations(await OrganisationScope.forUser(user))
  },
  async *lines(user, _filters, batchSize) {
    yield* digitalLeaderLines(await OrganisationScope.forUser(user), batchSize)
  },
}

const serviceManagers: ExportKind<null> = {
  title: 'Service Managers (action 02)',
  fileStem: 'service-managers',
  header: SERVICE_MANAGERS_HEADER,
  listPath: '/workforce/compliance',
  async filters() {
    return { kept: {}, parsed: null }
  },
  async count(user) {
    return countServicesOverThreshold(await OrganisationScope.forUser(user))
  },
  async *lines(user, _filters, batchSize) {
    yield* serviceManagerLines(await OrganisationScope.forUser(user), batchSize)
  },
}

/* A learner's own enrolments, as "My learning" shows them. */
const myLearning: ExportKind<null> = {
  title: 'My learning',
  fileStem: 'my-learning',
  header: MY_LEARNING_HEADER,
  listPath: '/learning/my',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: (user) => countMyLearning(user.id),
  lines: (user, _filters, batchSize) => myLearningLines(user.id, batchSize),
}

/*
 * A placement's applicants in the team's order. Who may see them is asked
 * again when the file is written: the placement's own team lead, or the
 * Fast Stream team; anyone else gets no rows.
 */
const applicants: ExportKind<number> = {
  title: 'Applicants for a placement',
  fileStem: 'placement-applicants',
  header: APPLICANTS_HEADER,
  listPath: '/fast-stream/team/placements',
  async filters(qs) {
    const kept = keep(qs, ['placementId'])
    return { kept, parsed: whole(kept.placementId) ?? 0 }
  },
  async count(user, placementId) {
    const placement = await applicantsPlacementFor(user, placementId)
    return placement ? countApplicants(placement.id) : 0
  },
  async *lines(user, placementId, batchSize) {
    const placement = await applicantsPlacementFor(user, placementId)
    if (placement) yield* applicantLines(placement, placement.round, batchSize)
  },
}

const validations: ExportKind<null> = {
  title: 'Validations',
  fileStem: 'validations',
  header: VALIDATIONS_HEADER,
  listPath: '/capability/validations',
  async filters() {
    return { kept: {}, parsed: null }
  },
  count: (user) => countValidations(user.id),
  lines: (user, _filters, batchSize) => validationLines(user.id, batchSize),
}

/*
 * A development plan: the person's own, or a direct report's for their
 * line manager, asked again when the file is written; no rows otherwise.
 */
const developmentPlan: ExportKind<number> = {
  title: 'Development plan',
  fileStem: 'development-plan',
  header: PLAN_HEADER,
  listPath: '/capability/plan',
  async filters(qs) {
    const kept = keep(qs, ['personId'])
    return { kept, parsed: whole(kept.personId) ?? 0 }
  },
  async count(user, personId) {
    const owner = await planOwnerFor(user, personId)
    return owner === null ? 0 : countPlanItems(owner)
  },
  async *lines(user, personId, batchSize) {
    const owner = await planOwnerFor(user, personId)
    if (owner !== null) yield* planLines(owner, batchSize)
  },
}

/* Entrants at risk of the digital rule or past meeting it: the Fast Stream team's list. */
const digitalRuleAtRisk: ExportKind<Pick<AtRiskFilters, 'state'>> = {
  title: 'Entrants at risk of the digital rule',
  fileStem: 'digital-rule-at-risk',
  header: AT_RISK_HEADER,
  listPath: '/fast-stream/admin/digital-rule',
  async filters(qs) {
    const kept = keep(qs, ['state'])
    return { kept, parsed: { state: atRiskFilters(kept).state } }
  },
  count: async (_user, filters) => {
    const rows = await atRiskEntrants(filters)
    return rows.length
  },
  lines: (_user, filters) => atRiskLines(filters),
}

/* Future Leaders at risk of the rule or past meeting it: the same list, for the other programme. */
const futureLeadersAtRisk: ExportKind<Pick<AtRiskFilters, 'state'>> = {
  title: 'Future Leaders at risk of the digital rule',
  fileStem: 'future-leaders-at-risk',
  header: FUTURE_LEADERS_AT_RISK_HEADER,
  listPath: '/fast-stream/admin/digital-rule?programme=future_leaders',
  async filters(qs) {
    const kept = { ...keep(qs, ['state']), programme: 'future_leaders' }
    return { kept, parsed: { state: atRiskFilters(kept).state } }
  },
  count: async (_user, filters) => {
    const rows = await atRiskEntrants({ ...filters, programme: 'future_leaders' })
    return rows.length
  },
  lines: (_user, filters) => atRiskLines({ ...filters, programme: 'future_leaders' }),
}

/* Every kind of export that may run as a job, by the name an export record keeps. */
export const exportKinds = {
  people,
  audit,
  organisations,
  teams,
  courses,
  roster,
  learningRecord,
  approvals,
  entrants,
  rounds,
  teamPlacements,
  roundPlacements,
  catalogue,
  schemes,
  cohorts,
  placementSearch,
  providers,
  staffImports,
  digitalLeaders,
  serviceManagers,
  myLearning,
  applicants,
  validations,
  developmentPlan,
  skills,
  digitalRuleAtRisk,
  futureLeadersAtRisk,
} as const

export type ExportKindName = keyof typeof exportKinds

export function exportKind(name: string): ExportKind<any> | null {
  return Object.hasOwn(exportKinds, name) ? exportKinds[name as ExportKindName] : null
}

/*
 * Answers a list's "Download CSV": a small export streams at once; one of
 * more rows than the threshold becomes an export record and a queued job,
 * and the person is taken to its page to watch it and download the file.
 * Bad filters answer as the list page does: the field's message on the
 * page, or 422 with the details for a JSON request. `fixed` carries what
 * the address names (a session, a round) rather than the query string.
 */
export async function exportList(
  ctx: HttpContext,
  name: ExportKindName,
  fixed: ExportFilters = {}
) {
  const { auth, request, response, session } = ctx
  const kind: ExportKind<any> = exportKinds[name]
  const user = auth.getUserOrFail()
  let read: { kept: ExportFilters; parsed: unknown }
  try {
    read = await kind.filters({ ...request.qs(), ...fixed })
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    if (request.accepts(['html', 'json']) === 'json') throw error
    session.flashValidationErrors(error)
    return response.redirect().toPath(kind.listPath)
  }

  const total = await kind.count(user, read.parsed)
  if (total <= exportsConfig.jobThreshold) {
    return sendCsv(
      response,
      csvFileName(kind.fileStem),
      kind.header,
      kind.lines(user, read.parsed, exportsConfig.batchSize)
    )
  }

  const record = await Export.create({
    userId: user.id,
    kind: name,
    filters: read.kept,
    status: ExportStatuses.Queued,
    rowsDone: 0,
    rowsTotal: total,
  })
  const { default: BuildExport } = await import('#jobs/build_export')
  await BuildExport.dispatch({ exportId: record.id })
  return response.redirect().toPath(`/exports/${record.id}`)
}

/*
 * A bad filter in a download's address sends a browser back to the page
 * with the same address, where the field's message shows; a JSON client
 * gets 422 from the export.
 */
export function backToListWithErrors(
  { request, response }: HttpContext,
  path: string,
  errors: Record<string, string[]>
) {
  if (Object.keys(errors).length === 0 || request.accepts(['html', 'json']) === 'json') return false
  const query = request.parsedUrl.query
  response.redirect().toPath(query ? `${path}?${query}` : path)
  return true
}

/*
 * Removes exports past their time, with their files: those whose file has
 * expired, and any that never finished within the time a file is kept.
 * Returns how many were removed.
 */
export async function pruneExports(now = DateTime.now()) {
  const stale = now.minus({ days: exportsConfig.keepForDays })
  const records = await Export.query()
    .where((where) => {
      where
        .where('expires_at', '<=', now.toSQL({ includeOffset: false })!)
        .orWhere((stuck) =>
          stuck
            .whereNull('expires_at')
            .where('created_at', '<', stale.toSQL({ includeOffset: false })!)
        )
    })
    .orderBy('id')
  for (const record of records) {
    if (record.fileName) {
      await rm(join(exportsConfig.directory, basename(record.fileName)), { force: true })
    }
    await record.delete()
  }
  return records.length
}
