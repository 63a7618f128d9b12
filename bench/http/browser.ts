/*
 * A minimal browser for the HTTP benchmark: keeps the cookies a signed-in
 * person would have, reads the CSRF token from the forms the service
 * renders, signs in through the sign-in form and asks the API for a token.
 * The session cookie is marked Secure in production; the benchmark talks
 * plain HTTP on 127.0.0.1, so it sends it back regardless, as a TLS proxy
 * in front of the service would.
 */

const CSRF_FIELD = /name=['"]_csrf['"]\s+value=['"]([^'"]+)['"]/

export class Browser {
  private readonly cookies = new Map<string, string>()

  constructor(readonly baseUrl: string) {}

  /* The Cookie header this browser sends. */
  get cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader)
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      headers,
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }

  /* GETs a page and returns its HTML, failing on anything but 200. */
  async page(path: string) {
    const response = await this.request(path)
    const html = await response.text()
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`)
    return html
  }

  /* The CSRF token of the first form on a page. */
  async csrfToken(path: string) {
    const match = CSRF_FIELD.exec(await this.page(path))
    if (!match) throw new Error(`No CSRF token in the form on ${path}`)
    return match[1]
  }

  async postForm(path: string, fields: Record<string, string>) {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }

  /* Signs in through the form, as a person would; fails unless the service lets them in. */
  async signIn(email: string, password: string) {
    const token = await this.csrfToken('/sign-in')
    const response = await this.postForm('/sign-in', { email, password, _csrf: token })
    await response.arrayBuffer()
    const location = response.headers.get('location') ?? ''
    if (response.status !== 302 || location.includes('/sign-in')) {
      throw new Error(`Signing in as ${email} failed (${response.status} to "${location}")`)
    }
    const home = await this.request('/')
    await home.arrayBuffer()
    if (home.status !== 200)
      throw new Error(`After signing in as ${email}, / answered ${home.status}`)
  }

  /* A bearer token from the API, for the same account. */
  async apiToken(email: string, password: string) {
    const response = await fetch(new URL('/api/v1/tokens', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify({ email, password, name: 'HTTP benchmark' }),
    })
    const body = (await response.json()) as { token?: string }
    if (response.status !== 201 || !body.token) {
      throw new Error(`POST /api/v1/tokens for ${email} answered ${response.status}`)
    }
    return body.token
  }
}
