import { transactionUnlessDuplicate } from '#actions/transactions'
import RoleProfile from '#models/role_profile'
import type RoleFamily from '#models/role_family'
import { findNameClash } from '#actions/name_clash'

export type RoleProfileInput = {
  name: string
  description?: string | null
}

export type SaveRoleProfileResult =
  { type: 'saved'; role: RoleProfile } | { type: 'name_taken'; retired: boolean }

/*
 * Adds a role to a family, or changes one. Names are unique within the
 * family whatever their case; the same name may be used in another family.
 */
export async function saveRoleProfile(
  family: RoleFamily,
  input: RoleProfileInput,
  existing?: RoleProfile
): Promise<SaveRoleProfileResult> {
  return transactionUnlessDuplicate(
    { type: 'name_taken' as const, retired: false },
    async (trx) => {
      const name = input.name.trim()
      const clash = await findNameClash(
        trx.from('role_profiles').where('role_family_id', family.id),
        name,
        existing?.id
      )
      if (clash) return { type: 'name_taken' as const, retired: clash.retired }

      const role = existing ?? new RoleProfile()
      role.useTransaction(trx)
      role.merge({
        roleFamilyId: family.id,
        name,
        description: input.description?.trim() || null,
      })
      await role.save()
      return { type: 'saved' as const, role }
    }
  )
}
