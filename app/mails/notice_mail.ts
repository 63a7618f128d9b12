import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { serviceUrl } from '#mails/learning_mail'
import { WordedMail, type MailRecipient, type MailWords } from '#mails/worded_mail'

export type NoticeRecipient = MailRecipient

/* The words of one notice: no list. */
export type NoticeContent = Omit<MailWords, 'list'>

/*
 * What every capability and workforce notice shares: to one person, a
 * subject that says what happened, its details, what someone wrote about
 * it, and a link back to the service (from APP_URL).
 */
export abstract class NoticeMail<Context = unknown> extends WordedMail<Context, NoticeContent> {
  protected readonly template = 'emails/notices/message'
}

/* A page of the service, as a link in an e-mail. */
export function link(path: string, text: string) {
  return { href: serviceUrl(path), text }
}

/*
 * Sends notices once the change they tell of has committed: each is built
 * now and sent off the request; a notice that cannot be sent is logged and
 * does not undo the change.
 */
export async function sendNotices(notices: NoticeMail[], about: Record<string, unknown>) {
  for (const notice of notices) {
    try {
      await mail.sendLater(notice)
    } catch (error) {
      logger.error(
        { err: error, ...about, mail: notice.constructor.name },
        'Could not send a notice e-mail'
      )
    }
  }
}
