import type { DateTime } from 'luxon'
import { NoticeMail, type NoticeRecipient } from '#mails/notice_mail'
import { linkUrl } from '#services/password_links'

/* A person, and the single-use link that lets them set a password until it expires. */
export type PasswordLinkContext = {
  person: NoticeRecipient
  token: string
  expiresAt: DateTime
}

/* What an invitation and a password reset share: to the person, with their link. */
export abstract class PasswordLinkMail<
  Context extends PasswordLinkContext = PasswordLinkContext,
> extends NoticeMail<Context> {
  recipient() {
    return this.context.person
  }

  /* The link the e-mail carries, for the tests and the command that prints it. */
  get link() {
    return linkUrl(this.context.token)
  }
}
