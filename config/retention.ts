import env from '#start/env'

/*
 * How long the service keeps what it holds about people (UK GDPR's
 * storage limitation), applied by `node ace retention:apply` and daily by
 * the schedule. A leaver's personal data is kept `leaversYears` after the
 * day they left (deactivated), then anonymised; audit events are deleted
 * `auditEventsYears` after they were written; password links (invitations
 * and resets) `passwordLinksDays` after they ran out, were used or were
 * withdrawn, whichever came first.
 */
const retentionConfig = {
  leaversYears: env.get('RETENTION_LEAVERS_YEARS', 6),
  auditEventsYears: env.get('RETENTION_AUDIT_EVENTS_YEARS', 7),
  passwordLinksDays: env.get('RETENTION_PASSWORD_LINKS_DAYS', 90),
  /* Leavers anonymised per transaction: a large first run commits as it goes. */
  batchSize: 200,
}

export default retentionConfig
