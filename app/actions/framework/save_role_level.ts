import { transactionUnlessDuplicate } from '#actions/transactions'
import RoleLevel from '#models/role_level'
import type RoleProfile from '#models/role_profile'
import { findNameClash } from '#actions/name_clash'
import { seniorityRank } from '#domain/framework/levels'
import { gradeValues, type Grade } from '#enums/grades'

export type RoleLevelInput = {
  name: string
  description?: string | null
  typicalGrades?: Grade[]
  position?: number | null
}

export type SaveRoleLevelResult =
  { type: 'saved'; level: RoleLevel } | { type: 'name_taken'; retired: boolean }

/*
 * Adds a level to a role, or changes one. Names are unique within the role
 * whatever their case. Without a given place, a new level is placed by the
 * seniority its name suggests (as an import would place it); typical grades
 * are kept lowest first.
 */
export async function saveRoleLevel(
  role: RoleProfile,
  input: RoleLevelInput,
  existing?: RoleLevel
): Promise<SaveRoleLevelResult> {
  return transactionUnlessDuplicate(
    { type: 'name_taken' as const, retired: false },
    async (trx) => {
      const name = input.name.trim()
      const clash = await findNameClash(
        trx.from('role_levels').where('role_profile_id', role.id),
        name,
        existing?.id
      )
      if (clash) return { type: 'name_taken' as const, retired: clash.retired }

      const grades = new Set(input.typicalGrades ?? [])
      const level = existing ?? new RoleLevel()
      level.useTransaction(trx)
      level.merge({
        roleProfileId: role.id,
        name,
        description: input.description?.trim() || null,
        typicalGrades: gradeValues.filter((grade) => grades.has(grade)),
        position: input.position ?? existing?.position ?? Math.round(seniorityRank(name) * 10),
      })
      await level.save()
      return { type: 'saved' as const, level }
    }
  )
}
