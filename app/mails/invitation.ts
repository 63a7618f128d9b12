import type { DateTime } from 'luxon'
import { NoticeMail, type NoticeRecipient } from '#mails/notice_mail'
import { ukDate, ukTime } from '#mails/learning_mail'
import { linkUrl } from '#services/password_links'

export type InvitationContext = {
  person: NoticeRecipient
  /* Who sent it, by name; null when it came from the command line. */
  invitedBy: string | null
  token: string
  expiresAt: DateTime
}

/* To a person invited to the service: a single-use link to create their password. */
export default class Invitation extends NoticeMail {
  constructor(readonly context: InvitationContext) {
    super()
  }

  recipient() {
    return this.context.person
  }

  subjectLine() {
    return 'You are invited to the Digital Capability Service'
  }

  /* The link the e-mail carries, for the tests and the command that prints it. */
  get link() {
    return linkUrl(this.context.token)
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
