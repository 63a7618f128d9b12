import { createHash, randomBytes } from 'node:crypto'
import { safeEqual } from '@adonisjs/core/helpers'
import { DateTime } from 'luxon'
import PasswordLink from '#models/password_link'
import { serviceUrl } from '#mails/learning_mail'
import { LINK_LIFETIMES, type PasswordLinkKind } from '#domain/identity/password_links'

/*
 * The secret part of password links. A link's token is a selector (16
 * random bytes), which finds the stored link, followed by a secret (32
 * random bytes), of which only a SHA-256 hash is stored and which is
 * compared in constant time. Both are base64url, so the token is 65
 * characters that need no escaping in an address.
 */
const SELECTOR_LENGTH = 22
const SECRET_LENGTH = 43
const TOKEN = new RegExp(`^[A-Za-z0-9_-]{${SELECTOR_LENGTH + SECRET_LENGTH}}$`)

export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

/* A new token, and what is stored of it. */
export function newToken() {
  const selector = randomBytes(16).toString('base64url')
  const secret = randomBytes(32).toString('base64url')
  return { token: `${selector}${secret}`, selector, secretHash: hashSecret(secret) }
}

/* When a link of this kind made now stops working. */
export function linkExpiry(kind: PasswordLinkKind, from: DateTime = DateTime.now()): DateTime {
  return from.plus(LINK_LIFETIMES[kind])
}

/* The address of the page that uses a link. */
export function linkPath(token: string) {
  return `/set-password/${token}`
}

export function linkUrl(token: string) {
  return serviceUrl(linkPath(token))
}

/*
 * The stored link a token names, whatever its state, or null when the
 * token is malformed, names no link or its secret does not match.
 */
export async function findLink(token: unknown): Promise<PasswordLink | null> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null
  const selector = token.slice(0, SELECTOR_LENGTH)
  const secret = token.slice(SELECTOR_LENGTH)
  const link = await PasswordLink.query().where('selector', selector).preload('user').first()
  if (!link) return null
  return safeEqual(link.secretHash, hashSecret(secret)) ? link : null
}

/* A stored time as the SQL text both databases compare correctly. */
export function sqlStamp(at: DateTime) {
  return at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}
