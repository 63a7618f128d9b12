import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import Skill from '#models/skill'
import { skillValidator } from '#validators/framework_admin'
import { saveSkill } from '#actions/framework/save_skill'
import { skillsByCategory } from '#queries/framework/framework_query'
import { found, idParam } from '#services/params'
import {
  nameTaken,
  restoreRecord,
  retireRecord,
} from '#controllers/framework/admin/framework_records'
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

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const input = await request.validateUsing(skillValidator)
    const result = await saveSkill(skillInput(input))
    return answerSave(result, saved('Skill added'), (taken) => nameTaken(taken, 'skill'))
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

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const skill = await this.find(params.id)
    const input = await request.validateUsing(skillValidator)
    const result = await saveSkill(skillInput(input), skill)
    return answerSave(result, saved('Changes saved to skill'), (taken) => nameTaken(taken, 'skill'))
  }

  async retire(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    const skill = await this.find(ctx.params.id)
    const hidden = 'it no longer appears in the framework'
    return retireRecord(ctx, skill, hidden, 'framework.admin.skills.index')
  }

  async restore(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    return restoreRecord(ctx, await this.find(ctx.params.id), 'framework.admin.skills.index')
  }

  private async find(id: unknown) {
    return found(await Skill.find(idParam(id)))
  }
}

/* A saved skill goes back to the skills list, its name after the message. */
function saved(message: string) {
  return ({ skill }: { skill: Skill }): SavedAnswer => [
    `${message}: ${skill.name}`,
    'framework.admin.skills.index',
  ]
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
