import { outcomeGroup, type OutcomeGroup } from '#domain/learning/nomination'
import { urlFor } from '@adonisjs/core/services/url_builder'
import {
  nominationCourse,
  nominationSession,
  type NominatedRow,
  type OwnNomination,
} from '#queries/learning/nominations_query'
import { nominationSourceLabels } from '#domain/learning/nomination'
import {
  nominationOutcomeText,
  nominationSummary,
  outcomeGroupHeadings,
} from '#services/nomination_messages'

const GROUP_ORDER: OutcomeGroup[] = ['refused', 'booked', 'waitlisted', 'already']

/*
 * A nomination's result page: who was booked, put on the waiting list,
 * already on the course, or not booked and why, with the counts first.
 * Those not booked come first: they are what the nominator may act on.
 */
export function nominationResultPage(nomination: OwnNomination, people: NominatedRow[]) {
  const counts: Record<OutcomeGroup, number> = { booked: 0, waitlisted: 0, already: 0, refused: 0 }
  for (const person of people) counts[outcomeGroup(person.outcome)] += 1
  const verb = nomination.sessionId === null ? 'enrolled' : 'booked'
  const headings = outcomeGroupHeadings(verb)
  const groups = GROUP_ORDER.map((group) => ({
    key: group,
    heading: headings[group],
    people: people
      .filter((person) => outcomeGroup(person.outcome) === group)
      .map((person) => ({
        ...person,
        reason: nominationOutcomeText(person.outcome, person.waitlistPosition),
      })),
  })).filter((group) => group.people.length > 0)
  return {
    nomination,
    sourceLabel: nominationSourceLabels[nomination.source],
    fromFile: nomination.source === 'csv',
    counts,
    verb,
    summary: nominationSummary(counts, verb),
    groups,
  }
}

export const NOMINATION_CSV_HEADER = [
  'Line',
  'Name',
  'Email',
  'Course',
  'Session',
  'Outcome',
  'Code',
  'Waiting list position',
]

/* The result as CSV, a person a line in the order named: the same words as the page. */
export function nominationCsvLines(nomination: OwnNomination, people: NominatedRow[]) {
  return people.map((person) => [
    person.position,
    person.name,
    person.email,
    nomination.courseTitle,
    nomination.when ?? 'Self-paced',
    nominationOutcomeText(person.outcome, person.waitlistPosition),
    person.outcome,
    person.waitlistPosition,
  ])
}

/*
 * The session or self-paced course the people list books the people
 * ticked on, from its `nominate` query value ("session-12", "course-3");
 * null when there is none, or it names nothing that can be booked.
 */
export async function nominationFromPeopleList(value: unknown) {
  const match = typeof value === 'string' ? /^(session|course)-([1-9]\d{0,15})$/.exec(value) : null
  if (!match) return null
  const id = Number(match[2])
  if (match[1] === 'session') {
    const session = await nominationSession(id)
    if (!session) return null
    return {
      key: value as string,
      title: session.courseTitle,
      description: `The session on ${session.when} (UK time)`,
      action: urlFor('learning.nominations.session.store', { id }),
      back: urlFor('learning.nominations.session.create', { id }),
    }
  }
  const course = await nominationCourse(id)
  if (!course) return null
  return {
    key: value as string,
    title: course.courseTitle,
    description: 'A self-paced online course, started at once',
    action: urlFor('learning.nominations.course.store', { id }),
    back: urlFor('learning.nominations.course.create', { id }),
  }
}
