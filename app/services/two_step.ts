import { createHash, randomInt } from 'node:crypto'
import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'
import encryption from '@adonisjs/core/services/encryption'
import type { Session } from '@adonisjs/session'
import twoStepConfig from '#config/two_step'
import TwoStepVerification from '#models/two_step_verification'
import type User from '#models/user'
import { allowsPasswordSignIn } from '#services/password_sign_in'
import {
  rolesNeedTwoStep,
  PENDING_SIGN_IN_MINUTES,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
} from '#domain/identity/two_step'

/*
 * The workings of two-step verification: authenticator secrets (otplib,
 * RFC 6238: SHA-1, 6 digits, 30-second steps, as every common app
 * expects), the QR code that carries one to an app, recovery codes, and
 * the sign-in that waits in the session for its code.
 */

/* The name an authenticator app lists the account under. */
export const ISSUER = 'Digital Capability Service'

/* Seconds either side of now a code may be for: one 30-second step, for clocks that drift. */
const DRIFT_SECONDS = 30

const SECRET_PURPOSE = 'two_step.secret'

/* A new authenticator secret: 20 random bytes (160 bits), in base 32. */
export function newSecret() {
  return generateSecret()
}

/* The secret as stored: encrypted with the application's key. */
export function encryptSecret(secret: string) {
  return encryption.encrypt(secret, undefined, SECRET_PURPOSE)
}

/* The stored secret in clear; an error when APP_KEY has changed since it was stored. */
export function decryptSecret(stored: string) {
  const secret = encryption.decrypt<string>(stored, SECRET_PURPOSE)
  if (typeof secret !== 'string') {
    throw new Error('A two-step verification secret cannot be read with this APP_KEY')
  }
  return secret
}

/* The otpauth:// address an authenticator app reads from the QR code. */
export function setUpAddress(email: string, secret: string) {
  return generateURI({ issuer: ISSUER, label: email, secret })
}

/* The QR code of an address, as an SVG image. */
export function qrCodeSvg(address: string) {
  return QRCode.toString(address, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
}

/*
 * The time step (RFC 6238's T) a 6-digit code is right for, within one
 * step of now either way, or null when it is right for none of them.
 */
export async function matchingStep(secret: string, code: string, now = Date.now()) {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now / 1000),
    epochTolerance: DRIFT_SECONDS,
  })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

/* What is stored of a recovery code, given in its stored form (see readRecoveryCode). */
export function hashRecoveryCode(code: string) {
  return createHash('sha256').update(code).digest('hex')
}

/* A fresh set of recovery codes, each 12 random characters in their stored form. */
export function newRecoveryCodes() {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from(
      { length: RECOVERY_CODE_LENGTH },
      () => RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)]
    ).join('')
  )
}

/* A person's confirmed authenticator, or null when two-step verification is off. */
export function activeTwoStep(userId: number) {
  return TwoStepVerification.query().where('user_id', userId).whereNotNull('confirmed_at').first()
}

export async function twoStepIsOn(userId: number) {
  return (await activeTwoStep(userId)) !== null
}

/*
 * Whether the service makes this person, signed in with a password, set
 * up two-step verification before anything else (their roles must be
 * loaded): when it is compulsory, for capability admins and department HR.
 */
export async function mustSetUpTwoStep(user: User) {
  if (!twoStepConfig.compulsory || !rolesNeedTwoStep(user.roleNames)) return false
  return !(await twoStepIsOn(user.id)) && (await mayUseTwoStep(user))
}

/*
 * Whether a person can use two-step verification here: it guards signing
 * in with a password, so only people who have one and may use it; a
 * department account's own provider does that work for the others.
 */
export async function mayUseTwoStep(user: User) {
  return user.password !== null && (await allowsPasswordSignIn(user))
}

/*
 * A sign-in whose password was right, waiting for its code: who, until
 * when, and where to go afterwards. It lives in the server-side session
 * only; nobody is signed in until the code is right.
 */
export type PendingSignIn = { userId: number; until: number; returnTo: string }

const PENDING_KEY = 'twoStepPendingSignIn'

export function holdSignIn(session: Session, userId: number, returnTo: string) {
  const until = Date.now() + PENDING_SIGN_IN_MINUTES * 60 * 1000
  session.put(PENDING_KEY, { userId, until, returnTo } satisfies PendingSignIn)
}

/* The sign-in waiting for a code, or null when there is none or it has run out (and is then dropped). */
export function pendingSignIn(session: Session): PendingSignIn | null {
  const pending = session.get(PENDING_KEY) as PendingSignIn | undefined
  if (!pending || typeof pending.userId !== 'number' || typeof pending.until !== 'number') {
    return null
  }
  if (pending.until <= Date.now()) {
    session.forget(PENDING_KEY)
    return null
  }
  return pending
}

export function dropPendingSignIn(session: Session) {
  session.forget(PENDING_KEY)
}
