import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Organisation from '#models/organisation'
import { organisationTypeValues, type OrganisationType } from '#enums/organisation_types'

export type OrganisationTreeEntry = {
  code: string
  name: string
  type: OrganisationType
  parent: string | null
  isTransactional: boolean
}

/* Validates parsed seed JSON so a typo in the data file fails loudly instead of half-building the tree. */
export function parseOrganisationTreeEntries(data: unknown): OrganisationTreeEntry[] {
  if (!Array.isArray(data)) throw new Error('The organisation tree must be a JSON array.')
  return data.map((raw, index) => {
    const entry = raw as Record<string, unknown>
    const where = `Organisation entry ${index + 1}`
    if (typeof entry?.code !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/.test(entry.code)) {
      throw new Error(`${where}: "code" must be a short lowercase identifier.`)
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      throw new Error(`${where} (${entry.code}): "name" is required.`)
    }
    if (!organisationTypeValues.includes(entry.type as OrganisationType)) {
      throw new Error(`${where} (${entry.code}): unknown type "${String(entry.type)}".`)
    }
    if (entry.parent !== null && typeof entry.parent !== 'string') {
      throw new Error(`${where} (${entry.code}): "parent" must be a code or null.`)
    }
    if (typeof entry.isTransactional !== 'boolean') {
      throw new Error(`${where} (${entry.code}): "isTransactional" must be true or false.`)
    }
    return {
      code: entry.code,
      name: entry.name.trim(),
      type: entry.type as OrganisationType,
      parent: entry.parent,
      isTransactional: entry.isTransactional,
    }
  })
}

/* Orders entries so every parent comes before its children, rejecting duplicates and cycles. */
function parentFirst(entries: OrganisationTreeEntry[]) {
  const byCode = new Map<string, OrganisationTreeEntry>()
  for (const entry of entries) {
    if (byCode.has(entry.code)) throw new Error(`Organisation code "${entry.code}" appears twice.`)
    byCode.set(entry.code, entry)
  }

  const ordered: OrganisationTreeEntry[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (entry: OrganisationTreeEntry) => {
    const seen = state.get(entry.code)
    if (seen === 'done') return
    if (seen === 'visiting') throw new Error(`Organisation "${entry.code}" is its own ancestor.`)
    state.set(entry.code, 'visiting')
    const parent = entry.parent ? byCode.get(entry.parent) : undefined
    if (parent) visit(parent)
    state.set(entry.code, 'done')
    ordered.push(entry)
  }
  entries.forEach(visit)
  return ordered
}

/*
 * Brings the materialised path and depth of every organisation back in line
 * with its parent chain: needed when an upsert moves an organisation that
 * has descendants the entries do not mention.
 */
async function refreshPaths(trx: TransactionClientContract) {
  const all = await Organisation.query({ client: trx }).orderBy('id')
  const byId = new Map(all.map((organisation) => [organisation.id, organisation]))
  const expected = new Map<number, { path: string; depth: number }>()

  const placement = (
    organisation: Organisation,
    chain: Set<number>
  ): { path: string; depth: number } => {
    const known = expected.get(organisation.id)
    if (known) return known
    const parent = organisation.parentId === null ? undefined : byId.get(organisation.parentId)
    let result = { path: '/', depth: 0 }
    if (parent && !chain.has(parent.id)) {
      chain.add(organisation.id)
      const above = placement(parent, chain)
      result = { path: `${above.path}${parent.id}/`, depth: above.depth + 1 }
    }
    expected.set(organisation.id, result)
    return result
  }

  for (const organisation of all) {
    const { path, depth } = placement(organisation, new Set())
    if (organisation.path === path && organisation.depth === depth) continue
    organisation.useTransaction(trx)
    organisation.merge({ path, depth })
    await organisation.save()
  }
}

/* Brings the stored organisation tree in line with a list of entries, idempotently and through the audit trail. */
export async function upsertOrganisationTree(
  entries: OrganisationTreeEntry[],
  trx?: TransactionClientContract
): Promise<Map<string, Organisation>> {
  if (!trx) return db.transaction((own) => upsertOrganisationTree(entries, own))

  const ordered = parentFirst(entries)
  const codes = new Set<string>()
  for (const entry of ordered) {
    codes.add(entry.code)
    if (entry.parent) codes.add(entry.parent)
  }
  const existing = await Organisation.query({ client: trx }).whereIn('code', [...codes])
  const known = new Map(existing.map((organisation) => [organisation.code, organisation]))

  const result = new Map<string, Organisation>()
  let moved = false
  for (const entry of ordered) {
    let parent: Organisation | null = null
    if (entry.parent) {
      parent = result.get(entry.parent) ?? known.get(entry.parent) ?? null
      if (!parent) {
        throw new Error(`Organisation "${entry.code}" names an unknown parent "${entry.parent}".`)
      }
    }

    const organisation = known.get(entry.code) ?? new Organisation()
    const previousPath = organisation.$isPersisted ? organisation.path : null
    organisation.useTransaction(trx)
    organisation.merge({
      code: entry.code,
      name: entry.name,
      type: entry.type,
      isTransactional: entry.isTransactional,
      parentId: parent ? parent.id : null,
      path: parent ? parent.childPath : '/',
      depth: parent ? parent.depth + 1 : 0,
    })
    if (!organisation.$isPersisted || organisation.$isDirty) await organisation.save()
    if (previousPath !== null && previousPath !== organisation.path) moved = true
    result.set(entry.code, organisation)
  }

  if (moved) {
    await refreshPaths(trx)
    for (const organisation of result.values()) await organisation.refresh()
  }
  return result
}
