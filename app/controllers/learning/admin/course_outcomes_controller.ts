import type { HttpContext } from '@adonisjs/core/http'
import CourseOutcome from '#models/course_outcome'
import { courseOutcomeValidator, outcomeLevelValidator } from '#validators/learning_admin'
import {
  addCourseOutcome,
  changeCourseOutcome,
  removeCourseOutcome,
} from '#actions/learning/save_course_outcome'
import { courseSection, managedCourse } from '#controllers/learning/admin/managed_records'
import { found, idParam } from '#services/params'
import { SKILL_LEVELS, skillLevelName } from '#domain/framework/levels'

const levelOptions = SKILL_LEVELS.map(({ level, name }) => ({ value: level, label: name }))

/*
 * The skills a course builds and the level it brings learners to: added
 * and removed on the course's edit page, changed on a page of their own.
 */
export default class CourseOutcomesController {
  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const input = await request.validateUsing(courseOutcomeValidator)
    const result = await addCourseOutcome(course, input)
    switch (result.type) {
      case 'saved':
        session.flash(
          'success',
          `${course.title} now brings learners to ${skillLevelName(input.level)} in ${result.skill.name}`
        )
        return response.redirect().toPath(courseSection(course.id, 'outcomes'))
      case 'skill_not_found':
        return backWithErrors({ skillId: 'Select a skill from the list' })
      case 'already_listed':
        return backWithErrors({
          skillId: 'The course already lists this skill: change its level in the table instead',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const { outcome, course } = await this.find(bouncer, params.id)
    return view.render('pages/learning/admin/courses/outcome_form', {
      outcome,
      course,
      levelOptions,
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    const { outcome, course } = await this.find(bouncer, params.id)
    const { level } = await request.validateUsing(outcomeLevelValidator)
    await changeCourseOutcome(outcome, level)
    session.flash(
      'success',
      `${course.title} now brings learners to ${skillLevelName(level)} in ${outcome.skill.name}`
    )
    return response.redirect().toPath(courseSection(outcome.courseId, 'outcomes'))
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    const { outcome, course } = await this.find(bouncer, params.id)
    await removeCourseOutcome(outcome)
    session.flash('success', `${outcome.skill.name} removed from ${course.title}`)
    return response.redirect().toPath(courseSection(outcome.courseId, 'outcomes'))
  }

  private async find(bouncer: HttpContext['bouncer'], id: unknown) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const outcome = found(
      await CourseOutcome.query().where('id', idParam(id)).preload('skill').first()
    )
    const course = await managedCourse(bouncer, outcome.courseId)
    return { outcome, course }
  }
}
