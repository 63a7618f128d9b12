import type { ApiResponse } from '@japa/api-client'

/* Reading the service's answers in functional tests, so a call and its check read as one line. */

/* Asserts the status of a response. */
export function expectStatus(response: ApiResponse, status: number) {
  response.assertStatus(status)
}

/* The body of a page. */
export function bodyOf(response: ApiResponse) {
  return response.text()
}
