import type { DateTime } from 'luxon'

/* When and where a session runs: what learners are told about when it changes. */
export type SessionArrangements = {
  /* ISO 8601 instants. */
  startsAt: string
  endsAt: string
  venue: string | null
  location: string | null
  onlineUrl: string | null
}

/* When and where a session runs, as learners are told about it. */
export function arrangementsOf(session: {
  startsAt: DateTime
  endsAt: DateTime
  venue: string | null
  location: string | null
  onlineUrl: string | null
}): SessionArrangements {
  return {
    startsAt: session.startsAt.toUTC().toISO()!,
    endsAt: session.endsAt.toUTC().toISO()!,
    venue: session.venue || null,
    location: session.location || null,
    onlineUrl: session.onlineUrl || null,
  }
}

/* Whether a change moves the session in time or place (capacity and booking close do not count). */
export function arrangementsDiffer(before: SessionArrangements, after: SessionArrangements) {
  return (
    +new Date(before.startsAt) !== +new Date(after.startsAt) ||
    +new Date(before.endsAt) !== +new Date(after.endsAt) ||
    before.venue !== after.venue ||
    before.location !== after.location ||
    before.onlineUrl !== after.onlineUrl
  )
}
