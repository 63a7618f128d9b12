import type { DateTime } from 'luxon'
import { serviceUrl } from '#mails/learning_mail'
import { FastStreamMail, longDay, type MailRecipient } from '#mails/fast_stream_mail'
import { sentenceStart } from '#domain/shared/wording'
import { counted } from '#domain/shared/wording'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'

export type TeamArrivalsMailContext = {
  teamLead: MailRecipient
  /* The round's programme: whether Fast Stream entrants or Future Leaders are coming. */
  programme: Programme
  team: string
  round: string
  arrivals: Array<{ name: string; scheme: string; placement: string; startsOn: DateTime }>
}

/* To a team lead, when a round is published: the entrants (or Future Leaders) coming to their team. */
export default class FastStreamTeamArrivals extends FastStreamMail<TeamArrivalsMailContext> {
  recipient() {
    return this.context.teamLead
  }

  subjectLine() {
    return `${sentenceStart(programmeWords(this.context.programme).namedMany)} joining ${this.context.team}`
  }

  content() {
    const { team, round, arrivals } = this.context
    const words = programmeWords(this.context.programme)
    const count = counted(arrivals.length, words.namedOne, words.namedMany)
    return {
      heading: `${count} will join ${team}`,
      paragraphs: [
        `The results of ${round} are published. These ${words.many} are matched to your team’s placements.`,
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
