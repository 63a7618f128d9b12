import type { ApiClient } from '@japa/api-client'
import User from '#models/user'

/* A bearer header for the user, as a client of the JSON API would send it. */
export async function bearer(user: User) {
  const token = await User.accessTokens.create(user, ['*'], { name: 'test' })
  return `Bearer ${token.value!.release()}`
}

/* Requests to the JSON API carrying a bearer header, as a client holding that token sends them. */
export function apiAs(client: ApiClient, authorization: string) {
  const send = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) =>
    client[method](url).header('Authorization', authorization)
  return {
    get: (url: string) => send('get', url),
    post: (url: string) => send('post', url),
    put: (url: string) => send('put', url),
    patch: (url: string) => send('patch', url),
    delete: (url: string) => send('delete', url),
  }
}

/* Fails unless every one of the API addresses answers a client holding that token with this status. */
export async function assertApiAnswers(
  client: ApiClient,
  authorization: string,
  urls: string[],
  status: number
) {
  for (const url of urls) {
    const response = await apiAs(client, authorization).get(url)
    response.assertStatus(status)
  }
}
