import { DateTime } from 'luxon'
import { transactionUnlessDuplicate } from '#actions/transactions'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Organisation from '#models/organisation'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import type { OrganisationType } from '#enums/organisation_types'

export type OrganisationInput = {
  code: string
  name: string
  type: OrganisationType
  parentId?: number | null
  isTransactional?: boolean
  ssoOnly?: boolean
}

export type SaveOrganisationResult =
  | { type: 'saved'; organisation: Organisation; moved: number }
  | { type: 'code_taken' }
  | { type: 'parent_not_found' }
  | { type: 'cycle' }

/*
 * Creates an organisation, or changes one. Moving it under another parent
 * rewrites the materialised path and depth of it and its whole subtree in
 * the same transaction, so scopes never see a half-moved tree.
 */
export async function saveOrganisation(
  input: OrganisationInput,
  existing?: Organisation
): Promise<SaveOrganisationResult> {
  return transactionUnlessDuplicate({ type: 'code_taken' as const }, async (trx) => {
    const code = input.code.trim().toLowerCase()
    const clash = trx.from('organisations').where('code', code).select('id')
    if (existing) clash.whereNot('id', existing.id)
    if (await clash.first()) return { type: 'code_taken' as const }

    const parentId = input.parentId ?? null
    let parent: Organisation | null = null
    if (parentId !== null) {
      parent = await Organisation.query({ client: trx }).where('id', parentId).first()
      if (!parent) return { type: 'parent_not_found' as const }
      if (existing && (parent.id === existing.id || parent.path.startsWith(existing.childPath))) {
        return { type: 'cycle' as const }
      }
    }

    const organisation = existing ?? new Organisation()
    organisation.useTransaction(trx)
    const oldChildPath = existing ? existing.childPath : null
    const oldDepth = existing ? existing.depth : 0

    organisation.merge({
      code,
      name: input.name,
      type: input.type,
      parentId,
      path: parent ? parent.childPath : '/',
      depth: parent ? parent.depth + 1 : 0,
      isTransactional: input.isTransactional ?? false,
      ssoOnly: input.ssoOnly ?? false,
    })
    await organisation.save()

    let moved = 0
    if (oldChildPath !== null && oldChildPath !== organisation.childPath) {
      moved = await moveSubtree(
        trx,
        oldChildPath,
        organisation.childPath,
        organisation.depth - oldDepth
      )
    }
    return { type: 'saved' as const, organisation, moved }
  })
}

/*
 * Rewrites every descendant's path prefix and depth in one statement, then
 * writes their audit events (a bulk update skips the model hooks).
 */
async function moveSubtree(
  trx: TransactionClientContract,
  oldPrefix: string,
  newPrefix: string,
  depthChange: number
) {
  const descendants = await trx
    .from('organisations')
    .where('path', 'like', `${oldPrefix}%`)
    .select('id', 'name', 'path', 'depth')
  if (descendants.length === 0) return 0

  // concat() and substr() exist in SQLite (3.44+), MySQL and MariaDB alike.
  await trx
    .from('organisations')
    .where('path', 'like', `${oldPrefix}%`)
    .update({
      path: trx.raw('concat(?, substr(path, ?))', [newPrefix, oldPrefix.length + 1]),
      depth: trx.raw('depth + ?', [depthChange]),
      updated_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
    })

  for (const row of descendants) {
    const path = newPrefix + String(row.path).slice(oldPrefix.length)
    await recordAudit(
      {
        action: AuditActions.Update,
        subjectType: Organisation.auditSubjectType,
        subjectId: row.id,
        subjectLabel: row.name,
        organisationId: row.id,
        before: { path: row.path, depth: Number(row.depth) },
        after: { path, depth: Number(row.depth) + depthChange },
      },
      trx
    )
  }
  return descendants.length
}
