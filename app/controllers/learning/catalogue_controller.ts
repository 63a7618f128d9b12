import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { readCatalogueFilters } from '#validators/catalogue'
import {
  catalogueOptions,
  courseWithSessions,
  searchCatalogue,
} from '#queries/learning/catalogue_query'
import { catalogueEntryView, coursePageView } from '#transformers/learning_transformer'
import { courseDeliveryLabels, courseModeLabels } from '#enums/learning'
import { forPerson } from '#queries/capability/gaps_query'
import { courseHolding } from '#queries/learning/course_holdings_query'
import { selfPacedOffer } from '#queries/learning/self_paced_query'
import { courseHeldMessage } from '#services/enrolment_messages'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { exportList } from '#services/exports'
import { backToListWithErrors, csvHref } from '#services/list_pipeline'

export default class CatalogueController {
  async index({ auth, request, view }: HttpContext) {
    const read = await readCatalogueFilters(request.qs())
    const errors = read.errors
    const filters = await forPerson(auth.getUserOrFail().id, read.filters)
    const { page, entries } = await searchCatalogue(filters)
    return view.render('pages/learning/catalogue', {
      courses: entries.map(catalogueEntryView),
      meta: page.getMeta(),
      entered: request.qs(),
      sort: filters.sort ?? 'title',
      errors,
      options: await catalogueOptions(),
      modes: Object.entries(courseModeLabels).map(([value, label]) => ({ value, label })),
      deliveries: Object.entries(courseDeliveryLabels).map(([value, label]) => ({ value, label })),
      mine: filters.mine ?? null,
      csvHref: csvHref('/learning/courses.csv', { ...read.filters, page: undefined }),
    })
  }

  /* The catalogue as CSV: every course the page's filters find, on every page. */
  async csv(ctx: HttpContext) {
    const { errors } = await readCatalogueFilters(ctx.request.qs())
    if (backToListWithErrors(ctx, '/learning/courses', errors)) return
    return exportList(ctx, 'catalogue')
  }

  /* Drafts and archived courses answer 404 to anyone but their provider's admins. */
  async show({ auth, bouncer, params, view }: HttpContext) {
    const found = await courseWithSessions(idParam(params.id))
    if (!found || !(await bouncer.with('CoursePolicy').allows('view', found.course))) {
      throw new RecordNotFoundException()
    }
    // A course the person already holds is not offered again: the page says where they stand.
    const holding = await courseHolding(auth.getUserOrFail().id, found.course.id)
    const selfPaced = found.course.delivery === 'self_paced'
    return view.render('pages/learning/course', {
      course: coursePageView(found.course, found.sessions, DateTime.now()),
      held: holding && !selfPaced ? courseHeldMessage(holding, found.course.title) : null,
      selfPaced: selfPaced
        ? await selfPacedOffer(auth.getUserOrFail().id, found.course, found.modules)
        : null,
    })
  }
}
