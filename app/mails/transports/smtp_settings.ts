import type { SMTPConfig } from '@adonisjs/mail/types'

export type SmtpValues = {
  host: string
  port?: number
  /* true: TLS from the first byte (usually port 465); false: STARTTLS. */
  secure?: boolean
  /* With secure false: refuse a server that does not offer STARTTLS. */
  requireTls?: boolean
  username?: string
  password?: string
}

/*
 * Nodemailer SMTP options from the service's settings. Pooled, so a burst
 * of notifications (a cancelled session with thirty learners) shares a few
 * connections instead of opening one each.
 */
export function smtpSettings(values: SmtpValues): SMTPConfig {
  const secure = values.secure ?? false
  return {
    host: values.host,
    port: values.port ?? (secure ? 465 : 587),
    secure,
    requireTLS: !secure && (values.requireTls ?? false),
    auth: values.username
      ? { type: 'login', user: values.username, pass: values.password ?? '' }
      : undefined,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  }
}
