import type { HttpContext } from '@adonisjs/core/http'
import { apiCatalogueQueryValidator } from '#validators/catalogue'
import { withoutBlanks } from '#services/list_pipeline'
import {
  CATALOGUE_PAGE_SIZE,
  courseWithSessions,
  searchCatalogue,
  sessionWithCounts,
} from '#queries/learning/catalogue_query'
import { CourseSessionTransformer, CourseTransformer } from '#transformers/learning_transformer'
import { apiSerializer, pageOf } from '#services/api'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

export default class CatalogueController {
  async index({ request }: HttpContext) {
    const { perPage, ...filters } = await apiCatalogueQueryValidator.validate(
      withoutBlanks(request.qs())
    )
    const { page, entries } = await searchCatalogue(filters, perPage ?? CATALOGUE_PAGE_SIZE)
    return apiSerializer.page(
      CourseTransformer.paginate(entries, pageOf(page.getMeta())).useVariant('forList')
    )
  }

  async show({ bouncer, params }: HttpContext) {
    const found = await courseWithSessions(idParam(params.id))
    if (!found || !(await bouncer.with('CoursePolicy').allows('view', found.course))) {
      throw new RecordNotFoundException()
    }
    return apiSerializer.serialize(CourseTransformer.transform(found))
  }

  async session({ bouncer, params }: HttpContext) {
    const found = await sessionWithCounts(idParam(params.id))
    if (!found || !(await bouncer.with('CoursePolicy').allows('view', found.session.course))) {
      throw new RecordNotFoundException()
    }
    return apiSerializer.serialize(
      CourseSessionTransformer.transform(found).useVariant('withCourse')
    )
  }
}
