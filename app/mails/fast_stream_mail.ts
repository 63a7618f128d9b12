import { BaseMail } from '@adonisjs/mail'
import type { DateTime } from 'luxon'
import { serviceUrl } from '#mails/learning_mail'
import { UkFormats } from '#domain/shared/uk_time'

export type MailDetail = { term: string; value: string }

/* The words of one Fast Stream e-mail; the template lays them out as HTML, plainText as text. */
export type FastStreamMailContent = {
  heading: string
  paragraphs: string[]
  /* A titled list of terms and values, such as the placement's details. */
  details?: { heading: string; rows: MailDetail[] } | null
  /* A titled list of lines, such as the entrants joining a team. */
  list?: { heading: string; items: string[] } | null
  action: { href: string; text: string }
}

export type MailRecipient = { email: string; name: string }

/* “Monday 3 March 2014”, for a calendar date (no time, so no time zone to convert). */
export function longDay(day: DateTime) {
  return day.setLocale('en-GB').toFormat(UkFormats.weekdayDate)
}

/* A phrase at the start of a sentence: “Fast Stream entrants”, “Future Leaders”. */
export function sentenceStart(phrase: string) {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1)
}

/* “first”, “second”… for an entrant's choice. */
export function ordinal(choice: number) {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth']
  if (choice >= 1 && choice <= words.length) return words[choice - 1]
  const tens = choice % 100
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[choice % 10] ?? 'th')
  return `${choice}${suffix}`
}

/* The entrant's own page of results and postings. */
export const myPlacementLink = () => ({
  href: serviceUrl('/fast-stream/my-placement'),
  text: 'See your placement result',
})

type MailData = FastStreamMailContent & { name: string; subject: string }

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
    `${data.action.text}:\n${data.action.href}`,
    'This e-mail was sent by the Digital Capability Service. Please do not reply to it.',
  ]
  return `${blocks.join('\n\n')}\n`
}

/*
 * What every Fast Stream e-mail shares: to one person, a subject that says
 * what happened, the details, and a link back to the service.
 */
export abstract class FastStreamMail extends BaseMail {
  abstract recipient(): MailRecipient
  abstract subjectLine(): string
  abstract content(): FastStreamMailContent

  prepare() {
    const person = this.recipient()
    this.subject = this.subjectLine()
    this.message.to(person.email, person.name).subject(this.subject)
    const data: MailData = { subject: this.subject, name: person.name, ...this.content() }
    this.message.htmlView('emails/fast_stream/message', data).text(plainText(data))
  }
}
