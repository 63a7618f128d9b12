import type { HttpContext } from '@adonisjs/core/http'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import { roleLevelValidator } from '#validators/framework_admin'
import { saveRoleLevel, type SaveRoleLevelResult } from '#actions/framework/save_role_level'
import {
  restoreFrameworkRecord,
  retireFrameworkRecord,
} from '#actions/framework/retire_framework_record'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
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

  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.findRole(params.id)
    const input = await request.validateUsing(roleLevelValidator)
    const result = await saveRoleLevel(role, input)
    switch (result.type) {
      case 'saved':
        session.flash('success', `Level added: ${result.level.name}. Add the skills it needs`)
        return response.redirect().toRoute('framework.admin.levels.edit', { id: result.level.id })
      case 'name_taken':
        return this.nameTaken(result, backWithErrors)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
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

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(params.id)
    const input = await request.validateUsing(roleLevelValidator)
    const result = await saveRoleLevel(level.roleProfile, input, level)
    switch (result.type) {
      case 'saved':
        session.flash('success', `Changes saved to level: ${result.level.name}`)
        return response
          .redirect()
          .toRoute('framework.admin.roles.edit', { id: level.roleProfileId })
      case 'name_taken':
        return this.nameTaken(result, backWithErrors)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async retire({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(params.id)
    const result = await retireFrameworkRecord(level)
    session.flash(
      'success',
      result.type === 'retired'
        ? `${level.name} retired: it no longer appears in the framework`
        : `${level.name} is already retired`
    )
    return response.redirect().toRoute('framework.admin.roles.edit', { id: level.roleProfileId })
  }

  async restore({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const level = await this.find(params.id)
    const result = await restoreFrameworkRecord(level)
    session.flash(
      'success',
      result.type === 'restored' ? `${level.name} restored` : `${level.name} is not retired`
    )
    return response.redirect().toRoute('framework.admin.roles.edit', { id: level.roleProfileId })
  }

  private async findRole(id: unknown) {
    const role = await RoleProfile.query().where('id', idParam(id)).preload('roleFamily').first()
    if (!role) throw new RecordNotFoundException()
    return role
  }

  private async find(id: unknown) {
    const level = await RoleLevel.query()
      .where('id', idParam(id))
      .preload('roleProfile', (role) => role.preload('roleFamily'))
      .first()
    if (!level) throw new RecordNotFoundException()
    return level
  }

  private nameTaken(
    result: Extract<SaveRoleLevelResult, { type: 'name_taken' }>,
    backWithErrors: HttpContext['backWithErrors']
  ) {
    return backWithErrors({
      name: result.retired
        ? 'A retired level in this role already has this name: restore it or choose another name'
        : 'A level with this name already exists in this role',
    })
  }
}

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
