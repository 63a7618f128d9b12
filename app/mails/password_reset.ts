import { ukDate, ukTime } from '#mails/learning_mail'
import { PasswordLinkMail, type PasswordLinkContext } from '#mails/password_link_mail'

export type PasswordResetContext = PasswordLinkContext

/* To a person who asked to reset their password: a single-use link, for one hour. */
export default class PasswordReset extends PasswordLinkMail<PasswordResetContext> {
  subjectLine() {
    return 'Reset your password for the Digital Capability Service'
  }

  content() {
    const { expiresAt, person } = this.context
    return {
      heading: 'Reset your password',
      paragraphs: [
        `Someone asked to reset the password of your account, ${person.email}. Use the link below to choose a new one. It works once, until ${ukTime(expiresAt)} on ${ukDate(expiresAt)} (UK time).`,
        'Choosing a new password signs you out everywhere else and revokes your API tokens.',
        'If you did not ask for this, ignore this e-mail: your password has not changed.',
      ],
      action: { href: this.link, text: 'Choose a new password' },
    }
  }
}
