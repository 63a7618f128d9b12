/*
 * Small helpers for the scale-out checks: HTTP requests that never throw
 * (a network failure is status 0), a cookie jar per signed-in person, the
 * test database, and PASS/FAIL lines.
 */
import { readFileSync } from 'node:fs'
import mysql from 'mysql2/promise'

export type Fixture = {
  sessions: { crowd: number; kill: number; lock: number; web: number }
  password: string
  webUser: { email: string; name: string }
  rateLimitedEmail: string
  perAccountLimit: number
  learners: { id: number; email: string; token: string }[]
}

export type Answer = {
  status: number
  body: string
  headers: Headers
  /* Milliseconds since the epoch, when the request was sent and when its answer arrived. */
  sent: number
  answered: number
  /* The instance nginx passed the request to (its X-Upstream header), or null. */
  upstream: string | null
  error?: string
}

export const urls = {
  nginx: required('SCALE_NGINX_URL'),
  a: required('SCALE_A_URL'),
  b: required('SCALE_B_URL'),
}

export function required(name: string) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(required('SCALE_FIXTURE'), 'utf8'))
}

/* A connection of its own to the test database, as a separate MySQL client. */
export function database() {
  return mysql.createConnection({
    host: required('DB_HOST'),
    port: Number(required('DB_PORT')),
    user: required('DB_USER'),
    password: required('DB_PASSWORD'),
    database: required('DB_DATABASE'),
    dateStrings: true,
  })
}

export async function send(
  url: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    timeoutMs?: number
  } = {}
): Promise<Answer> {
  const sent = Date.now()
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(init.timeoutMs ?? 120_000),
    })
    const body = await response.text()
    return {
      status: response.status,
      body,
      headers: response.headers,
      sent,
      answered: Date.now(),
      upstream: response.headers.get('x-upstream'),
    }
  } catch (error) {
    return {
      status: 0,
      body: '',
      headers: new Headers(),
      sent,
      answered: Date.now(),
      upstream: null,
      error: (error as Error).cause ? String((error as Error).cause) : String(error),
    }
  }
}

/* POST /api/v1/sessions/:id/enrolments with a bearer token. */
export function enrolByApi(base: string, sessionId: number, token: string) {
  return send(`${base}/api/v1/sessions/${sessionId}/enrolments`, {
    method: 'POST',
    headers: {
      'Authorization': `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Accept': 'application/json',
    },
    body: '{}',
  })
}

/* A person in a browser: the session cookie goes with every request, to any instance. */
export class Browser {
  readonly cookies = new Map<string, string>()

  /* Another browser holding copies of this one's cookies, as someone who copied them would. */
  copy() {
    const other = new Browser()
    for (const [name, value] of this.cookies) other.cookies.set(name, value)
    return other
  }

  async get(url: string) {
    return this.keep(await send(url, { headers: this.headers() }))
  }

  async postForm(url: string, fields: Record<string, string>) {
    return this.keep(
      await send(url, {
        method: 'POST',
        headers: { ...this.headers(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      })
    )
  }

  /* Signs in through the form of one instance; returns the answer to the POST. */
  async signIn(base: string, email: string, password: string) {
    const page = await this.get(`${base}/sign-in`)
    return this.postForm(`${base}/sign-in`, { _csrf: csrfToken(page.body), email, password })
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    return cookie ? { Cookie: cookie, Accept: 'text/html' } : { Accept: 'text/html' }
  }

  private keep(answer: Answer) {
    for (const line of answer.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = attributes.some((attribute) => {
        const [key, setting] = attribute.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(setting) <= 0
        if (key.toLowerCase() === 'expires') return Date.parse(setting) <= Date.now()
        return false
      })
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return answer
  }
}

export function csrfToken(html: string) {
  const match = /name=["']_csrf["']\s+value=["']([^"']+)["']/.exec(html)
  if (!match) throw new Error('No CSRF field in the page')
  return match[1]
}

/* What a stack trace or a framework debug page would leave in a body. */
export function showsInternals(body: string) {
  return /\n\s+at \S|node:internal|\.(ts|js):\d+:\d+|youch|ECONNREFUSED|ER_[A-Z_]{4,}|Stack trace/i.test(
    body
  )
}

let failures = 0
export function verdict(ok: boolean, line: string) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${line}`)
  if (!ok) failures += 1
  return ok
}
export function failureCount() {
  return failures
}

export function note(line: string) {
  console.log(`      ${line}`)
}

export function countBy<T>(items: T[], key: (item: T) => string) {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

export function percentile(values: number[], share: number) {
  if (values.length === 0) return 0
  const sorted = [...values].sort((left, right) => left - right)
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/* True when positions are exactly 1..n, each once. */
export function contiguous(positions: number[]) {
  const sorted = [...positions].sort((left, right) => left - right)
  return sorted.every((position, index) => position === index + 1)
}
