import type { DateTime } from 'luxon'
import { serviceUrl } from '#mails/learning_mail'
import { FastStreamMail, longDay, type MailRecipient } from '#mails/fast_stream_mail'

export type TeamArrivalsMailContext = {
  teamLead: MailRecipient
  team: string
  round: string
  arrivals: Array<{ name: string; scheme: string; placement: string; startsOn: DateTime }>
}

/* To a team lead, when a round is published: the entrants coming to their team. */
export default class FastStreamTeamArrivals extends FastStreamMail {
  constructor(readonly context: TeamArrivalsMailContext) {
    super()
  }

  recipient() {
    return this.context.teamLead
  }

  subjectLine() {
    return `Fast Stream entrants joining ${this.context.team}`
  }

  content() {
    const { team, round, arrivals } = this.context
    const count =
      arrivals.length === 1 ? '1 Fast Stream entrant' : `${arrivals.length} Fast Stream entrants`
    return {
      heading: `${count} will join ${team}`,
      paragraphs: [
        `The results of ${round} are published. These entrants are matched to your team’s placements.`,
        'Please contact them before they start to welcome them and arrange their first day.',
      ],
      list: {
        heading: 'Who is coming',
        items: arrivals.map(
          (arrival) =>
            `${arrival.name} (${arrival.scheme}): ${arrival.placement}, from ${longDay(arrival.startsOn)}`
        ),
      },
      action: {
        href: serviceUrl('/fast-stream/team/placements'),
        text: 'See your team’s placements',
      },
    }
  }
}
