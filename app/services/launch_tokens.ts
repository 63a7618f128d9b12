import encryption from '@adonisjs/core/services/encryption'
import learningPackagesConfig from '#config/learning_packages'

const PURPOSE = 'learning-package-launch'

type Payload = { e: number; p: number; x: number }

/* What a launch token grants: one self-paced enrolment's use of one package, until it expires. */
export type LaunchGrant = { enrolmentId: number; packageId: number }

/*
 * A launch token: a signed, expiring value in a package's address that
 * lets a learner's browser fetch that package's files for their
 * self-paced enrolment. The package runs in a sandboxed frame with no
 * origin, so it sends no session cookie: the token is its only key.
 */
export function issueLaunchToken(grant: LaunchGrant, issuedAt: Date = new Date()) {
  const expiresAt = issuedAt.getTime() + learningPackagesConfig.launchTokenHours * 3600 * 1000
  const payload: Payload = {
    e: grant.enrolmentId,
    p: grant.packageId,
    x: Math.floor(expiresAt / 1000),
  }
  return encryption.use().getMessageVerifier().sign(payload, undefined, PURPOSE)
}

/* The grant a token carries for this package, or null when it is forged, altered, for another package or expired. */
export function verifyLaunchToken(token: string, packageId: number): LaunchGrant | null {
  if (token.length > 500) return null
  let payload: Payload | null
  try {
    payload = encryption.use().getMessageVerifier().unsign<Payload>(token, PURPOSE)
  } catch {
    return null
  }
  if (!payload || typeof payload !== 'object') return null
  if (
    !Number.isInteger(payload.e) ||
    !Number.isInteger(payload.p) ||
    !Number.isInteger(payload.x)
  ) {
    return null
  }
  if (payload.p !== packageId) return null
  if (payload.x * 1000 <= Date.now()) return null
  return { enrolmentId: payload.e, packageId: payload.p }
}
