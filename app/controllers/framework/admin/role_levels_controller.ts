import type { HttpContext } from '@adonisjs/core/http'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import { roleLevelValidator } from '#validators/framework_admin'
import { saveRoleLevel } from '#actions/framework/save_role_level'
import { found, idParam } from '#services/params'
import {
  nameTaken,
  restoreRecord,
  retireRecord,
} from '#controllers/framework/admin/framework_records'
import { SKILL_LEVELS } from '#domain/framework/levels'
import { gradeLabels, gradeValues } from '#enums/grades'

const gradeOptions = gradeValues.map((grade) => ({ value: grade, label: gradeLabels[grade] }))

const levelOptions = SKILL_LEVELS.map(({ level, name }) => ({ value: level, label: name }))

/*
 * Levels within a role. A level's edit page is also where the skills it
 * needs (its requirements) are listed and added.
 */
export default class RoleLevelsController {
  async create({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.findRole(params.id)
    return view.render('pages/framework/admin/level_form', { role, level: null, gradeOptions })
  }

  async store({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.findRole(params.id)
    const input = await request.validateUsing(roleLevelValidator)
    const result = await saveRoleLevel(role, input)
    return answerSave(
      result,
      ({ level }) => [
        `Level added: ${level.name}. Add the skills it needs`,
        'framework.admin.levels.edit',
        { id: level.id },
      ],
      nameTakenInRole
    )
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(params.id)
    await level.load('requirements', (requirements) => requirements.preload('skill'))
    const requirements = [...level.requirements].sort((a, b) =>
      a.skill.name.localeCompare(b.skill.name)
    )
    const skills = await Skill.query()
      .whereNull('retired_at')
      .whereNotIn(
        'id',
        level.requirements.map((requirement) => requirement.skillId)
      )
      .orderBy('category')
      .orderBy('name')
      .select('id', 'name', 'category')
    return view.render('pages/framework/admin/level_form', {
      role: level.roleProfile,
      level,
      requirements,
      gradeOptions,
      levelOptions,
      skillOptions: groupByCategory(skills),
    })
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(params.id)
    const input = await request.validateUsing(roleLevelValidator)
    const result = await saveRoleLevel(level.roleProfile, input, level)
    return answerSave(
      result,
      (saved) => [
        `Changes saved to level: ${saved.level.name}`,
        'framework.admin.roles.edit',
        { id: level.roleProfileId },
      ],
      nameTakenInRole
    )
  }

  async retire(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(ctx.params.id)
    const hidden = 'it no longer appears in the framework'
    return retireRecord(ctx, level, hidden, 'framework.admin.roles.edit', {
      id: level.roleProfileId,
    })
  }

  async restore(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(ctx.params.id)
    return restoreRecord(ctx, level, 'framework.admin.roles.edit', { id: level.roleProfileId })
  }

  private async findRole(id: unknown) {
    return found(await RoleProfile.query().where('id', idParam(id)).preload('roleFamily').first())
  }

  private async find(id: unknown) {
    return found(
      await RoleLevel.query()
        .where('id', idParam(id))
        .preload('roleProfile', (role) => role.preload('roleFamily'))
        .first()
    )
  }
}

const nameTakenInRole = (taken: { retired: boolean }) => nameTaken(taken, 'level', ' in this role')

/* Skills as select options, one group per category. */
function groupByCategory(skills: Skill[]) {
  const groups = new Map<string, { value: number; label: string }[]>()
  for (const skill of skills) {
    const list = groups.get(skill.category) ?? []
    list.push({ value: skill.id, label: skill.name })
    groups.set(skill.category, list)
  }
  return [...groups.entries()].map(([label, options]) => ({ label, options }))
}
