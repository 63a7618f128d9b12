import { BaseMail } from '@adonisjs/mail'

export type MailRecipient = { email: string; name: string }

export type MailDetail = { term: string; value: string }

/* The words of one e-mail; its template lays them out as HTML, plainText as text. */
export type MailWords = {
  heading: string
  paragraphs: string[]
  /* A titled list of terms and values, such as a placement's or a skill's details. */
  details?: { heading: string; rows: MailDetail[] } | null
  /* A titled list of lines, such as the entrants joining a team. */
  list?: { heading: string; items: string[] } | null
  /* What someone wrote, shown under its own heading: a reason, a comment. */
  note?: { heading: string; text: string } | null
  /* A link back to the service; none when the person cannot open the page. */
  action: { href: string; text: string } | null
}

type MailData = MailWords & { name: string; subject: string }

/*
 * The text version, built here rather than in a template: line breaks are
 * its layout, and a template formatter would rearrange them.
 */
function plainText(data: MailData) {
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
    ...(data.list
      ? [[data.list.heading, ...data.list.items.map((item) => `- ${item}`)].join('\n')]
      : []),
    ...(data.note ? [`${data.note.heading}:\n${data.note.text}`] : []),
    ...(data.action ? [`${data.action.text}:\n${data.action.href}`] : []),
    'This e-mail was sent by the Digital Capability Service. Please do not reply to it.',
  ]
  return `${blocks.join('\n\n')}\n`
}

/*
 * What the Fast Stream e-mails and the notices share: made from what they
 * tell of (their context), to one person, a subject that says what
 * happened, and their words, laid out by their template.
 */
export abstract class WordedMail<Context, Content extends MailWords> extends BaseMail {
  /* The Edge template that lays the words out as HTML. */
  protected abstract readonly template: string

  constructor(readonly context: Context) {
    super()
  }

  abstract recipient(): MailRecipient
  abstract subjectLine(): string
  abstract content(): Content

  prepare() {
    const person = this.recipient()
    this.subject = this.subjectLine()
    this.message.to(person.email, person.name).subject(this.subject)
    const data: MailData = { subject: this.subject, name: person.name, ...this.content() }
    this.message.htmlView(this.template, data).text(plainText(data))
  }
}
