/*
 * What an audit event records.
 */
export const AuditActions = {
  Create: 'create',
  Update: 'update',
  Delete: 'delete',
  SignIn: 'sign_in',
  SignInRefused: 'sign_in_refused',
  SignOut: 'sign_out',
  SignOutElsewhere: 'sign_out_elsewhere',
  TokenIssued: 'token_issued',
  TokenRevoked: 'token_revoked',
  PasswordChanged: 'password_changed',
  Deactivate: 'deactivate',
  Reactivate: 'reactivate',
} as const

export type AuditAction = (typeof AuditActions)[keyof typeof AuditActions]

export const auditActionValues = Object.values(AuditActions) as AuditAction[]
