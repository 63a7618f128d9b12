import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { CookieClient } from '@adonisjs/core/http'
import { Encryption } from '@adonisjs/core/encryption'
import { TEST_PASSWORD } from '#database/factories/user_factory'

/*
 * A browser seen from the server: nothing but its session cookie, sent
 * with plain HTTP requests to the test server. Unlike the API client's
 * `loginAs` and `withSession` (whose plugin puts its own session cookie on
 * every request and drops the session afterwards), it signs in through
 * the real form and keeps the cookie the service gave it, so a copy of
 * that cookie can be replayed later, as someone who copied it would.
 */
export const SESSION_COOKIE = 'dcs-session'

/*
 * Empties the memory session store (the test environment's). Ids of people
 * come round again once a test's transaction is rolled back, so sessions
 * left by an earlier test could otherwise count as a new person's.
 */
export async function forgetAllSessions() {
  const config = await configProvider.resolve<{ stores: Record<string, () => object> }>(
    app,
    app.config.get('session')
  )
  const memory = config!.stores.memory().constructor as unknown as {
    sessions: Map<string, unknown>
    tags: Map<string, string>
  }
  memory.sessions.clear()
  memory.tags.clear()
}

export type Answer = { status: number; location: string | null; text: string }

/* The CSRF token of a form on the page (shield writes single or double quotes). */
export function csrfToken(html: string) {
  const match = /name=["']_csrf["']\s+value=["']([^"']+)["']/.exec(html)
  if (!match) throw new Error('No CSRF field in the page')
  return match[1]
}

export class Visitor {
  /* The cookie as the browser holds it: signed, exactly as the server set it. */
  cookie: string | null = null

  static async signedIn(email: string, password = TEST_PASSWORD) {
    const visitor = new Visitor()
    const answer = await visitor.signIn(email, password)
    if (answer.status !== 302 || answer.location !== '/') {
      throw new Error(`Signing in through the form failed: ${answer.status} → ${answer.location}`)
    }
    return visitor
  }

  /* Another browser holding a copy of this one's cookie. */
  copy() {
    const other = new Visitor()
    other.cookie = this.cookie
    return other
  }

  /* The session id inside the signed cookie. */
  async sessionId() {
    if (!this.cookie) return null
    const cookies = new CookieClient(await app.container.make(Encryption))
    return cookies.parse(SESSION_COOKIE, decodeURIComponent(this.cookie)) as string | null
  }

  async get(path: string) {
    return this.send('GET', path)
  }

  /* Posts a form from a page, with that page's CSRF token. */
  async submit(formPage: string, action: string, fields: Record<string, string> = {}) {
    const page = await this.get(formPage)
    if (page.status !== 200) throw new Error(`${formPage} answered ${page.status}`)
    return this.send('POST', action, { _csrf: csrfToken(page.text), ...fields }, formPage)
  }

  async post(path: string, fields: Record<string, string> = {}) {
    return this.send('POST', path, fields)
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    return this.submit('/sign-in', '/sign-in', { email, password })
  }

  async signOut() {
    return this.submit('/profile', '/sign-out')
  }

  /* Sets a password through the form a set-password link opens (an invitation's or a reset's). */
  async setPassword(path: string, password: string) {
    return this.submit(path, path, { newPassword: password, confirmPassword: password })
  }

  /* Changes the signed-in person's password through the profile's form. */
  async changePassword(currentPassword: string, newPassword: string) {
    return this.submit('/profile/password', '/profile/password?_method=PUT', {
      currentPassword,
      newPassword,
      confirmPassword: newPassword,
    })
  }

  /* Whether this cookie signs someone in: the home page, or a trip to sign in. */
  async isSignedIn() {
    const home = await this.get('/')
    if (home.status === 200) return true
    if (home.status === 302 && home.location === '/sign-in') return false
    throw new Error(`The home page answered ${home.status} ${home.location ?? ''}`)
  }

  private async send(
    method: string,
    path: string,
    fields?: Record<string, string>,
    referrer?: string
  ) {
    const base = `http://${process.env.HOST}:${process.env.PORT}`
    const headers: Record<string, string> = { Accept: 'text/html' }
    if (referrer) headers.Referer = `${base}${referrer}`
    if (this.cookie) headers.Cookie = `${SESSION_COOKIE}=${this.cookie}`
    if (fields) headers['Content-Type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: fields ? new URLSearchParams(fields).toString() : undefined,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const separator = pair.indexOf('=')
      if (pair.slice(0, separator).trim() !== SESSION_COOKIE) continue
      const value = pair.slice(separator + 1).trim()
      this.cookie = value === '' || /max-age=0\b/i.test(line) ? null : value
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    }
  }
}
