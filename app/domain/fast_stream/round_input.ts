/*
 * Checks a placement round read from JSON before the matching engine sees
 * it, and says, item by item, everything that is wrong with it. The engine
 * trusts its input; this is where untrusted input stops.
 * Pure: no framework imports.
 */
import {
  CLEARANCES,
  isClearance,
  type Entrant,
  type Placement,
  type RoundInput,
  type Rules,
} from '#domain/fast_stream/round'

export type RoundInputValidation =
  { ok: true; input: RoundInput } | { ok: false; problems: string[] }

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}

/* `entrants[3] "e9"`, or `entrants[3]` when the item has no usable id. */
function label(list: string, index: number, item: unknown): string {
  const id = isObject(item) ? item.id : undefined
  return typeof id === 'string' && id !== ''
    ? `${list}[${index}] ${JSON.stringify(id)}`
    : `${list}[${index}]`
}

/* A list of ids, or null after reporting why it is not one. */
function idList(value: unknown, where: string, field: string, problems: string[]): string[] | null {
  if (!Array.isArray(value)) {
    problems.push(`${where}: ${field} must be a list of ids, got ${describe(value)}`)
    return null
  }
  let ok = true
  const seen = new Set<string>()
  value.forEach((id, index) => {
    if (typeof id !== 'string' || id === '') {
      problems.push(`${where}: ${field}[${index}] must be a non-empty string, got ${describe(id)}`)
      ok = false
    } else if (seen.has(id)) {
      problems.push(`${where}: ${field}[${index}] ${JSON.stringify(id)} is listed more than once`)
      ok = false
    } else {
      seen.add(id)
    }
  })
  return ok ? (value as string[]) : null
}

function checkId(item: JsonObject, where: string, problems: string[]): string | null {
  if (typeof item.id !== 'string' || item.id === '') {
    problems.push(`${where}: id must be a non-empty string, got ${describe(item.id)}`)
    return null
  }
  return item.id
}

function checkBoolean(item: JsonObject, field: string, where: string, problems: string[]) {
  if (typeof item[field] !== 'boolean') {
    problems.push(`${where}: ${field} must be true or false, got ${describe(item[field])}`)
    return false
  }
  return true
}

function checkClearance(item: JsonObject, field: string, where: string, problems: string[]) {
  if (!isClearance(item[field])) {
    problems.push(
      `${where}: ${field} must be one of ${CLEARANCES.join(', ')}, got ${describe(item[field])}`
    )
    return false
  }
  return true
}

function checkString(item: JsonObject, field: string, where: string, problems: string[]) {
  if (typeof item[field] !== 'string' || item[field] === '') {
    problems.push(`${where}: ${field} must be a non-empty string, got ${describe(item[field])}`)
    return false
  }
  return true
}

/* Reports ids used twice in a list of items; the first use is the one kept. */
function checkDuplicateIds(list: string, ids: (string | null)[], problems: string[]) {
  const first = new Map<string, number>()
  ids.forEach((id, index) => {
    if (id === null) return
    const earlier = first.get(id)
    if (earlier === undefined) {
      first.set(id, index)
    } else {
      problems.push(
        `${list}[${index}] ${JSON.stringify(id)}: duplicate id (also ${list}[${earlier}])`
      )
    }
  })
  return new Set(first.keys())
}

/*
 * Validates a round read from JSON: its shape, then that ids are unique
 * and that every ranking names only entrants and placements in the round.
 * Returns a clean copy of the round (unknown fields dropped) or every
 * problem found, each naming the item it is about.
 */
export function validateRoundInput(json: unknown): RoundInputValidation {
  const problems: string[] = []
  if (!isObject(json)) {
    return {
      ok: false,
      problems: [
        `the round must be an object with entrants, placements and rules, got ${describe(json)}`,
      ],
    }
  }

  let rules: Rules | null = null
  if (!isObject(json.rules)) {
    problems.push(
      `rules must be an object with excludePreviousDepartments and enforceDigital, got ${describe(json.rules)}`
    )
  } else {
    const okExclude = checkBoolean(json.rules, 'excludePreviousDepartments', 'rules', problems)
    const okDigital = checkBoolean(json.rules, 'enforceDigital', 'rules', problems)
    if (okExclude && okDigital) {
      rules = {
        excludePreviousDepartments: json.rules.excludePreviousDepartments as boolean,
        enforceDigital: json.rules.enforceDigital as boolean,
      }
    }
  }

  const entrantItems = Array.isArray(json.entrants) ? json.entrants : null
  if (!entrantItems) problems.push(`entrants must be a list, got ${describe(json.entrants)}`)
  const placementItems = Array.isArray(json.placements) ? json.placements : null
  if (!placementItems) problems.push(`placements must be a list, got ${describe(json.placements)}`)

  const entrants: (Entrant | null)[] = []
  const entrantIds: (string | null)[] = []
  for (const [index, item] of (entrantItems ?? []).entries()) {
    const where = label('entrants', index, item)
    if (!isObject(item)) {
      problems.push(`${where}: must be an object, got ${describe(item)}`)
      entrants.push(null)
      entrantIds.push(null)
      continue
    }
    const id = checkId(item, where, problems)
    entrantIds.push(id)
    const preferences = idList(item.preferences, where, 'preferences', problems)
    const okClearance = checkClearance(item, 'clearance', where, problems)
    const previousDepartments = Array.isArray(item.previousDepartments)
      ? item.previousDepartments
      : null
    let okDepartments = previousDepartments !== null
    if (!previousDepartments) {
      problems.push(
        `${where}: previousDepartments must be a list of departments, got ${describe(item.previousDepartments)}`
      )
    } else {
      previousDepartments.forEach((department, position) => {
        if (typeof department !== 'string' || department === '') {
          problems.push(
            `${where}: previousDepartments[${position}] must be a non-empty string, got ${describe(department)}`
          )
          okDepartments = false
        }
      })
    }
    const okDigital = checkBoolean(item, 'needsDigital', where, problems)
    entrants.push(
      id !== null && preferences && okClearance && okDepartments && okDigital
        ? {
            id,
            preferences: [...preferences],
            clearance: item.clearance as Entrant['clearance'],
            previousDepartments: [...(previousDepartments as string[])],
            needsDigital: item.needsDigital as boolean,
          }
        : null
    )
  }

  const placements: (Placement | null)[] = []
  const placementIds: (string | null)[] = []
  for (const [index, item] of (placementItems ?? []).entries()) {
    const where = label('placements', index, item)
    if (!isObject(item)) {
      problems.push(`${where}: must be an object, got ${describe(item)}`)
      placements.push(null)
      placementIds.push(null)
      continue
    }
    const id = checkId(item, where, problems)
    placementIds.push(id)
    const okCapacity = Number.isInteger(item.capacity) && (item.capacity as number) >= 1
    if (!okCapacity) {
      problems.push(
        `${where}: capacity must be a whole number of at least 1, got ${describe(item.capacity)}`
      )
    }
    const okDepartment = checkString(item, 'department', where, problems)
    const okClearance = checkClearance(item, 'clearanceRequired', where, problems)
    const okDigital = checkBoolean(item, 'digital', where, problems)
    const ranking =
      item.preferences === undefined
        ? undefined
        : idList(item.preferences, where, 'preferences', problems)
    const placement: Placement = {
      id: id ?? '',
      capacity: item.capacity as number,
      department: item.department as string,
      clearanceRequired: item.clearanceRequired as Placement['clearanceRequired'],
      digital: item.digital as boolean,
    }
    if (ranking) placement.preferences = [...ranking]
    placements.push(
      id !== null && okCapacity && okDepartment && okClearance && okDigital && ranking !== null
        ? placement
        : null
    )
  }

  const knownEntrants = checkDuplicateIds('entrants', entrantIds, problems)
  const knownPlacements = checkDuplicateIds('placements', placementIds, problems)

  if (placementItems) {
    entrants.forEach((entrant, index) => {
      entrant?.preferences.forEach((id, position) => {
        if (!knownPlacements.has(id)) {
          problems.push(
            `${label('entrants', index, entrant)}: preferences[${position}] ${JSON.stringify(id)} is not a placement in this round`
          )
        }
      })
    })
  }
  if (entrantItems) {
    placements.forEach((placement, index) => {
      placement?.preferences?.forEach((id, position) => {
        if (!knownEntrants.has(id)) {
          problems.push(
            `${label('placements', index, placement)}: preferences[${position}] ${JSON.stringify(id)} is not an entrant in this round`
          )
        }
      })
    })
  }

  if (problems.length > 0 || !rules) return { ok: false, problems }
  return {
    ok: true,
    input: {
      entrants: entrants as Entrant[],
      placements: placements as Placement[],
      rules,
    },
  }
}
