/*
 * A real OpenID Connect provider (oidc-provider, certified by the OpenID
 * Foundation) on a localhost port, for the single sign-on tests and the
 * demo: one client, a few accounts with passwords, a plain sign-in page of
 * its own, and consent given on its users' behalf (as a department's
 * provider does for its own services). Tests can tamper with the ID tokens
 * it issues, to prove the service refuses them.
 *
 * Never used by the service itself: oidc-provider is a development
 * dependency only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'

export type ProviderAccount = {
  email: string
  password: string
  /* The subject the provider gives the account; from the e-mail address when not given. */
  subject?: string
  name?: string
  /* Whether the provider says it has checked the e-mail address: true unless given. */
  emailVerified?: boolean
}

export type IdentityProviderOptions = {
  clientId: string
  clientSecret: string
  redirectUris: string[]
  postLogoutRedirectUris?: string[]
  accounts: ProviderAccount[]
  /* Where to listen: 127.0.0.1 and a free port unless given. */
  host?: string
  port?: number
  /* The host name in the issuer URL, when it differs from where it listens (localhost for the demo). */
  issuerHost?: string
  /* Put the e-mail and name claims in the ID token (true), or only in userinfo, the provider's default (false). */
  claimsInIdToken?: boolean
  /* A name for the sign-in page. */
  title?: string
}

/* Changes an ID token on its way out of the token endpoint; `sign` signs a payload with the provider's key. */
export type IdTokenTamper = (
  token: { header: Record<string, unknown>; payload: Record<string, unknown> },
  sign: (
    header: Record<string, unknown>,
    payload: Record<string, unknown>,
    key?: KeyObject
  ) => string
) => string

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url')

function escapeHtml(text: string) {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!
  )
}

function page(title: string, body: string) {
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`
}

async function formBody(req: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

export class TestIdentityProvider {
  readonly issuer: string
  readonly provider: Provider
  /* Set by a test to change the next ID tokens; null leaves them alone. */
  tamper: IdTokenTamper | null = null

  private constructor(
    issuer: string,
    provider: Provider,
    private server: Server,
    private privateKey: KeyObject
  ) {
    this.issuer = issuer
    this.provider = provider
  }

  /* Starts a provider; it listens until close(). */
  static async start(options: IdentityProviderOptions) {
    const host = options.host ?? '127.0.0.1'
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, host, () => resolve())
    })
    const { port } = server.address() as AddressInfo
    const issuer = `http://${options.issuerHost ?? host}:${port}`

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const jwk = {
      ...privateKey.export({ format: 'jwk' }),
      kid: `test-${randomBytes(6).toString('hex')}`,
      alg: 'RS256',
      use: 'sig',
    }
    const accounts = options.accounts.map((account) => ({
      ...account,
      subject: account.subject ?? `subject-${account.email.toLowerCase()}`,
    }))
    const title = options.title ?? 'Department sign-in'

    const configuration: Configuration = {
      clients: [
        {
          client_id: options.clientId,
          client_secret: options.clientSecret,
          redirect_uris: options.redirectUris,
          post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name'],
      },
      conformIdTokenClaims: !(options.claimsInIdToken ?? true),
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx, form) => {
            ctx.body = page(
              `Sign out – ${title}`,
              `<h1>Sign out of ${escapeHtml(title)}?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`
            )
          },
          postLogoutSuccessSource: async (ctx) => {
            ctx.body = page(`Signed out – ${title}`, '<h1>You have signed out</h1>')
          },
        },
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // Consent is the department's to give for its own services: every sign-in gets the scopes asked for.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const session = ctx.oidc.session!
        const clientId = ctx.oidc.client!.clientId
        const existing = session.grantIdFor(clientId)
        if (existing) return ctx.oidc.provider.Grant.find(existing)
        const grant = new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId! })
        grant.addOIDCScope('openid email profile')
        grant.addOIDCClaims(['email', 'email_verified', 'name'])
        await grant.save()
        session.ensureClientContainer(clientId)
        session.grantIdFor(clientId, grant.jti)
        return grant
      },
      findAccount: async (_ctx, sub) => {
        const account = accounts.find((candidate) => candidate.subject === sub)
        if (!account) return undefined
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name,
          }),
        }
      },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        IdToken: 600,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      renderError: async (ctx, out) => {
        ctx.type = 'html'
        ctx.body = page(
          `Error – ${title}`,
          `<h1>Something went wrong</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p>`
        )
      },
    }

    const provider = new Provider(issuer, configuration)
    const identityProvider = new TestIdentityProvider(issuer, provider, server, privateKey)

    provider.use(async (ctx, next) => {
      await next()
      const body = ctx.body as Record<string, unknown> | undefined
      if (ctx.path === '/token' && identityProvider.tamper && typeof body?.id_token === 'string') {
        ctx.body = { ...body, id_token: identityProvider.tamperWith(body.id_token) }
      }
    })

    const handle = provider.callback()
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url ?? '/', issuer).pathname
      const match = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(path)
      if (!match) return void handle(req, res)
      identityProvider
        .interaction(req, res, match[1], match[2], accounts, title)
        .catch((error: unknown) => {
          res.statusCode = 400
          res.setHeader('Content-Type', 'text/html; charset=utf-8')
          res.end(page(title, `<h1>Sign-in failed</h1><p>${escapeHtml(String(error))}</p>`))
        })
    })
    return identityProvider
  }

  /* The sign-in page, the sign-in itself, and the way out without signing in. */
  private async interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    step: string | undefined,
    accounts: Required<Pick<ProviderAccount, 'email' | 'password' | 'subject'>>[],
    title: string
  ) {
    const details = await this.provider.interactionDetails(req, res)
    if (details.uid !== uid) throw new Error('This sign-in belongs to another browser')

    if (step === 'cancel' && req.method === 'POST') {
      return this.provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled the sign-in' },
        { mergeWithLastSubmission: false }
      )
    }

    let problem: string | null = null
    let email = typeof details.params.login_hint === 'string' ? details.params.login_hint : ''
    if (step === 'login' && req.method === 'POST') {
      const form = await formBody(req)
      email = form.get('email') ?? ''
      const account = accounts.find(
        (candidate) =>
          candidate.email.toLowerCase() === email.trim().toLowerCase() &&
          candidate.password === form.get('password')
      )
      if (account) {
        return this.provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.subject } },
          { mergeWithLastSubmission: false }
        )
      }
      problem = 'Enter the email address and password of your department account'
    }

    res.statusCode = problem ? 401 : 200
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.end(
      page(
        `Sign in – ${title}`,
        `<h1>${escapeHtml(title)}</h1>
        ${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
        <form method="post" action="/interaction/${uid}/login">
          <p><label for="email">Email address</label><br><input id="email" name="email" type="email" autocomplete="username" value="${escapeHtml(email)}"></p>
          <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password"></p>
          <p><button type="submit">Sign in</button></p>
        </form>
        <form method="post" action="/interaction/${uid}/cancel"><button type="submit">Cancel</button></form>`
      )
    )
  }

  /* Signs a JWT with the provider's own key, or with another (a forgery). */
  sign = (
    header: Record<string, unknown>,
    payload: Record<string, unknown>,
    key: KeyObject = this.privateKey
  ) => {
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`
    const signature = createSign('RSA-SHA256').update(input).sign(key)
    return `${input}.${base64url(signature)}`
  }

  private tamperWith(idToken: string) {
    const [header, payload] = idToken
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')))
    return this.tamper!({ header, payload }, this.sign)
  }

  /*
   * Goes through the provider's sign-in as a browser would, from the
   * authorisation address the service sent the person to: follows the
   * provider's redirects, fills in its sign-in form (or cancels it), and
   * answers where the provider sends the person back to.
   */
  async signIn(
    authorisationUrl: string,
    credentials: { email: string; password: string } | 'cancel'
  ): Promise<URL> {
    const cookies = new Map<string, string>()
    const origin = new URL(this.issuer).origin
    let next: { url: string; method: string; body?: URLSearchParams } = {
      url: authorisationUrl,
      method: 'GET',
    }
    for (let step = 0; step < 12; step++) {
      const target = new URL(next.url, origin)
      if (target.origin !== origin) return target
      const response = await fetch(target, {
        method: next.method,
        body: next.body,
        redirect: 'manual',
        headers: {
          Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(next.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';')
        const separator = pair.indexOf('=')
        const name = pair.slice(0, separator).trim()
        const expired = attributes.some((attribute) => {
          const [key, value] = attribute.trim().split('=')
          return key.toLowerCase() === 'expires' && new Date(value).getTime() < Date.now()
        })
        if (expired) cookies.delete(name)
        else cookies.set(name, pair.slice(separator + 1).trim())
      }
      const location = response.headers.get('location')
      if (location) {
        await response.arrayBuffer()
        next = { url: location, method: 'GET' }
        continue
      }
      const html = await response.text()
      const login = /action="(\/interaction\/[\w-]+\/login)"/.exec(html)
      const cancel = /action="(\/interaction\/[\w-]+\/cancel)"/.exec(html)
      if (!login || !cancel || (step > 0 && next.method === 'POST' && credentials !== 'cancel')) {
        throw new Error(`The provider answered ${response.status}: ${html.slice(0, 300)}`)
      }
      next =
        credentials === 'cancel'
          ? { url: cancel[1], method: 'POST', body: new URLSearchParams() }
          : { url: login[1], method: 'POST', body: new URLSearchParams(credentials) }
    }
    throw new Error('The provider never sent the person back')
  }

  async close() {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

/* A port nothing listens on (just freed), for a provider that is down. */
export async function closedPort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
