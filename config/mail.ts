import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { FolderTransport } from '#mails/transports/folder_transport'
import { smtpSettings } from '#mails/transports/smtp_settings'

/*
 * E-mail. MAIL_MAILER chooses how messages leave: `smtp` (the default in
 * production) or `folder` (the default elsewhere), which writes each one as
 * an .eml file into tmp/mail/ for reading in a mail program. Tests replace
 * the mailer with `mail.fake()`.
 */
const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER') ?? (app.inProduction ? 'smtp' : 'folder'),

  from: {
    address: env.get('MAIL_FROM_ADDRESS') ?? 'no-reply@localhost',
    name: env.get('MAIL_FROM_NAME') ?? 'Digital Capability Service',
  },

  mailers: {
    /*
     * Built on first use, so a process that never sends mail needs no SMTP
     * settings; a missing host fails the send with a clear message in the log.
     */
    smtp: () => {
      const host = env.get('SMTP_HOST')
      if (!host) throw new Error('SMTP_HOST is not set: the smtp mailer cannot send')
      if (app.inProduction && !env.get('MAIL_FROM_ADDRESS')) {
        throw new Error('MAIL_FROM_ADDRESS is not set: the smtp mailer cannot send')
      }
      return new SMTPTransport(
        smtpSettings({
          host,
          port: env.get('SMTP_PORT'),
          secure: env.get('SMTP_SECURE'),
          // Mail carries personal data: in production, never in clear text.
          requireTls: app.inProduction,
          username: env.get('SMTP_USERNAME'),
          password: env.get('SMTP_PASSWORD')?.release(),
        })
      )
    },

    folder: () => new FolderTransport({ directory: app.tmpPath('mail') }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
