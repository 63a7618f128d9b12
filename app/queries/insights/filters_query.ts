import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import type { OrganisationScope } from '#services/organisation_scope'
import type { insightsFiltersValidator } from '#validators/insights'
import { financialYearChoices } from '#queries/workforce/plans_query'
import { organisationChoices } from '#queries/identity/organisations_query'
import { financialYearOf, periodOf, quarterChoices } from '#queries/insights/period'
import { publishedRounds } from '#queries/insights/fast_stream_query'
import type { InsightsFilters } from '#queries/insights/panels'
import { DateTime } from 'luxon'

export type FiltersInput = Infer<typeof insightsFiltersValidator>

/*
 * The filters a dashboard runs with: the organisation asked for (which
 * must lie in the user's scope; department HR default to their own
 * organisation, capability admins to all of government), the financial
 * year (this one by default) or a quarter of it, and a published round.
 * Null when the organisation or round asked for cannot be seen: answered 404.
 */
export async function resolveFilters(
  scope: OrganisationScope,
  input: FiltersInput
): Promise<InsightsFilters | null> {
  let selected: InsightsFilters['selected'] = null
  const organisationId = input.organisationId ?? (scope.everything ? null : scope.roots[0]?.id)
  if (organisationId) {
    if (!(await scope.includes(organisationId))) return null
    const row = await db
      .from('organisations')
      .where('id', organisationId)
      .select('id', 'name', 'path')
      .first()
    if (!row) return null
    selected = { id: Number(row.id), name: String(row.name), path: String(row.path) }
  } else if (!scope.everything) {
    return null
  }
  if (input.roundId) {
    const round = await db
      .from('placement_rounds')
      .where('id', input.roundId)
      .where('status', 'published')
      // The round filter is the Fast Stream panel's: a Future Leaders round is not one of its choices.
      .where('programme', 'fast_stream')
      .select('id')
      .first()
    if (!round) return null
  }
  const year = input.year ?? financialYearOf(DateTime.utc())
  return {
    selected,
    period: periodOf(year, input.quarter ?? null),
    rows: input.rows ?? 'family',
    roundId: input.roundId ?? null,
  }
}

/* What the filter form offers: organisations in scope, years, quarters and published rounds. */
export async function filterChoices(scope: OrganisationScope) {
  const [organisations, rounds] = await Promise.all([organisationChoices(scope), publishedRounds()])
  return {
    organisations,
    years: financialYearChoices(),
    quarters: quarterChoices,
    rounds: rounds.map((round) => ({ value: round.id, label: round.name })),
    rowChoices: [
      { value: 'family', label: 'Role family' },
      { value: 'organisation', label: 'Organisation' },
    ],
  }
}

/* The filters as they go back into a query string: the organisation, period and the rest as chosen. */
export function filterQuery(filters: InsightsFilters, extra: Record<string, unknown> = {}) {
  const params = new URLSearchParams()
  if (filters.selected) params.set('organisationId', String(filters.selected.id))
  params.set('year', String(filters.period.year))
  if (filters.period.quarter) params.set('quarter', String(filters.period.quarter))
  if (filters.rows !== 'family') params.set('rows', filters.rows)
  if (filters.roundId) params.set('roundId', String(filters.roundId))
  for (const [key, value] of Object.entries(extra)) {
    if (value === null || value === undefined) params.delete(key)
    else params.set(key, String(value))
  }
  return params.toString()
}
