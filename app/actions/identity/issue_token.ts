import User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'

/*
 * Issues a personal access token for the JSON API. The secret is returned
 * once, here, and only its hash is kept.
 */
export async function issueToken(user: User, name: string) {
  const token = await User.accessTokens.create(user, ['*'], { name })
  await recordAudit({
    action: AuditActions.TokenIssued,
    subjectType: 'access_token',
    subjectId: String(token.identifier),
    subjectLabel: name,
    organisationId: user.organisationId,
    actorId: user.id,
  })
  return token
}

/* Revokes one of the user's own tokens; false when it is not theirs or not there. */
export async function revokeToken(user: User, tokenId: string | number) {
  const deleted = await User.accessTokens.delete(user, tokenId)
  if (!deleted) return false
  await recordAudit({
    action: AuditActions.TokenRevoked,
    subjectType: 'access_token',
    subjectId: String(tokenId),
    organisationId: user.organisationId,
  })
  return true
}
