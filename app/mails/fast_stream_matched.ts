import type { DateTime } from 'luxon'
import {
  FastStreamMail,
  longDay,
  myPlacementLink,
  ordinal,
  type MailRecipient,
} from '#mails/fast_stream_mail'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'

export type MatchedMailContext = {
  entrant: MailRecipient
  /* The round's programme, which is the entrant's. */
  programme: Programme
  round: string
  placement: {
    title: string
    team: string
    organisation: string
    location: string
    startsOn: DateTime
    digital: boolean
  }
  /* Where the placement was in the entrant's list, or null when the team running the programme placed them. */
  choice: number | null
}

/* To an entrant, when a round is published: the placement they got. */
export default class FastStreamMatched extends FastStreamMail<MatchedMailContext> {
  recipient() {
    return this.context.entrant
  }

  subjectLine() {
    return `Your ${programmeWords(this.context.programme).name} placement: ${this.context.placement.title}`
  }

  content() {
    const { round, placement, choice } = this.context
    const words = programmeWords(this.context.programme)
    return {
      heading: `You have a ${words.name} placement`,
      paragraphs: [
        `The results of ${round} are published. You are matched to ${placement.title} with ${placement.team}, ${placement.organisation}.`,
        choice === null
          ? `The ${words.team} chose this placement for you.`
          : `It was your ${ordinal(choice)} choice.`,
        'Your new team lead will contact you before you start.',
      ],
      details: {
        heading: 'Your placement',
        rows: [
          { term: 'Placement', value: placement.title },
          { term: 'Team', value: placement.team },
          { term: 'Organisation', value: placement.organisation },
          { term: 'Location', value: placement.location },
          { term: 'Starts', value: longDay(placement.startsOn) },
          { term: 'Digital placement', value: placement.digital ? 'Yes' : 'No' },
        ],
      },
      action: myPlacementLink(),
    }
  }
}
