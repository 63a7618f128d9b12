import type { HttpContext } from '@adonisjs/core/http'
import { BaseSerializer, type Paginator } from '@adonisjs/core/transformers'

/* Titles of the HTTP statuses the API answers with. */
export const problemTitles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
}

/*
 * Answers with an application/problem+json body: the API's one error shape.
 */
export function problem(
  response: HttpContext['response'],
  status: number,
  detail: string,
  extra = {}
) {
  response
    .status(status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: problemTitles[status] ?? 'Error',
        status,
        detail,
        ...extra,
      })
    )
}

/* A field the API refused, as its 422 answer lists it. */
export type FieldProblem = { field: string; message: string; rule?: string }

/* Answers 422 with the fields at fault: the shape every refused body gets. */
export function fieldProblems(response: HttpContext['response'], errors: FieldProblem[]) {
  problem(response, 422, 'The request has errors in the fields listed.', { errors })
}

/* A page of a list: how many there are in all, which page this is and how many a page holds. */
export type ListPage = { total: number; page: number; perPage: number }

/* A page of a list as Lucid's paginator counts it: the list envelope's page. */
export function pageOf(meta: { total: number; currentPage: number; perPage: number }): ListPage {
  return { total: meta.total, page: meta.currentPage, perPage: meta.perPage }
}

/* The list envelope's meta: the page, and the last page there is. */
function listMeta({ total, page, perPage }: ListPage) {
  return { total, page, perPage, lastPage: Math.max(1, Math.ceil(total / perPage)) }
}

/*
 * How the API answers with what a transformer made: one resource or a
 * list under `data`, and a page of a list with its `meta`.
 */
class ApiSerializer extends BaseSerializer<{
  Wrap: 'data'
  PaginationMetaData: ReturnType<typeof listMeta>
}> {
  wrap = 'data' as const

  definePaginationMetaData(metaData: unknown) {
    return listMeta(metaData as ListPage)
  }

  /* A page of a list in the list envelope: `data`, and the page under `meta`. */
  async page<Page extends Paginator<any, any, any>>(paginator: Page) {
    const { data, metadata } = await this.serialize(paginator)
    return { data, meta: metadata }
  }
}

export const apiSerializer = new ApiSerializer()

/*
 * A call to the JSON API (under /api/v1/): authenticated by a bearer
 * token, never by a cookie, so it has no session, CSRF token or page.
 */
export function isApiCall(request: HttpContext['request']) {
  return request.url().startsWith('/api/v1/')
}
