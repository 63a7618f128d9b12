import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { PANEL_KEYS } from '#queries/insights/panel_keys'
import { apiAs, bearer } from '#tests/support/api'

/*
 * Every dashboard panel's figures as the metrics API answers a capability
 * admin: the numbers /insights shows, to compare before and after a change
 * that must leave them alone.
 */
export async function dashboardFigures(client: ApiClient, admin: User) {
  const api = apiAs(client, await bearer(admin))
  const figures: Record<string, unknown> = {}
  for (const key of PANEL_KEYS) {
    const response = await api.get(`/api/v1/metrics/${key}`)
    response.assertStatus(200)
    figures[key] = response.body()
  }
  return figures
}
