import { FastStreamMail, myPlacementLink, type MailRecipient } from '#mails/fast_stream_mail'

export type NotMatchedMailContext = {
  entrant: MailRecipient
  round: string
  /* Why, in words for the entrant. */
  reason: string
}

/* To an entrant, when a round is published: they have no placement, and why. */
export default class FastStreamNotMatched extends FastStreamMail {
  constructor(readonly context: NotMatchedMailContext) {
    super()
  }

  recipient() {
    return this.context.entrant
  }

  subjectLine() {
    return `Your Fast Stream placement result: ${this.context.round}`
  }

  content() {
    const { round, reason } = this.context
    return {
      heading: 'You have not been matched to a placement',
      paragraphs: [
        `The results of ${round} are published, and you have not been matched to a placement.`,
        reason,
        'The Fast Stream team will contact you about your next posting.',
      ],
      action: myPlacementLink(),
    }
  }
}
