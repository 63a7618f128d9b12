import { FastStreamMail, myPlacementLink, type MailRecipient } from '#mails/fast_stream_mail'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'

export type NotMatchedMailContext = {
  entrant: MailRecipient
  /* The round's programme, which is the entrant's. */
  programme: Programme
  round: string
  /* Why, in words for the entrant. */
  reason: string
}

/* To an entrant, when a round is published: they have no placement, and why. */
export default class FastStreamNotMatched extends FastStreamMail<NotMatchedMailContext> {
  recipient() {
    return this.context.entrant
  }

  subjectLine() {
    return `Your ${programmeWords(this.context.programme).name} placement result: ${this.context.round}`
  }

  content() {
    const { round, reason } = this.context
    return {
      heading: 'You have not been matched to a placement',
      paragraphs: [
        `The results of ${round} are published, and you have not been matched to a placement.`,
        reason,
        `The ${programmeWords(this.context.programme).team} will contact you about your next posting.`,
      ],
      action: myPlacementLink(),
    }
  }
}
