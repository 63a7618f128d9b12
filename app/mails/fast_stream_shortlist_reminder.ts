import type { DateTime } from 'luxon'
import { serviceUrl } from '#mails/learning_mail'
import { FastStreamMail, longDay, type MailRecipient } from '#mails/fast_stream_mail'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'
import { UkFormats } from '#domain/shared/uk_time'

export type ShortlistReminderContext = {
  entrant: MailRecipient
  /* The round's programme, which is the entrant's. */
  programme: Programme
  round: string
  /* When choices close, in UK time. */
  closesAt: DateTime
  /* How many placements the list holds now. */
  choices: number
}

/* To an entrant who started a list of placements but has not submitted it, before choices close. */
export default class FastStreamShortlistReminder extends FastStreamMail<ShortlistReminderContext> {
  recipient() {
    return this.context.entrant
  }

  private closes() {
    return `${this.context.closesAt.toFormat(UkFormats.time)} on ${longDay(this.context.closesAt)}`
  }

  subjectLine() {
    return `Submit your ${programmeWords(this.context.programme).name} placement choices by ${this.closes()}`
  }

  content() {
    const { round, choices } = this.context
    return {
      heading: 'Your placement choices are not submitted yet',
      paragraphs: [
        `You have started a list of placements in ${round} (${choices === 1 ? '1 placement' : `${choices} placements`} so far) but have not submitted it.`,
        `Choices close at ${this.closes()}. Only submitted lists are matched: if yours is not submitted by then, you will not be matched to a placement in this round.`,
      ],
      action: { href: serviceUrl('/fast-stream/shortlist'), text: 'Review and submit your list' },
    }
  }
}
