import { BaseMail } from '@adonisjs/mail'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { serviceUrl } from '#mails/learning_mail'

export type NoticeDetail = { term: string; value: string }

export type NoticeRecipient = { email: string; name: string }

/* The words of one notice; the template lays them out as HTML, plainText as text. */
export type NoticeContent = {
  heading: string
  paragraphs: string[]
  /* A titled list of terms and values, such as the skill and the levels. */
  details?: { heading: string; rows: NoticeDetail[] } | null
  /* What someone wrote, shown under its own heading: a reason, a comment. */
  note?: { heading: string; text: string } | null
  /* A link back to the service; none when the person cannot open the page. */
  action: { href: string; text: string } | null
}

type NoticeData = NoticeContent & { name: string; subject: string }

/*
 * The text version, built here rather than in a template: line breaks are
 * its layout, and a template formatter would rearrange them.
 */
function plainText(data: NoticeData) {
  const blocks = [
    data.heading,
    `Dear ${data.name},`,
    ...data.paragraphs,
    ...(data.details
      ? [
          [
            data.details.heading,
            ...data.details.rows.map((detail) => `${detail.term}: ${detail.value}`),
          ].join('\n'),
        ]
      : []),
    ...(data.note ? [`${data.note.heading}:\n${data.note.text}`] : []),
    ...(data.action ? [`${data.action.text}:\n${data.action.href}`] : []),
    'This e-mail was sent by the Digital Capability Service. Please do not reply to it.',
  ]
  return `${blocks.join('\n\n')}\n`
}

/*
 * What every capability and workforce notice shares: to one person, a
 * subject that says what happened, its details, what someone wrote about
 * it, and a link back to the service (from APP_URL).
 */
export abstract class NoticeMail extends BaseMail {
  abstract recipient(): NoticeRecipient
  abstract subjectLine(): string
  abstract content(): NoticeContent

  prepare() {
    const person = this.recipient()
    this.subject = this.subjectLine()
    this.message.to(person.email, person.name).subject(this.subject)
    const data: NoticeData = { subject: this.subject, name: person.name, ...this.content() }
    this.message.htmlView('emails/notices/message', data).text(plainText(data))
  }
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
