import type { DateTime } from 'luxon'
import { serviceUrl } from '#mails/learning_mail'
import { UkFormats } from '#domain/shared/uk_time'
import { WordedMail, type MailWords } from '#mails/worded_mail'

export type { MailDetail, MailRecipient } from '#mails/worded_mail'

/* The words of one Fast Stream e-mail: a link back to the service, and no note. */
export type FastStreamMailContent = Omit<MailWords, 'note' | 'action'> & {
  action: { href: string; text: string }
}

/* “Monday 3 March 2014”, for a calendar date (no time, so no time zone to convert). */
export function longDay(day: DateTime) {
  return day.setLocale('en-GB').toFormat(UkFormats.weekdayDate)
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

/*
 * What every Fast Stream e-mail shares: to one person, a subject that says
 * what happened, the details, and a link back to the service.
 */
export abstract class FastStreamMail<Context = unknown> extends WordedMail<
  Context,
  FastStreamMailContent
> {
  protected readonly template = 'emails/fast_stream/message'
}
