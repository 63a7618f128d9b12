import * as oidc from 'openid-client'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import env from '#start/env'
import type IdentityProvider from '#models/identity_provider'

/*
 * OpenID Connect with departments' identity providers, through
 * openid-client: discovery, the authorisation request (code flow with
 * PKCE, state and nonce) and the code exchange with the ID token's checks.
 * What the service does with the person it learns of lives in
 * app/actions/identity/department_sign_in.ts.
 */

/* Seconds an ID token's times (iat, exp, nbf) may be off, for clocks that disagree a little. */
export const CLOCK_TOLERANCE_SECONDS = 60

/* What the service asks a provider for: who the person is, their e-mail address and name. */
export const SCOPE = 'openid email profile'

/* How long a provider has to answer any one request. */
const TIMEOUT_SECONDS = 10

/* How long a provider's discovered settings are kept before they are read again. */
const DISCOVERY_KEPT_MS = 10 * 60 * 1000

const SECRET_PURPOSE = 'identity_provider.client_secret'

/* The provider could not be reached, or answered in a way that cannot be used. */
export class ProviderUnavailable extends Error {}

/* The code exchange or the ID token failed a check. */
export class ResponseRejected extends Error {}

/* The client secret as stored: encrypted with the application's key. */
export function encryptSecret(secret: string) {
  return encryption.encrypt(secret, undefined, SECRET_PURPOSE)
}

function decryptSecret(stored: string) {
  const secret = encryption.decrypt<string>(stored, SECRET_PURPOSE)
  if (typeof secret !== 'string') {
    throw new ProviderUnavailable('the client secret cannot be read with this APP_KEY')
  }
  return secret
}

/* The service's own address, for the addresses a provider sends people back to. */
function serviceUrl() {
  const base = env.get('APP_URL') || `http://${env.get('HOST')}:${env.get('PORT') ?? 3333}`
  return base.replace(/\/+$/, '')
}

/* Where a provider sends people back to with a code: register it with the provider. */
export function callbackUrl() {
  return `${serviceUrl()}/sign-in/department/callback`
}

/* Where a provider sends people once they have signed out there too. */
export function signedOutUrl() {
  return `${serviceUrl()}/sign-in`
}

/*
 * Plain http is allowed for a provider only outside production (the
 * tests' and the demo's providers run on this machine); production
 * insists on https, and the form refuses anything else there.
 */
export function plainHttpAllowed() {
  return !app.inProduction
}

function insecure(issuer: string) {
  return plainHttpAllowed() && issuer.startsWith('http:')
}

/* A short, secret-free description of what went wrong, for the log and the audit trail. */
export function describeFailure(error: unknown): string {
  if (error instanceof ProviderUnavailable || error instanceof ResponseRejected) {
    return error.message
  }
  if (error instanceof oidc.ResponseBodyError) {
    return `${error.status} ${error.error}`.slice(0, 200)
  }
  if (error instanceof oidc.ClientError) {
    const cause = error.cause instanceof Error ? error.cause.message : error.message
    return `${error.code ?? 'error'}: ${cause}`.slice(0, 200)
  }
  if (error instanceof Error) {
    const cause = error.cause as { code?: string } | undefined
    return `${error.name}: ${error.message}${cause?.code ? ` (${cause.code})` : ''}`.slice(0, 200)
  }
  return 'unknown failure'
}

/*
 * Whether a failure of a call to the provider is the provider's being away
 * (network, timeout, a server error, an answer that is not OAuth at all)
 * rather than an answer that failed a check.
 */
function isUnavailability(error: unknown) {
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500
  if (error instanceof oidc.ClientError) {
    return (
      error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON'
    )
  }
  if (error instanceof oidc.AuthorizationResponseError) return false
  if (error instanceof oidc.WWWAuthenticateChallengeError) return false
  // fetch failing (refused, reset, DNS) is a TypeError; a timeout is a DOMException.
  return error instanceof TypeError || (error instanceof Error && /Abort|Timeout/.test(error.name))
}

type Discovered = { key: string; config: oidc.Configuration; until: number }
const discovered = new Map<number, Discovered>()

/* Forgets every provider's discovered settings (after a provider is changed, and in tests). */
export function forgetDiscoveredProviders() {
  discovered.clear()
}

/*
 * The provider's settings from its discovery document, with the client's
 * secret and the clock tolerance, kept for a few minutes. The client
 * authenticates with HTTP Basic unless the provider only takes the secret
 * in the body.
 */
export async function configurationFor(provider: IdentityProvider) {
  const key = `${provider.issuer}\n${provider.clientId}\n${provider.clientSecret}`
  const kept = discovered.get(provider.id)
  if (kept && kept.key === key && kept.until > Date.now()) return kept.config

  let server: oidc.ServerMetadata
  try {
    const found = await oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      undefined,
      undefined,
      {
        execute: insecure(provider.issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: TIMEOUT_SECONDS,
      }
    )
    server = { ...found.serverMetadata() }
  } catch (error) {
    throw new ProviderUnavailable(`discovery failed: ${describeFailure(error)}`)
  }

  const secret = decryptSecret(provider.clientSecret)
  const methods = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
  const authentication =
    methods.includes('client_secret_post') && !methods.includes('client_secret_basic')
      ? oidc.ClientSecretPost(secret)
      : oidc.ClientSecretBasic(secret)
  const config = new oidc.Configuration(
    server,
    provider.clientId,
    { [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
    authentication
  )
  config.timeout = TIMEOUT_SECONDS
  // The ID token's signature is checked against the provider's published keys too, not only TLS.
  oidc.enableNonRepudiationChecks(config)
  if (insecure(provider.issuer)) oidc.allowInsecureRequests(config)
  discovered.set(provider.id, { key, config, until: Date.now() + DISCOVERY_KEPT_MS })
  return config
}

/* What the service keeps in the session between sending someone to a provider and their return. */
export type AuthorisationChecks = { state: string; nonce: string; codeVerifier: string }

/* The address of the provider's sign-in page for this person, and the checks for their return. */
export async function authorisationRequest(provider: IdentityProvider, loginHint: string) {
  const config = await configurationFor(provider)
  const checks: AuthorisationChecks = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
  }
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(),
    scope: SCOPE,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
    login_hint: loginHint,
  })
  return { url: url.href, checks }
}

/* Who the provider says signed in, from a checked ID token (and its userinfo when the token is short of claims). */
export type ProviderIdentity = {
  subject: string
  email: string | null
  emailVerified: boolean
  name: string | null
  idToken: string
}

function text(value: unknown) {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/*
 * Exchanges the code the provider sent back for tokens and checks the ID
 * token: signature against the provider's published keys, issuer, audience (this
 * client), expiry and issue time (within the clock tolerance) and nonce;
 * the state and PKCE verifier are checked too. Throws ProviderUnavailable
 * when the provider cannot be reached, ResponseRejected for anything that
 * failed a check.
 */
export async function exchangeCode(
  provider: IdentityProvider,
  callback: URL,
  checks: AuthorisationChecks
): Promise<ProviderIdentity> {
  const config = await configurationFor(provider)
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    })
    const claims: Record<string, unknown> = { ...tokens.claims() }
    // Some providers put only the subject in the ID token; the rest comes from userinfo, for the same subject.
    if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))
      for (const [key, value] of Object.entries(userinfo)) {
        if (key !== 'sub' && claims[key] === undefined) claims[key] = value
      }
    }
    const given = text(claims.given_name)
    const family = text(claims.family_name)
    return {
      subject: String(claims.sub),
      email: text(claims.email)?.toLowerCase() ?? null,
      emailVerified: claims.email_verified === true,
      name: text(claims.name) ?? ([given, family].filter(Boolean).join(' ') || null),
      idToken: tokens.id_token!,
    }
  } catch (error) {
    if (isUnavailability(error)) {
      throw new ProviderUnavailable(`token exchange failed: ${describeFailure(error)}`)
    }
    throw new ResponseRejected(describeFailure(error))
  }
}

/*
 * The provider's end-session address for someone signing out of the
 * service, or null when it has none (or cannot be reached just now).
 */
export async function endSessionUrl(provider: IdentityProvider, idToken: string | null) {
  try {
    const config = await configurationFor(provider)
    if (!config.serverMetadata().end_session_endpoint) return null
    const parameters: Record<string, string> = {
      client_id: provider.clientId,
      post_logout_redirect_uri: signedOutUrl(),
    }
    if (idToken) parameters.id_token_hint = idToken
    return oidc.buildEndSessionUrl(config, parameters).href
  } catch {
    return null
  }
}
