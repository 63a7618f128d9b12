import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
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

/* A change a form would send: its method, address and fields. */
export type FormChange = ['post' | 'put' | 'delete', string, Record<string, unknown>]

/*
 * Fails unless every one of the pages and every one of the changes (sent
 * with the CSRF token, as a browser would) answers the signed-in person
 * with this status; each failure names the request and the person's roles.
 */
export async function assertPagesAndChangesAnswer(
  assert: Assert,
  client: ApiClient,
  user: User,
  requests: { pages: string[]; changes: FormChange[] },
  status: number
) {
  const roles = user.roleNames.join(', ')
  for (const url of requests.pages) {
    const response = await client.get(url).loginAs(user)
    assert.equal(response.status(), status, `GET ${url} as ${roles}`)
  }
  for (const [method, url, form] of requests.changes) {
    const response = await client[method](url).loginAs(user).withCsrfToken().form(form).redirects(0)
    assert.equal(response.status(), status, `${method.toUpperCase()} ${url} as ${roles}`)
  }
}

/* Fails unless every one of the pages sends someone who is not signed in to sign in. */
export async function assertPagesNeedSignIn(client: ApiClient, urls: string[]) {
  for (const url of urls) {
    const response = await client.get(url)
    response.assertRedirectsTo('/sign-in')
  }
}

/* Fails unless the page the signed-in person is answered includes each of the texts. */
export async function assertPageIncludes(
  client: ApiClient,
  user: User,
  url: string,
  texts: string[]
) {
  const response = await client.get(url).loginAs(user)
  for (const text of texts) {
    response.assertTextIncludes(text)
  }
}
