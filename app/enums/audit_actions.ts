/*
 * What an audit event records.
 */
import { namedValues } from '#enums/short_strings'
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
  InvitationSent: 'invitation_sent',
  InvitationResent: 'invitation_resent',
  InvitationRevoked: 'invitation_revoked',
  InvitationAccepted: 'invitation_accepted',
  PasswordResetRequested: 'password_reset_requested',
  PasswordResetUsed: 'password_reset_used',
  TwoStepTurnedOn: 'two_step_turned_on',
  TwoStepTurnedOff: 'two_step_turned_off',
  RecoveryCodesMade: 'recovery_codes_made',
  RecoveryCodeUsed: 'recovery_code_used',
  TwoStepTooManyFailures: 'two_step_too_many_wrong_codes',
  SubjectAccessExport: 'subject_access_export',
  Anonymise: 'anonymise',
  ErasureRequested: 'erasure_requested',
  RetentionApplied: 'retention_applied',
} as const

export type AuditAction = (typeof AuditActions)[keyof typeof AuditActions]

export const auditActionValues = namedValues(AuditActions)
