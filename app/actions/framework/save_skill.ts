import { transactionUnlessDuplicate } from '#actions/transactions'
import Skill from '#models/skill'
import SkillLevelDescriptor from '#models/skill_level_descriptor'
import { findNameClash } from '#actions/name_clash'
import { SKILL_LEVELS, type SkillLevel } from '#domain/framework/levels'

export type SkillInput = {
  name: string
  category: string
  description?: string | null
  descriptors: Record<SkillLevel, string>
}

export type SaveSkillResult =
  { type: 'saved'; skill: Skill } | { type: 'name_taken'; retired: boolean }

/*
 * Adds a skill with its four level descriptors, or changes them, in one
 * transaction. Skill names are unique across the framework whatever their
 * case; each descriptor is its own audited record, so only the ones that
 * changed appear in the trail.
 */
export async function saveSkill(input: SkillInput, existing?: Skill): Promise<SaveSkillResult> {
  return transactionUnlessDuplicate(
    { type: 'name_taken' as const, retired: false },
    async (trx) => {
      const name = input.name.trim()
      const clash = await findNameClash(trx.from('skills'), name, existing?.id)
      if (clash) return { type: 'name_taken' as const, retired: clash.retired }

      const skill = existing ?? new Skill()
      skill.useTransaction(trx)
      skill.merge({
        name,
        category: input.category.trim(),
        description: input.description?.trim() || null,
      })
      await skill.save()

      const current = await SkillLevelDescriptor.query({ client: trx }).where('skill_id', skill.id)
      for (const { level } of SKILL_LEVELS) {
        const descriptor =
          current.find((row) => row.level === level) ??
          new SkillLevelDescriptor().merge({ skillId: skill.id, level })
        descriptor.useTransaction(trx)
        descriptor.descriptor = input.descriptors[level].trim()
        await descriptor.save()
      }
      return { type: 'saved' as const, skill }
    }
  )
}
