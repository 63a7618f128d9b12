import { compareRequirements, type Progression } from '#domain/framework/progression'
import { requirementsOf } from '#queries/framework/framework_query'
import type RoleLevel from '#models/role_level'

export type ComparisonResult =
  | { type: 'compared'; from: RoleLevel; to: RoleLevel; progression: Progression }
  | { type: 'missing_levels'; present: string[] }
  | { type: 'from_not_found' }
  | { type: 'to_not_found' }

const asId = (value: unknown) => {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/*
 * Compares two role levels named by id (as a form or the API sends them),
 * reporting which one is missing or unknown.
 */
export async function comparisonBetween(
  fromValue: unknown,
  toValue: unknown
): Promise<ComparisonResult> {
  const given = (value: unknown) => value !== undefined && value !== null && value !== ''
  const present = [given(fromValue) ? 'from' : null, given(toValue) ? 'to' : null].filter(
    (field) => field !== null
  )
  if (present.length < 2) return { type: 'missing_levels', present }
  const fromId = asId(fromValue)
  const toId = asId(toValue)
  const from = fromId ? await requirementsOf(fromId) : null
  if (!from) return { type: 'from_not_found' }
  const to = toId ? await requirementsOf(toId) : null
  if (!to) return { type: 'to_not_found' }
  return {
    type: 'compared',
    from: from.level,
    to: to.level,
    progression: compareRequirements(from.requirements, to.requirements),
  }
}
