import type { HttpContext } from '@adonisjs/core/http'
import Skill from '#models/skill'
import { skillValidator } from '#validators/framework_admin'
import { saveSkill, type SaveSkillResult } from '#actions/framework/save_skill'
import {
  restoreFrameworkRecord,
  retireFrameworkRecord,
} from '#actions/framework/retire_framework_record'
import { skillsByCategory } from '#queries/framework/framework_query'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { SKILL_LEVELS } from '#domain/framework/levels'

/*
 * Skills and their four level descriptors, edited together on one page.
 * A skill is retired, never deleted: role levels and people refer to it.
 */
export default class SkillsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const categories = await skillsByCategory({ includeRetired: true })
    return view.render('pages/framework/admin/skills', { categories })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    return view.render('pages/framework/admin/skill_form', {
      skill: null,
      descriptors: {},
      levels: SKILL_LEVELS,
    })
  }

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const input = await request.validateUsing(skillValidator)
    const result = await saveSkill(skillInput(input))
    return this.respond(result, { backWithErrors, response, session }, 'Skill added')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const skill = await this.find(params.id)
    await skill.load('descriptors')
    const descriptors = Object.fromEntries(
      skill.descriptors.map((row) => [row.level, row.descriptor])
    )
    return view.render('pages/framework/admin/skill_form', {
      skill,
      descriptors,
      levels: SKILL_LEVELS,
    })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const skill = await this.find(params.id)
    const input = await request.validateUsing(skillValidator)
    const result = await saveSkill(skillInput(input), skill)
    return this.respond(result, { backWithErrors, response, session }, 'Changes saved to skill')
  }

  async retire({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const skill = await this.find(params.id)
    const result = await retireFrameworkRecord(skill)
    session.flash(
      'success',
      result.type === 'retired'
        ? `${skill.name} retired: it no longer appears in the framework`
        : `${skill.name} is already retired`
    )
    return response.redirect().toRoute('framework.admin.skills.index')
  }

  async restore({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const skill = await this.find(params.id)
    const result = await restoreFrameworkRecord(skill)
    session.flash(
      'success',
      result.type === 'restored' ? `${skill.name} restored` : `${skill.name} is not retired`
    )
    return response.redirect().toRoute('framework.admin.skills.index')
  }

  private async find(id: unknown) {
    const skill = await Skill.find(idParam(id))
    if (!skill) throw new RecordNotFoundException()
    return skill
  }

  private respond(
    result: SaveSkillResult,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.skill.name}`)
        return response.redirect().toRoute('framework.admin.skills.index')
      case 'name_taken':
        return backWithErrors({
          name: result.retired
            ? 'A retired skill already has this name: restore it or choose another name'
            : 'A skill with this name already exists',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

/* The form's four descriptor fields as descriptors by level. */
function skillInput(input: {
  name: string
  category: string
  description?: string
  descriptor1: string
  descriptor2: string
  descriptor3: string
  descriptor4: string
}) {
  return {
    name: input.name,
    category: input.category,
    description: input.description,
    descriptors: {
      1: input.descriptor1,
      2: input.descriptor2,
      3: input.descriptor3,
      4: input.descriptor4,
    },
  }
}
