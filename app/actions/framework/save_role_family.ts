import { transactionUnlessDuplicate } from '#actions/transactions'
import RoleFamily from '#models/role_family'
import { findNameClash } from '#actions/name_clash'

export type RoleFamilyInput = {
  name: string
  description?: string | null
  position?: number | null
}

export type SaveRoleFamilyResult =
  { type: 'saved'; family: RoleFamily } | { type: 'name_taken'; retired: boolean }

/*
 * Adds a role family, or changes one. Names are unique across the framework
 * whatever their case, retired families included; a new family goes last
 * unless given a place.
 */
export async function saveRoleFamily(
  input: RoleFamilyInput,
  existing?: RoleFamily
): Promise<SaveRoleFamilyResult> {
  return transactionUnlessDuplicate(
    { type: 'name_taken' as const, retired: false },
    async (trx) => {
      const name = input.name.trim()
      const clash = await findNameClash(trx.from('role_families'), name, existing?.id)
      if (clash) return { type: 'name_taken' as const, retired: clash.retired }

      let position = input.position ?? existing?.position
      if (position === undefined || position === null) {
        const row = await trx.from('role_families').max('position as last').first()
        position = row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1
      }

      const family = existing ?? new RoleFamily()
      family.useTransaction(trx)
      family.merge({ name, description: input.description?.trim() || null, position })
      await family.save()
      return { type: 'saved' as const, family }
    }
  )
}
