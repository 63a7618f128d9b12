import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { apiAs, bearer } from '#tests/support/api'

/*
 * What a dashboard panel's metrics route (`training?year=2025`) answers the
 * person through the JSON API, with a token of their own; fails unless it
 * answers 200.
 */
export async function metricsFor(client: ApiClient, user: User, panel: string) {
  const response = await apiAs(client, await bearer(user)).get(`/api/v1/metrics/${panel}`)
  response.assertStatus(200)
  return response.body() as { data: any; meta: any }
}
