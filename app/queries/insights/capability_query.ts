import db from '@adonisjs/lucid/services/db'
import {
  namedGroups,
  percent,
  rollUp,
  subtreeOf,
  type SelectedOrganisation,
} from '#queries/insights/rollup'

/*
 * One row per active person with a current role level, in the selected
 * organisation's tree (everyone for all of government): their organisation,
 * role family and how many live requirements of their role level they fall
 * short of (`below`). Read from the standings the service keeps
 * (app/actions/capability/refresh_standings.ts); a role level with no live
 * requirement has nothing to fall short of, so its people meet it.
 */
function perPerson(selected: SelectedOrganisation | null) {
  const query = db
    .from('capability_standings')
    .select(
      'capability_standings.user_id',
      'capability_standings.organisation_id',
      'capability_standings.role_family_id',
      'capability_standings.below'
    )
  if (selected) query.whereIn('capability_standings.organisation_id', subtreeOf(selected))
  return query
}

export type CoverageLine = { people: number; meeting: number; coverage: number | null }

export type CapabilityCoverage = {
  total: CoverageLine
  byOrganisation: Array<{ id: number; name: string; direct: boolean } & CoverageLine>
  byRoleFamily: Array<{ id: number; name: string } & CoverageLine>
}

const line = (people: number, meeting: number): CoverageLine => ({
  people,
  meeting,
  coverage: percent(meeting, people),
})

/* People and those meeting every requirement, per organisation (with its path), counted in SQL. */
export async function coverageByOrganisation(selected: SelectedOrganisation | null) {
  const rows = await db
    .from(perPerson(selected).as('pp'))
    .join('organisations as o', 'o.id', 'pp.organisation_id')
    .groupBy('pp.organisation_id', 'o.path')
    .select('pp.organisation_id', 'o.path')
    .count('* as people')
    .select(db.raw('sum(case when pp.below = 0 then 1 else 0 end) as meeting'))
  return rows.map((row) => ({
    organisationId: Number(row.organisation_id),
    path: String(row.path),
    people: Number(row.people),
    meeting: Number(row.meeting ?? 0),
  }))
}

/*
 * Capability coverage: the share of people with a current role level who
 * meet every requirement of it, by organisation and by role family.
 */
export async function capabilityCoverage(
  selected: SelectedOrganisation | null
): Promise<CapabilityCoverage> {
  const [organisationRows, familyRows] = await Promise.all([
    coverageByOrganisation(selected),
    db
      .from(perPerson(selected).as('pp'))
      .join('role_families as f', 'f.id', 'pp.role_family_id')
      .groupBy('f.id', 'f.name', 'f.position')
      .select('f.id', 'f.name', 'f.position')
      .count('* as people')
      .select(db.raw('sum(case when pp.below = 0 then 1 else 0 end) as meeting'))
      .orderBy('f.position')
      .orderBy('f.name'),
  ])
  const groups = await namedGroups(
    rollUp(organisationRows, ['people', 'meeting'] as const, selected?.id ?? null),
    selected
  )
  const people = organisationRows.reduce((sum, row) => sum + row.people, 0)
  const meeting = organisationRows.reduce((sum, row) => sum + row.meeting, 0)
  return {
    total: line(people, meeting),
    byOrganisation: groups.map((group) => ({
      id: group.id,
      name: group.name,
      direct: group.direct,
      ...line(group.people, group.meeting),
    })),
    byRoleFamily: familyRows.map((row) => ({
      id: Number(row.id),
      name: String(row.name),
      ...line(Number(row.people), Number(row.meeting ?? 0)),
    })),
  }
}

export type HeatMapRows = 'family' | 'organisation'

export type SkillGapHeatMap = {
  rows: HeatMapRows
  categories: string[]
  lines: Array<{
    id: number
    name: string
    /* Per category: people below the required level in at least one of its skills, and people it applies to. */
    cells: Record<string, { below: number; people: number }>
  }>
  /* The largest count of people below in any cell, for shading. */
  max: number
}

/*
 * The skill-gap heat map: for each role family (or organisation) and
 * skill category, how many people fall below the level their role level
 * requires in at least one skill of that category. Counted in SQL.
 */
export async function skillGapHeatMap(
  selected: SelectedOrganisation | null,
  rows: HeatMapRows = 'family'
): Promise<SkillGapHeatMap> {
  const query = db
    .from('capability_standings as cs')
    .join('capability_standing_categories as sc', 'sc.user_id', 'cs.user_id')
    .select('sc.category')
    .select(db.raw('sum(case when sc.below > 0 then 1 else 0 end) as below'))
    .count('* as people')
  if (selected) query.whereIn('cs.organisation_id', subtreeOf(selected))

  const cellsOf = (found: Map<number, SkillGapHeatMap['lines'][number]['cells']>, id: number) => {
    const cells = found.get(id) ?? {}
    found.set(id, cells)
    return cells
  }
  const categories = new Set<string>()
  const found = new Map<number, SkillGapHeatMap['lines'][number]['cells']>()
  let lines: SkillGapHeatMap['lines'] = []

  if (rows === 'family') {
    const result = await query
      .join('role_families as f', 'f.id', 'cs.role_family_id')
      .groupBy('f.id', 'f.name', 'f.position', 'sc.category')
      .select('f.id', 'f.name', 'f.position')
      .orderBy('f.position')
      .orderBy('f.name')
    const names = new Map<number, string>()
    for (const row of result) {
      const id = Number(row.id)
      names.set(id, String(row.name))
      categories.add(String(row.category))
      cellsOf(found, id)[String(row.category)] = {
        below: Number(row.below ?? 0),
        people: Number(row.people),
      }
    }
    lines = [...names].map(([id, name]) => ({ id, name, cells: found.get(id)! }))
  } else {
    const result = await query
      .join('organisations as o', 'o.id', 'cs.organisation_id')
      .groupBy('cs.organisation_id', 'o.path', 'sc.category')
      .select('cs.organisation_id', 'o.path')
    const byCategory = new Map<
      string,
      Array<{ organisationId: number; path: string; below: number; people: number }>
    >()
    for (const row of result) {
      const category = String(row.category)
      categories.add(category)
      const list = byCategory.get(category) ?? []
      list.push({
        organisationId: Number(row.organisation_id),
        path: String(row.path),
        below: Number(row.below ?? 0),
        people: Number(row.people),
      })
      byCategory.set(category, list)
    }
    const totals = new Map<number, number>()
    for (const [category, list] of byCategory) {
      for (const [id, sums] of rollUp(list, ['below', 'people'] as const, selected?.id ?? null)) {
        cellsOf(found, id)[category] = sums
        totals.set(id, (totals.get(id) ?? 0) + sums.people)
      }
    }
    const groups = await namedGroups(totals, selected)
    lines = groups.map((group) => ({ id: group.id, name: group.name, cells: found.get(group.id)! }))
  }

  const sorted = [...categories].sort((a, b) => a.localeCompare(b, 'en-GB'))
  let max = 0
  for (const entry of lines) {
    for (const category of sorted) {
      entry.cells[category] ??= { below: 0, people: 0 }
      max = Math.max(max, entry.cells[category].below)
    }
  }
  return { rows, categories: sorted, lines, max }
}
