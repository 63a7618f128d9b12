import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

/* Fails unless every one of the pages answers the signed-in person with this status. */
export async function assertPagesAnswer(
  client: ApiClient,
  user: User,
  urls: string[],
  status: number
) {
  for (const url of urls) {
    const response = await client.get(url).loginAs(user)
    response.assertStatus(status)
  }
}
