import { timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import IdentityProvider from '#models/identity_provider'
import IdentityProviderDomain from '#models/identity_provider_domain'
import User from '#models/user'
import UserIdentity from '#models/user_identity'
import UserRole from '#models/user_role'
import { recordAudit } from '#services/audit'
import { recordSignIn } from '#actions/identity/sign_in'
import { isUniqueViolation } from '#services/database_errors'
import {
  authorisationRequest,
  describeFailure,
  endSessionUrl,
  exchangeCode,
  ProviderUnavailable,
  ResponseRejected,
  type AuthorisationChecks,
  type ProviderIdentity,
} from '#services/single_sign_on'
import { hasControlCharacters } from '#validators/control_characters'
import { AuditActions } from '#enums/audit_actions'
import { Roles } from '#enums/roles'

/*
 * Signing in with a department account: the service sends the person to
 * the identity provider that signs in for their e-mail domain, and on
 * their return signs in the person the provider vouches for, found by
 * their link to that provider, else by their verified e-mail address
 * (which links them), else created as a learner in the provider's
 * organisation. Every refusal is audited and logged with its reason.
 */

/*
 * Department sign-ins that may start, per address and per client address,
 * before a pause. A whole department may reach the service from one
 * address at nine in the morning, so that limit is generous; it is there
 * so that nobody can make the service call a provider without end.
 */
export const START_LIMITS = {
  perAddress: { requests: 10, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 600, duration: '5 mins', blockDuration: '5 mins' },
} as const

/* How long someone has at their provider before the sign-in must start again. */
const PENDING_MINUTES = 15

/* What the session holds while the person is away at their provider. */
export type PendingSignIn = AuthorisationChecks & {
  providerId: number
  returnTo: string
  startedAt: number
}

/* What the session holds once they are signed in, to offer the provider's sign-out. */
export type DepartmentAccount = { providerId: number; idToken: string }

export type RefusalReason =
  | 'no_sign_in_started'
  | 'sign_in_expired'
  | 'state_mismatch'
  | 'provider_refused'
  | 'provider_unavailable'
  | 'response_rejected'
  | 'email_missing'
  | 'email_unverified'
  | 'email_domain_not_allowed'
  | 'linked_to_another_account'
  | 'deactivated'

export type StartResult =
  | { type: 'redirect'; url: string; pending: PendingSignIn }
  | { type: 'no_provider' }
  | { type: 'throttled'; retryAfter: number }
  | { type: 'refused'; reason: 'provider_unavailable' }

export type FinishResult =
  | { type: 'signed_in'; user: User; created: boolean; account: DepartmentAccount }
  | { type: 'refused'; reason: RefusalReason }

/* The e-mail domain of an address, lower case. */
function domainOf(email: string) {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase()
}

/* The identity provider that signs people in for this address's domain, if any. */
export async function providerForEmail(email: string) {
  const domain = await IdentityProviderDomain.query().where('domain', domainOf(email)).first()
  if (!domain) return null
  return IdentityProvider.find(domain.identityProviderId)
}

async function refuse(
  reason: RefusalReason,
  details: {
    provider?: IdentityProvider | null
    user?: User | null
    email?: string | null
    detail?: string
  } = {}
): Promise<{ type: 'refused'; reason: RefusalReason }> {
  const { provider, user, email, detail } = details
  logger.warn(
    { reason, identityProviderId: provider?.id ?? null, userId: user?.id ?? null, detail },
    'Sign-in with a department account refused'
  )
  await recordAudit({
    action: AuditActions.SignInRefused,
    subjectType: user ? 'user' : 'identity_provider',
    subjectId: user?.id ?? provider?.id ?? null,
    subjectLabel: user?.email ?? provider?.name ?? null,
    organisationId: user?.organisationId ?? provider?.organisationId ?? null,
    actorId: user?.id ?? null,
    after: {
      method: 'single_sign_on',
      reason,
      identityProvider: provider?.name ?? null,
      ...(email ? { email } : {}),
      ...(detail ? { detail } : {}),
    },
  })
  return { type: 'refused', reason }
}

/*
 * Sends someone to their department's provider, when their e-mail domain
 * has one. The e-mail address goes with them as a hint, so they need not
 * type it again there.
 */
export async function startDepartmentSignIn(
  email: string,
  returnTo: string,
  ip: string
): Promise<StartResult> {
  const provider = await providerForEmail(email)
  if (!provider) return { type: 'no_provider' }
  try {
    const address = email.trim().toLowerCase()
    await limiter
      .multi([
        { key: `department_sign_in:address:${address}`, ...START_LIMITS.perAddress },
        { key: `department_sign_in:ip:${ip}`, ...START_LIMITS.perIp },
      ])
      .consume()
  } catch (error) {
    if (error instanceof limiterErrors.ThrottleException)
      return { type: 'throttled', retryAfter: error.response.availableIn }
    throw error
  }
  try {
    const { url, checks } = await authorisationRequest(provider, email)
    return {
      type: 'redirect',
      url,
      pending: { ...checks, providerId: provider.id, returnTo, startedAt: Date.now() },
    }
  } catch (error) {
    if (!(error instanceof ProviderUnavailable)) throw error
    return refuse('provider_unavailable', {
      provider,
      email,
      detail: describeFailure(error),
    }) as Promise<{
      type: 'refused'
      reason: 'provider_unavailable'
    }>
  }
}

function sameText(a: string, b: string) {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/* An error code as the provider sent it, kept only if it looks like one. */
function errorCode(value: string | null) {
  return value && /^[\w.-]{1,64}$/.test(value) ? value : 'unknown'
}

/*
 * The person's return from their provider, at the callback address: the
 * checks of the answer and its ID token, then who it is in this service.
 */
export async function finishDepartmentSignIn(
  pending: PendingSignIn | null | undefined,
  callback: URL
): Promise<FinishResult> {
  if (!pending) return refuse('no_sign_in_started')
  const provider = await IdentityProvider.find(pending.providerId)
  if (!provider) return refuse('no_sign_in_started')

  const state = callback.searchParams.get('state')
  if (!state || !sameText(state, pending.state)) return refuse('state_mismatch', { provider })
  if (Date.now() - pending.startedAt > PENDING_MINUTES * 60_000) {
    return refuse('sign_in_expired', { provider })
  }
  if (callback.searchParams.has('error')) {
    return refuse('provider_refused', {
      provider,
      detail: errorCode(callback.searchParams.get('error')),
    })
  }

  let identity: ProviderIdentity
  try {
    identity = await exchangeCode(provider, callback, pending)
  } catch (error) {
    if (error instanceof ProviderUnavailable) {
      return refuse('provider_unavailable', { provider, detail: describeFailure(error) })
    }
    if (error instanceof ResponseRejected) {
      return refuse('response_rejected', { provider, detail: describeFailure(error) })
    }
    throw error
  }

  const email = identity.email
  if (!email || email.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    return refuse('email_missing', { provider })
  }
  if (!identity.emailVerified) return refuse('email_unverified', { provider, email })
  const domains = await IdentityProviderDomain.query().where('identity_provider_id', provider.id)
  if (!domains.some((row) => row.domain === domainOf(email))) {
    return refuse('email_domain_not_allowed', { provider, email })
  }

  const found = await personFor(provider, identity, email)
  if (found.type === 'refused') return refuse(found.reason, { provider, user: found.user, email })
  const { user, created } = found
  if (!user.isActive) return refuse('deactivated', { provider, user, email })

  await recordSignIn(user, { method: 'single_sign_on', identityProvider: provider.name, created })
  return {
    type: 'signed_in',
    user,
    created,
    account: { providerId: provider.id, idToken: identity.idToken },
  }
}

type Found =
  | { type: 'found'; user: User; created: boolean }
  | { type: 'refused'; reason: 'linked_to_another_account'; user: User }

/*
 * The person the provider vouches for: linked to this provider before,
 * else the one with this (verified) e-mail address, linked now, else a new
 * learner in the provider's organisation. Two first sign-ins at once for
 * the same new person make one person: the second finds the first's.
 */
async function personFor(
  provider: IdentityProvider,
  identity: ProviderIdentity,
  email: string,
  retried = false
): Promise<Found> {
  try {
    return await db.transaction(async (trx) => {
      const link = await UserIdentity.query({ client: trx })
        .where('identity_provider_id', provider.id)
        .where('subject', identity.subject)
        .first()
      if (link) {
        const linked = await User.query({ client: trx }).where('id', link.userId).firstOrFail()
        return { type: 'found' as const, user: linked, created: false }
      }

      const existing = await User.query({ client: trx }).where('email', email).first()
      if (existing) {
        const other = await UserIdentity.query({ client: trx })
          .where('identity_provider_id', provider.id)
          .where('user_id', existing.id)
          .first()
        if (other) {
          return {
            type: 'refused' as const,
            reason: 'linked_to_another_account' as const,
            user: existing,
          }
        }
        if (!existing.isActive) return { type: 'found' as const, user: existing, created: false }
        await linkAccount(existing, provider, identity, trx)
        return { type: 'found' as const, user: existing, created: false }
      }

      const user = new User()
      user.useTransaction(trx)
      user.merge({
        fullName: nameFor(identity, email),
        email,
        password: null,
        organisationId: provider.organisationId,
        teamId: null,
        grade: null,
        profession: null,
        lineManagerId: null,
        deactivatedAt: null,
      })
      await user.save()
      await UserRole.create({ userId: user.id, role: Roles.Learner }, { client: trx })
      await recordAudit(
        {
          action: AuditActions.Update,
          subjectType: 'user',
          subjectId: user.id,
          subjectLabel: user.email,
          organisationId: user.organisationId,
          actorId: null,
          before: { roles: [] },
          after: {
            roles: [Roles.Learner],
            createdBy: 'single_sign_on',
            identityProvider: provider.name,
          },
        },
        trx
      )
      await linkAccount(user, provider, identity, trx)
      return { type: 'found' as const, user, created: true }
    })
  } catch (error) {
    if (!retried && isUniqueViolation(error)) return personFor(provider, identity, email, true)
    throw error
  }
}

async function linkAccount(
  user: User,
  provider: IdentityProvider,
  identity: ProviderIdentity,
  trx: TransactionClientContract
) {
  await UserIdentity.create(
    { userId: user.id, identityProviderId: provider.id, subject: identity.subject },
    { client: trx }
  )
  await recordAudit(
    {
      action: AuditActions.Create,
      subjectType: 'user_identity',
      subjectId: user.id,
      subjectLabel: user.email,
      organisationId: user.organisationId,
      actorId: null,
      after: { identityProvider: provider.name, subject: identity.subject },
    },
    trx
  )
}

/* The name the provider gives, if it is one a person could type here; else the e-mail's first part. */
function nameFor(identity: ProviderIdentity, email: string) {
  const name = identity.name?.replace(/\s+/g, ' ').trim() ?? ''
  if (name.length >= 2 && name.length <= 200 && !hasControlCharacters(name)) return name
  return email.slice(0, email.indexOf('@')).slice(0, 200)
}

/*
 * Whether a person signs in only with their department account: their
 * organisation is marked single sign-on only, so the service takes no
 * password from them (no password sign-in, no password reset, no API token
 * for a password).
 */
export async function singleSignOnOnly(user: Pick<User, 'organisationId'>) {
  const row = await db
    .from('organisations')
    .where('id', user.organisationId)
    .select('sso_only')
    .first()
  return Boolean(row?.sso_only)
}

/* The department's sign-out address for someone leaving the service, if their provider has one. */
export async function departmentSignOutUrl(account: DepartmentAccount) {
  const provider = await IdentityProvider.find(account.providerId)
  if (!provider) return null
  return endSessionUrl(provider, account.idToken)
}
