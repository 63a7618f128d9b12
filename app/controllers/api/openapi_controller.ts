import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '../../openapi/document.js'
import { inlineMarkup, referenceView } from '../../openapi/reference_view.js'

/*
 * The API's description: the OpenAPI document for programs, and the
 * reference page made from it for people. Both are public.
 */
export default class OpenApiController {
  /*
   * Kept by the client for five minutes, then revalidated by ETag. Private,
   * because every response carries a session cookie a shared cache must not keep.
   */
  async document({ response }: HttpContext) {
    response.header('Cache-Control', 'private, max-age=300')
    response.send(openApiDocument(), true)
  }

  async reference({ view }: HttpContext) {
    return view.render('pages/api_docs', {
      reference: referenceView(openApiDocument()),
      inlineMarkup,
    })
  }
}
