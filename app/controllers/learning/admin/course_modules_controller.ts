import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { courseModuleValidator, moduleMoveValidator } from '#validators/learning_admin'
import {
  moveCourseModule,
  removeCourseModule,
  saveCourseModule,
  type CourseModuleInput,
  type SaveCourseModuleResult,
} from '#actions/learning/save_course_module'
import {
  courseSection,
  managedCourse,
  managedModule,
} from '#controllers/learning/admin/managed_records'
import { LINKED_MODULE_KINDS, moduleKindLabels } from '#enums/learning'

export const moduleKindOptions = LINKED_MODULE_KINDS.map((value) => ({
  value,
  label: moduleKindLabels[value],
}))

/* The module form's fields as the action takes them. */
function moduleFromForm(form: Infer<typeof courseModuleValidator>): CourseModuleInput {
  return {
    title: form.moduleTitle,
    kind: form.moduleKind,
    url: form.moduleUrl,
    required: form.moduleRequired,
  }
}

const NOT_SELF_PACED = {
  delivery: 'Only a self-paced course has modules: change how the course is delivered first',
}

/*
 * A self-paced course's modules: added on the course's edit page, changed
 * on a page of their own, moved up and down and removed from the list.
 */
export default class CourseModulesController {
  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const input = moduleFromForm(await request.validateUsing(courseModuleValidator))
    const result = await saveCourseModule(course, input)
    return this.respond(result, { backWithErrors, response, session }, 'Module added')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const module = await managedModule(bouncer, params.id)
    return view.render('pages/learning/admin/courses/module_form', {
      module,
      course: module.course,
      kindOptions: moduleKindOptions,
    })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const module = await managedModule(bouncer, params.id)
    const input = moduleFromForm(await request.validateUsing(courseModuleValidator))
    const result = await saveCourseModule(module.course, input, module)
    return this.respond(result, { backWithErrors, response, session }, 'Changes saved to module')
  }

  async move({ bouncer, params, request, response, session }: HttpContext) {
    const module = await managedModule(bouncer, params.id)
    const { direction } = await request.validateUsing(moduleMoveValidator)
    const result = await moveCourseModule(module, direction)
    switch (result.type) {
      case 'moved':
        session.flash('success', `${module.title} is now module ${result.position}`)
        break
      case 'at_edge':
        session.flash(
          'error',
          `${module.title} is already the ${direction === 'up' ? 'first' : 'last'} module`
        )
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toPath(courseSection(module.courseId, 'modules'))
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    const module = await managedModule(bouncer, params.id)
    await removeCourseModule(module)
    session.flash('success', `${module.title} removed from ${module.course.title}`)
    return response.redirect().toPath(courseSection(module.courseId, 'modules'))
  }

  private respond(
    result: SaveCourseModuleResult,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.module.title}`)
        return response.redirect().toPath(courseSection(result.module.courseId, 'modules'))
      case 'not_self_paced':
        return backWithErrors(NOT_SELF_PACED)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
