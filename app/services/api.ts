import type { HttpContext } from '@adonisjs/core/http'

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

/* The list envelope: data plus meta with total, page, perPage and lastPage. */
export function listEnvelope<T>(data: T[], total: number, page: number, perPage: number) {
  return { data, meta: { total, page, perPage, lastPage: Math.max(1, Math.ceil(total / perPage)) } }
}
