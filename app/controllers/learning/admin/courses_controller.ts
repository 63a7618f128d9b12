import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import type Course from '#models/course'
import { exportList } from '#services/exports'
import { adminCoursesList } from '#exports/learning'
import { courseValidator } from '#validators/learning_admin'
import { defaultProviderFor, saveCourse } from '#actions/learning/save_course'
import { courseFormError } from '#services/course_admin_messages'
import {
  courseSessions,
  courseStatusCounts,
  providerOptions,
  roleOptionsFor,
  skillOptionsFor,
} from '#queries/learning/admin_courses_query'
import { administeredProviders } from '#services/provider_scope'
import { managedCourse } from '#controllers/learning/admin/managed_records'
import { moduleKindOptions } from '#controllers/learning/admin/course_modules_controller'
import {
  audienceKindLabels,
  courseDeliveryLabels,
  courseDeliveryValues,
  moduleKindLabels,
  courseModeLabels,
  courseStatusLabels,
  courseModeValues,
  courseStatusValues,
} from '#enums/learning'
import { SKILL_LEVELS } from '#domain/framework/levels'

const modeOptions = courseModeValues.map((value) => ({ value, label: courseModeLabels[value] }))
const statusOptions = courseStatusValues.map((value) => ({
  value,
  label: courseStatusLabels[value],
}))
const DELIVERY_HINTS = {
  scheduled: 'Learners book a place on one of its dated sessions.',
  self_paced:
    'Learners start it online at any time, with no limit on places, and work through its modules.',
}
const deliveryOptions = courseDeliveryValues.map((value) => ({
  value,
  label: courseDeliveryLabels[value],
  hint: DELIVERY_HINTS[value],
}))
const levelOptions = SKILL_LEVELS.map(({ level, name }) => ({ value: level, label: name }))
const kindOptions = Object.entries(audienceKindLabels).map(([value, label]) => ({ value, label }))

/*
 * Course admins' courses: the list of their providers' courses in every
 * status, and the course form, whose edit page also lists the sessions,
 * the skills the course builds and the roles it is for.
 */
export default class CoursesController {
  async index(ctx: HttpContext) {
    const { bouncer, request, view } = ctx
    await bouncer.with('CoursePolicy').authorize('administer')
    const { scope: providers, filters, page: courses, csvHref } = await adminCoursesList.read(ctx)
    courses.baseUrl(request.url())
    return view.render('pages/learning/admin/courses/index', {
      courses,
      filters,
      counts: await courseStatusCounts(providers, filters),
      csvHref,
      providers: await providerOptions(providers),
      statusOptions,
      courseStatusLabels,
      courseModeLabels,
    })
  }

  /* The course list as CSV: the same providers and filters, every page. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('CoursePolicy').authorize('administer')
    return exportList(ctx, 'courses')
  }

  async create({ auth, bouncer, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const user = auth.getUserOrFail()
    return view.render('pages/learning/admin/courses/form', {
      course: null,
      providers: await providerOptions(await administeredProviders(user)),
      defaultProvider: await defaultProviderFor(user),
      modeOptions,
      deliveryOptions,
      statusOptions,
    })
  }

  async store({ answerSave, auth, backWithErrors, bouncer, request }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const input = await request.validateUsing(courseValidator)
    const providerId = input.provider ?? (await defaultProviderFor(auth.getUserOrFail()))
    if (!providerId) {
      return backWithErrors({ provider: 'Select the provider that runs the course' })
    }
    await bouncer.with('CoursePolicy').authorize('manageProvider', providerId)
    const result = await saveCourse({ ...input, providerId })
    return answerSave(result, saved('Course added'), courseFormError)
  }

  async edit({ auth, bouncer, params, view }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    await course.load((loader) => {
      loader
        .load('outcomes', (outcomes) => outcomes.preload('skill'))
        .load('audiences', (audiences) => audiences.preload('roleProfile'))
        .load('modules')
    })
    return view.render('pages/learning/admin/courses/form', {
      course,
      outcomes: [...course.outcomes].sort((a, b) => a.skill.name.localeCompare(b.skill.name)),
      audiences: [...course.audiences].sort((a, b) =>
        a.roleProfile.name.localeCompare(b.roleProfile.name)
      ),
      sessions: await courseSessions(course.id),
      providers: await providerOptions(await administeredProviders(auth.getUserOrFail())),
      defaultProvider: course.providerId,
      deliveryOptions,
      moduleKindOptions,
      moduleKindLabels,
      skillOptions: await skillOptionsFor(course.id),
      roleOptions: await roleOptionsFor(course.id),
      modeOptions,
      statusOptions,
      levelOptions,
      kindOptions,
      audienceKindLabels,
    })
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const input = await request.validateUsing(courseValidator)
    const providerId = input.provider ?? course.providerId
    await bouncer.with('CoursePolicy').authorize('manageProvider', providerId)
    const result = await saveCourse({ ...input, providerId }, course)
    return answerSave(result, saved('Changes saved to course'), courseFormError)
  }
}

/* A saved course goes on to its edit page, its code and title after the message. */
function saved(message: string) {
  return ({ course }: { course: Course }): SavedAnswer => [
    `${message}: ${course.code} ${course.title}`,
    'learning.admin.courses.edit',
    { id: course.id },
  ]
}
