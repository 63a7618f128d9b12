import type { HttpContext } from '@adonisjs/core/http'
import { apiCatalogueQueryValidator, withoutEmptyValues } from '#validators/catalogue'
import {
  CATALOGUE_PAGE_SIZE,
  courseWithSessions,
  searchCatalogue,
  sessionWithCounts,
} from '#queries/learning/catalogue_query'
import { courseResource, sessionResource } from '#transformers/learning_transformer'
import { listEnvelope } from '#services/api'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

export default class CatalogueController {
  async index({ request }: HttpContext) {
    const { perPage, ...filters } = await apiCatalogueQueryValidator.validate(
      withoutEmptyValues(request.qs())
    )
    const { page, entries } = await searchCatalogue(filters, perPage ?? CATALOGUE_PAGE_SIZE)
    const meta = page.getMeta()
    return listEnvelope(
      entries.map((entry) => courseResource(entry.course, { nextSession: entry.nextSession })),
      meta.total,
      meta.currentPage,
      meta.perPage
    )
  }

  async show({ bouncer, params }: HttpContext) {
    const found = await courseWithSessions(idParam(params.id))
    if (!found || !(await bouncer.with('CoursePolicy').allows('view', found.course))) {
      throw new RecordNotFoundException()
    }
    return { data: courseResource(found.course, { sessions: found.sessions }) }
  }

  async session({ bouncer, params }: HttpContext) {
    const found = await sessionWithCounts(idParam(params.id))
    if (!found || !(await bouncer.with('CoursePolicy').allows('view', found.session.course))) {
      throw new RecordNotFoundException()
    }
    return { data: { ...sessionResource(found), course: sessionCourse(found.session.course) } }
  }
}

function sessionCourse(course: { id: number; code: string; title: string }) {
  return { id: course.id, code: course.code, title: course.title }
}
