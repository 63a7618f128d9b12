import type { Profession } from '#enums/professions'
import type { OrganisationType } from '#enums/organisation_types'
import { apportion, type Random } from '#database/bench/random'
import type { Loader } from '#database/bench/loader'
import { sqlTime, DAY } from '#database/bench/loader'
import {
  AGENCY_FORMS,
  BASE_PROFESSIONS,
  BODY_FORMS,
  DEFAULT_DEPARTMENT,
  DEPARTMENTS,
  DIRECTORATE_NAMES,
  LARGE_ORGANISATIONS,
  ORGANISATION_PROFESSIONS,
  REGIONS,
  SUBJECTS,
} from '#database/bench/vocabulary'

export type BenchOrganisation = {
  index: number
  id: number
  code: string
  name: string
  type: OrganisationType
  parent: BenchOrganisation | null
  path: string
  depth: number
  isTransactional: boolean
  /* The department at the root of its tree. */
  department: BenchOrganisation
  locations: string[]
  professions: Record<Profession, number>
  /* How much of its department's headcount it takes, before apportioning. */
  weight: number
  headcount: number
}

type Row = {
  id: number
  code: string
  name: string
  type: OrganisationType
  parent_id: number | null
  path: string
  depth: number
  is_transactional: boolean | number
}

function mix(...weights: Partial<Record<Profession, number>>[]) {
  const merged = { ...BASE_PROFESSIONS }
  for (const extra of weights) {
    for (const [key, weight] of Object.entries(extra) as [Profession, number][]) {
      merged[key] += weight
    }
  }
  return merged
}

/* The reference tree as loaded by the main seeder, parents before children. */
export async function readOrganisations(loader: Loader): Promise<BenchOrganisation[]> {
  const rows = (await loader.trx
    .from('organisations')
    .orderBy('depth')
    .orderBy('id')
    .select(
      'id',
      'code',
      'name',
      'type',
      'parent_id',
      'path',
      'depth',
      'is_transactional'
    )) as Row[]
  const byId = new Map<number, BenchOrganisation>()
  const list: BenchOrganisation[] = []
  for (const row of rows) {
    const parent = row.parent_id === null ? null : (byId.get(Number(row.parent_id)) ?? null)
    const shape = parent ? null : (DEPARTMENTS[row.code] ?? DEFAULT_DEPARTMENT)
    const organisation: BenchOrganisation = {
      index: list.length,
      id: Number(row.id),
      code: row.code,
      name: row.name,
      type: row.type,
      parent,
      path: row.path,
      depth: Number(row.depth),
      isTransactional: Boolean(row.is_transactional),
      department: null as unknown as BenchOrganisation,
      locations: parent ? parent.locations : shape!.locations,
      professions: mix(parent ? {} : shape!.professions, ORGANISATION_PROFESSIONS[row.code] ?? {}),
      weight: parent ? (LARGE_ORGANISATIONS[row.code] ?? 2) : (shape!.core ?? 30),
      headcount: 0,
    }
    if (parent && !ORGANISATION_PROFESSIONS[row.code]) organisation.professions = parent.professions
    organisation.department = parent ? parent.department : organisation
    byId.set(organisation.id, organisation)
    list.push(organisation)
  }
  return list
}

const departmentShare = (department: BenchOrganisation) =>
  (DEPARTMENTS[department.code] ?? DEFAULT_DEPARTMENT).share

/*
 * Adds organisations until there are `total`: agencies and arm's-length
 * bodies under departments (more under the larger ones), and directorates
 * under departments, agencies and other directorates, down to depth 3.
 */
export async function addOrganisations(
  loader: Loader,
  random: Random,
  organisations: BenchOrganisation[],
  total: number,
  now: number
) {
  const writer = await loader.table('organisations', [
    'code',
    'name',
    'type',
    'parent_id',
    'path',
    'depth',
    'is_transactional',
    'created_at',
    'updated_at',
  ])
  const departments = organisations.filter((organisation) => !organisation.parent)
  const departmentWeights = departments.map((department) => Math.sqrt(departmentShare(department)))
  const names = new Set(organisations.map((organisation) => organisation.name))
  const created = sqlTime(now - 3 * 365 * DAY)
  let number = 0

  while (organisations.length < total) {
    number += 1
    const department = random.weighted(departments, departmentWeights)
    let parent: BenchOrganisation
    let type: OrganisationType
    let name: string
    let weight: number
    if (random.chance(0.45)) {
      parent = department
      type = random.chance(0.55) ? 'agency' : 'arms_length_body'
      const forms = type === 'agency' ? AGENCY_FORMS : BODY_FORMS
      name = random.pick(forms)(random.pick(SUBJECTS))
      // A few large bodies, many small ones.
      weight = 4 * Math.pow(random.next(), 3)
    } else {
      const candidates = organisations.filter(
        (organisation) => organisation.department === department && organisation.depth <= 2
      )
      parent = random.weighted(
        candidates,
        candidates.map((candidate) =>
          candidate.depth === 0 ? 4 : candidate.type === 'directorate' ? 0.5 : 1
        )
      )
      type = 'directorate'
      const base = random.pick(DIRECTORATE_NAMES)
      name = random.chance(0.3) ? `${base} ${random.pick(REGIONS)}` : base
      name = `${name} directorate`
      weight = 1.5 * Math.pow(random.next(), 2)
    }
    if (names.has(name)) name = `${name} (${parent.name})`
    if (names.has(name) || name.length > 200) name = `${name.slice(0, 180)} ${number}`
    names.add(name)

    const organisation: BenchOrganisation = {
      index: organisations.length,
      id: writer.peekId(),
      code: `${department.code}-${type === 'directorate' ? 'd' : type === 'agency' ? 'a' : 'b'}${number}`,
      name,
      type,
      parent,
      path: `${parent.path}${parent.id}/`,
      depth: parent.depth + 1,
      isTransactional:
        type === 'agency'
          ? random.chance(0.35)
          : type === 'arms_length_body' && random.chance(0.15),
      department,
      locations: random.chance(0.7)
        ? department.locations
        : [
            random.pick(department.locations),
            random.pick(['Leeds', 'Manchester', 'Bristol', 'Glasgow']),
          ],
      professions: parent.professions,
      weight,
      headcount: 0,
    }
    await writer.insert([
      organisation.code,
      organisation.name,
      organisation.type,
      parent.id,
      organisation.path,
      organisation.depth,
      organisation.isTransactional,
      created,
      created,
    ])
    organisations.push(organisation)
  }
  await writer.flush()
}

/*
 * How many people each organisation has: departments by their share of
 * the civil service (DWP and HMRC the largest), then each organisation by
 * its weight within the department; every organisation has at least one.
 */
export function apportionHeadcount(organisations: BenchOrganisation[], people: number) {
  const totals = new Map<BenchOrganisation, number>()
  for (const organisation of organisations) {
    totals.set(
      organisation.department,
      (totals.get(organisation.department) ?? 0) + organisation.weight
    )
  }
  const weights = organisations.map(
    (organisation) =>
      (departmentShare(organisation.department) * organisation.weight) /
      totals.get(organisation.department)!
  )
  const floor = people >= organisations.length * 8 ? 5 : 1
  const counts = apportion(people, weights, floor)
  organisations.forEach((organisation, index) => {
    organisation.headcount = counts[index]
  })
}
