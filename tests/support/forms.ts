import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

type Fields = Record<string, unknown>

/*
 * A signed-in person sending forms as their browser would, with the CSRF
 * token, and keeping the redirect the service answers with instead of
 * following it, so a test can check where it leads and what it flashed.
 */
export function submitAs(client: ApiClient, user: User) {
  const send = (method: 'post' | 'put' | 'patch' | 'delete', url: string, fields?: Fields) => {
    const request = client[method](url).withCsrfToken().loginAs(user)
    return (fields === undefined ? request : request.form(fields)).redirects(0)
  }
  return {
    post: (url: string, fields?: Fields) => send('post', url, fields),
    put: (url: string, fields?: Fields) => send('put', url, fields),
    patch: (url: string, fields?: Fields) => send('patch', url, fields),
    delete: (url: string, fields?: Fields) => send('delete', url, fields),
  }
}

/*
 * The sign-in form sent from a browser nobody is signed in on, with the
 * CSRF token, keeping the redirect the service answers with.
 */
export function submitSignIn(client: ApiClient, email: string, password: string) {
  return client.post('/sign-in').withCsrfToken().form({ email, password }).redirects(0)
}
