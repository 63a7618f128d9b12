import type { HttpContext } from '@adonisjs/core/http'
import { submitSelfAssessment } from '#actions/capability/submit_self_assessment'
import { SELF_ASSESSMENT_FLASH } from '#services/capability_messages'
import { readSelfAssessment, skillField } from '#validators/capability_assessment'
import { assessmentSkills } from '#queries/capability/assessment_query'
import { SKILL_LEVELS, skillLevelName } from '#domain/framework/levels'

const PENDING = 'capability.pendingSelfAssessment'

type Answer = { skillId: number; level: number }

/*
 * A person assesses their own level in the skills of their role levels:
 * form, check answers (kept in the session, so no JavaScript is needed),
 * then submit.
 */
export default class SelfAssessmentController {
  async show({ auth, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const { assignments, groups } = await assessmentSkills(user.id)
    const pending = new Map((session.get(PENDING, []) as Answer[]).map((a) => [a.skillId, a.level]))
    return view.render('pages/capability/assessment', {
      assignments,
      groups,
      levels: SKILL_LEVELS,
      skillField,
      pending: Object.fromEntries(pending),
    })
  }

  async store({ auth, backWithErrors, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const { skills } = await assessmentSkills(user.id)
    if (!skills.length) return response.redirect().toRoute('capability.assessment.show')
    const read = readSelfAssessment(request.all(), skills)
    if ('errors' in read) {
      session.flash(read.entered)
      return backWithErrors(read.errors, { keepInput: false, to: ['capability.assessment.show'] })
    }
    session.put(PENDING, read.answers)
    return response.redirect().toRoute('capability.assessment.check')
  }

  async check({ auth, response, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const pending = session.get(PENDING, []) as Answer[]
    if (!pending.length) return response.redirect().toRoute('capability.assessment.show')
    const { skills } = await assessmentSkills(user.id)
    const names = new Map(skills.map((skill) => [skill.id, skill.name]))
    return view.render('pages/capability/assessment_check', {
      rows: pending
        .filter((answer) => names.has(answer.skillId))
        .map((answer) => ({
          skillName: names.get(answer.skillId)!,
          field: skillField(answer.skillId),
          level: `${answer.level} ${skillLevelName(answer.level)}`,
        })),
    })
  }

  async submit({ auth, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const pending = session.get(PENDING, []) as Answer[]
    const result = await submitSelfAssessment(user, pending)
    switch (result.type) {
      case 'submitted':
        session.forget(PENDING)
        session.flash(...SELF_ASSESSMENT_FLASH.submitted)
        return response.redirect().toRoute('capability.assessment.show')
      case 'nothing_to_submit':
        return response.redirect().toRoute('capability.assessment.show')
      case 'no_current_role':
        session.forget(PENDING)
        session.flash(...SELF_ASSESSMENT_FLASH.no_current_role)
        return response.redirect().toRoute('capability.role.show')
      case 'skills_not_in_role':
        session.forget(PENDING)
        session.flash(...SELF_ASSESSMENT_FLASH.skills_not_in_role)
        return response.redirect().toRoute('capability.assessment.show')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
