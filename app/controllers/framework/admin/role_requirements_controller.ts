import type { HttpContext } from '@adonisjs/core/http'
import RoleLevel from '#models/role_level'
import RoleRequirement from '#models/role_requirement'
import { requirementLevelValidator, roleRequirementValidator } from '#validators/framework_admin'
import {
  addRoleRequirement,
  changeRoleRequirement,
  removeRoleRequirement,
} from '#actions/framework/save_role_requirement'
import { found, idParam } from '#services/params'
import { SKILL_LEVELS, skillLevelName, type SkillLevel } from '#domain/framework/levels'

const levelOptions = SKILL_LEVELS.map(({ level, name }) => ({ value: level, label: name }))

/*
 * The skills a role level needs and at what level: added and removed on
 * the level's edit page, changed on a page of their own.
 */
export default class RoleRequirementsController {
  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const roleLevel = found(await RoleLevel.find(idParam(params.id)))
    const input = await request.validateUsing(roleRequirementValidator)
    const result = await addRoleRequirement(roleLevel, {
      skillId: input.skillId,
      level: input.level as SkillLevel,
    })
    switch (result.type) {
      case 'saved':
        session.flash(
          'success',
          `${roleLevel.name} now needs ${result.skill.name} at ${skillLevelName(input.level)} level`
        )
        return response.redirect().toRoute('framework.admin.levels.edit', { id: roleLevel.id })
      case 'skill_not_found':
      case 'already_required': {
        return backWithErrors({
          skillId:
            result.type === 'skill_not_found'
              ? 'Select a skill from the list'
              : `${roleLevel.name} already needs ${result.skill.name}: change its level in the table instead`,
        })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const requirement = await this.find(params.id)
    await requirement.skill.load('descriptors')
    const descriptors = new Map(requirement.skill.descriptors.map((row) => [row.level, row]))
    const options = levelOptions.map((option) => ({
      ...option,
      hint: descriptors.get(option.value)?.descriptor ?? null,
    }))
    return view.render('pages/framework/admin/requirement_form', {
      requirement,
      levelOptions: options,
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const requirement = await this.find(params.id)
    const input = await request.validateUsing(requirementLevelValidator)
    await changeRoleRequirement(requirement, input.level as SkillLevel)
    session.flash(
      'success',
      `${requirement.roleLevel.name} now needs ${requirement.skill.name} at ${skillLevelName(input.level)} level`
    )
    return response
      .redirect()
      .toRoute('framework.admin.levels.edit', { id: requirement.roleLevelId })
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const requirement = await this.find(params.id)
    await removeRoleRequirement(requirement)
    session.flash(
      'success',
      `${requirement.roleLevel.name} no longer needs ${requirement.skill.name}`
    )
    return response
      .redirect()
      .toRoute('framework.admin.levels.edit', { id: requirement.roleLevelId })
  }

  private async find(id: unknown) {
    return found(
      await RoleRequirement.query()
        .where('id', idParam(id))
        .preload('skill')
        .preload('roleLevel', (level) => level.preload('roleProfile'))
        .first()
    )
  }
}
