/*
 * The digital-placement rule (Digital Strategy action 04): every Fast
 * Stream entrant spends one six-month posting in a digital role in their
 * first two years; every Future Leader one placement in a digitally
 * delivered service area within the scheme. Where a participant stands
 * against it, from their programme, start date, postings and the posting
 * windows still to come. Days are ISO 8601 text (yyyy-mm-dd). Pure: no
 * framework imports.
 */
import { addMonths, overlaps, POSTING_MONTHS, type PostingSpan } from '#domain/fast_stream/postings'
import { ruleDeadline, type Programme } from '#domain/fast_stream/programmes'

export const DIGITAL_RULE_STATES = ['met', 'on_track', 'at_risk', 'missed'] as const
export type DigitalRuleState = (typeof DIGITAL_RULE_STATES)[number]

/* The day two years after the entrant joined: their digital posting must start before it. */
export function twoYearMark(startedOn: string) {
  return ruleDeadline('fast_stream', startedOn)
}

/*
 * The dates a round's postings run. `roundId` is null for a round still
 * to be set up, assumed from the rounds the service knows.
 */
export type PostingWindow = { roundId: number | null; startsOn: string; endsOn: string }

/* A round the service knows, with its posting window and whether it is published. */
export type KnownRound = PostingWindow & { roundId: number; published: boolean }

/*
 * The posting windows still to come on `today`: those of rounds not yet
 * published, then, after the last window any round has, a round every six
 * months whose postings follow on from the last (postings are six months
 * and back to back), up to `until`. Earliest first.
 */
export function windowsToCome(rounds: KnownRound[], today: string, until: string) {
  const windows: PostingWindow[] = rounds
    .filter((round) => !round.published && round.startsOn >= today)
    .map(({ roundId, startsOn, endsOn }) => ({ roundId, startsOn, endsOn }))
  let last: string | null = null
  for (const round of rounds) if (last === null || round.endsOn > last) last = round.endsOn
  for (let start = last; start !== null && start <= until;) {
    const end = addMonths(start, POSTING_MONTHS)
    if (start >= today) windows.push({ roundId: null, startsOn: start, endsOn: end })
    start = end
  }
  return windows.sort((a, b) => a.startsOn.localeCompare(b.startsOn))
}

export type DigitalRuleFacts = {
  startedOn: string
  postings: Array<PostingSpan & { digital: boolean }>
  /*
   * Unpublished rounds where the entrant is on course for a digital
   * posting: matched to a digital placement, or, before the match, with
   * an approved digital placement on their submitted list.
   */
  digitalRounds: number[]
}

export type DigitalRuleStanding = {
  state: DigitalRuleState
  twoYearMark: string
  /* The windows still to come that could give them a digital posting in time, earliest first. */
  chances: PostingWindow[]
}

/* Where a participant of either programme stands, with the day their time runs out. */
export type ProgrammeRuleStanding = Omit<DigitalRuleStanding, 'twoYearMark'> & {
  /* The programme's deadline (`ruleDeadline`): the Fast Stream's two-year mark, the end of the Future Leaders Scheme. */
  deadline: string
}

/*
 * Where one participant stands, their deadline being their programme's
 * (`ruleDeadline`: two years for the Fast Stream, eighteen months for
 * Future Leaders):
 * - met: a digital posting that starts before their deadline;
 * - missed: none, and no window still to come both ends by the deadline
 *   and leaves their other postings clear;
 * - at risk: none, and only one such window is left, in a round where
 *   they are not on course for a digital placement (not matched to one,
 *   nor with one on their submitted list), or in a round still to be set up;
 * - on track: none yet, but two or more such windows are left, or the one
 *   left is in a round where they are on course for a digital placement.
 */
export function programmeRuleStanding(
  programme: Programme,
  facts: DigitalRuleFacts,
  windows: PostingWindow[],
  today: string
): ProgrammeRuleStanding {
  const deadline = ruleDeadline(programme, facts.startedOn)
  if (facts.postings.some((posting) => posting.digital && posting.startsOn < deadline)) {
    return { state: 'met', deadline, chances: [] }
  }
  const chances = windows.filter(
    (candidate) =>
      candidate.startsOn >= today &&
      candidate.endsOn <= deadline &&
      !facts.postings.some((posting) => overlaps(posting, candidate))
  )
  if (chances.length === 0) return { state: 'missed', deadline, chances }
  if (chances.length >= 2) return { state: 'on_track', deadline, chances }
  const last = chances[0]
  const onCourse = last.roundId !== null && facts.digitalRounds.includes(last.roundId)
  return { state: onCourse ? 'on_track' : 'at_risk', deadline, chances }
}

/* Where one Fast Stream entrant stands, against their two-year mark (`programmeRuleStanding`). */
export function digitalRuleStanding(
  facts: DigitalRuleFacts,
  windows: PostingWindow[],
  today: string
): DigitalRuleStanding {
  const { state, deadline, chances } = programmeRuleStanding('fast_stream', facts, windows, today)
  return { state, twoYearMark: deadline, chances }
}
