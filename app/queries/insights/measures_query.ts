import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { coverageByOrganisation } from '#queries/insights/capability_query'
import { headcountByOrganisation } from '#queries/insights/headcount_query'
import { completedByOrganisation } from '#queries/insights/training_query'
import {
  digitalLeadersByOrganisation,
  serviceManagers,
} from '#queries/insights/strategy_actions_query'
import { financialYearOf, periodOf } from '#queries/insights/period'
import { percent, rollUp } from '#queries/insights/rollup'

/* The key measures a snapshot keeps, with how each reads. */
export const MEASURES = {
  capability_coverage: { label: 'Capability coverage (%)', unit: 'percent' },
  people_with_role: { label: 'People with a current role level', unit: 'count' },
  people_meeting_all: { label: 'People meeting every requirement', unit: 'count' },
  posts_needed: { label: 'Posts needed', unit: 'count' },
  in_post: { label: 'In post', unit: 'count' },
  being_recruited: { label: 'Being recruited', unit: 'count' },
  enrolments_completed: { label: 'Training completed this financial year', unit: 'count' },
  digital_leaders_in_place: { label: 'Digital Leaders in place (%)', unit: 'percent' },
  service_managers_compliant: {
    label: 'Services with a trained Service Manager (%)',
    unit: 'percent',
  },
} as const

export type Measure = keyof typeof MEASURES
export const MEASURE_KEYS = Object.keys(MEASURES) as Measure[]

export type MeasureValues = Partial<Record<Measure, number>>

/* 0 stands for all of government wherever an organisation key is needed. */
export const ALL_GOVERNMENT = 0

/*
 * Today's key measures for every department (a top-level organisation,
 * with its whole tree rolled up) and for all of government, keyed by the
 * department's id (0 for all of government). A percentage with nothing
 * to divide by is left out. Six grouped queries, whatever the size.
 */
export async function keyMeasures(day: DateTime): Promise<Map<number, MeasureValues>> {
  const year = financialYearOf(day)
  const [departments, coverage, headcount, completed, leaders, services] = await Promise.all([
    db.from('organisations').whereNull('parent_id').whereNull('retired_at').select('id'),
    coverageByOrganisation(null),
    headcountByOrganisation(null, year),
    completedByOrganisation(null, periodOf(year)),
    digitalLeadersByOrganisation(null),
    serviceManagers(null),
  ])
  const coverageBy = rollUp(coverage, ['people', 'meeting'] as const, null)
  const headcountBy = rollUp(headcount, ['postsNeeded', 'inPost', 'beingRecruited'] as const, null)
  const completedBy = rollUp(completed, ['completed'] as const, null)
  const leadersBy = rollUp(leaders, ['required', 'inPlace'] as const, null)
  const servicesBy = new Map(
    services.byOrganisation.map((row) => [row.id, { compliant: row.compliant, total: row.total }])
  )

  const measuresOf = (pick: <T>(sums: Map<number, T>) => T[]) => {
    const add = <T extends Record<string, number>>(sums: Map<number, T>, key: keyof T) =>
      pick(sums).reduce((sum, row) => sum + (row[key] ?? 0), 0)
    const people = add(coverageBy, 'people')
    const meeting = add(coverageBy, 'meeting')
    const values: MeasureValues = {
      capability_coverage: percent(meeting, people) ?? undefined,
      people_with_role: people,
      people_meeting_all: meeting,
      posts_needed: add(headcountBy, 'postsNeeded'),
      in_post: add(headcountBy, 'inPost'),
      being_recruited: add(headcountBy, 'beingRecruited'),
      enrolments_completed: add(completedBy, 'completed'),
      digital_leaders_in_place:
        percent(add(leadersBy, 'inPlace'), add(leadersBy, 'required')) ?? undefined,
      service_managers_compliant:
        percent(add(servicesBy, 'compliant'), add(servicesBy, 'total')) ?? undefined,
    }
    for (const key of MEASURE_KEYS) if (values[key] === undefined) delete values[key]
    return values
  }

  const result = new Map<number, MeasureValues>()
  result.set(
    ALL_GOVERNMENT,
    measuresOf((sums) => [...sums.values()])
  )
  for (const row of departments) {
    const id = Number(row.id)
    result.set(
      id,
      measuresOf((sums) => (sums.has(id) ? [sums.get(id)!] : []))
    )
  }
  return result
}
