import { ukDate, ukTime } from '#mails/learning_mail'
import { PasswordLinkMail, type PasswordLinkContext } from '#mails/password_link_mail'

export type InvitationContext = PasswordLinkContext & {
  /* Who sent it, by name; null when it came from the command line. */
  invitedBy: string | null
}

/* To a person invited to the service: a single-use link to create their password. */
export default class Invitation extends PasswordLinkMail<InvitationContext> {
  subjectLine() {
    return 'You are invited to the Digital Capability Service'
  }

  content() {
    const { invitedBy, expiresAt, person } = this.context
    return {
      heading: 'Create your password',
      paragraphs: [
        `${invitedBy ?? 'Your organisation'} invited you to the Digital Capability Service, where you see the digital skills your role needs, book training and keep your learning record.`,
        `Use the link below to create your password. It works once, until ${ukTime(expiresAt)} on ${ukDate(expiresAt)} (UK time). You then sign in with your email address, ${person.email}, and that password.`,
        'If the link has expired, ask your HR team to send you a new invitation.',
      ],
      action: { href: this.link, text: 'Create your password' },
    }
  }
}
