/*
 * Required learning: when a completion stays valid, when a learning
 * requirement falls due for one person and where they stand against it.
 * Every date here is a calendar day in UK time, as yyyy-mm-dd. Pure: no
 * framework imports. The compliance queries count the same states in SQL
 * from the thresholds this module gives them (`stateThresholds`), so a
 * person's state on their own page and in the dashboard's counts agree.
 */
import { DateTime } from 'luxon'

/* Days before its due date a requirement counts as due, and its first reminder goes. */
export const DUE_SOON_DAYS = 30

/* Where one person stands against one requirement, the worst first. */
export const RequirementStates = {
  Overdue: 'overdue',
  Expired: 'expired',
  Due: 'due',
  NotDue: 'not_due',
  Completed: 'completed',
} as const
export type RequirementState = (typeof RequirementStates)[keyof typeof RequirementStates]

/* The order people and requirements are listed in: what needs doing first. */
export const REQUIREMENT_STATE_ORDER: RequirementState[] = [
  'overdue',
  'expired',
  'due',
  'not_due',
  'completed',
]

/* When a requirement falls due: on a fixed day, or a number of days after joining its audience. */
export type DueRule = { kind: 'fixed'; dueOn: string } | { kind: 'after_joining'; days: number }

export type RequirementTerms = {
  due: DueRule
  /* Months after the last completion it is due again; null when once is enough. */
  recurrenceMonths: number | null
  /* The course's months a completion stays valid; null when it does not expire. */
  validityMonths: number | null
  /* The day the requirement was set: nobody joins its audience before it. */
  setOn: string
}

export type PersonFacts = {
  /* The day they joined the audience, as far as the records tell; null when unknown. */
  joinedOn: string | null
  /* Their latest completion of the course, from any source; null when none. */
  lastCompletedOn: string | null
}

export type Standing = {
  state: RequirementState
  /* The day it is (or was) due; null once completed with nothing more to do. */
  dueOn: string | null
  lastCompletedOn: string | null
  /* The last day the latest completion counts; null when it never lapses or there is none. */
  validUntil: string | null
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
const iso = (value: DateTime) => value.toISODate()!
const later = (a: string, b: string | null) => (b !== null && b > a ? b : a)

/*
 * The last day a completion on `completedOn` counts, `months` later; null
 * when the course's completions never lapse. A completion on 7 December
 * 2026 valid for 36 months is valid until 7 December 2029, and has expired
 * on the 8th. Month ends are clamped (31 August + 6 months is 28 February).
 */
export function validUntil(completedOn: string, months: number | null): string | null {
  if (months === null) return null
  return iso(day(completedOn).plus({ months }))
}

/* The day after the last valid day: when a completion expired. */
export function expiredOn(validUntilDay: string): string {
  return iso(day(validUntilDay).plus({ days: 1 }))
}

/*
 * How long a completion satisfies a requirement: the shorter of its
 * recurrence and the course's validity; null when neither applies.
 */
export function coverMonths(terms: Pick<RequirementTerms, 'recurrenceMonths' | 'validityMonths'>) {
  const months = [terms.recurrenceMonths, terms.validityMonths].filter(
    (value): value is number => value !== null && value > 0
  )
  return months.length ? Math.min(...months) : null
}

/*
 * The first day the requirement is due for someone: its fixed day, or the
 * given number of days after they joined the audience (never before the
 * requirement was set).
 */
export function firstDueOn(terms: RequirementTerms, joinedOn: string | null): string {
  if (terms.due.kind === 'fixed') return terms.due.dueOn
  const start = later(terms.setOn, joinedOn)
  return iso(day(start).plus({ days: terms.due.days }))
}

/*
 * Where one person stands against one requirement on `today`:
 * - completed: their latest completion still counts (valid until its last day, or for good);
 * - expired: they completed it but that has lapsed, so it is due again, on
 *   the day it expired or their own first due day, whichever is later;
 * - overdue: never completed, and the due day has passed;
 * - due: never completed, due today or within `soonDays` days;
 * - not due: never completed, due later than that.
 */
export function requirementStanding(
  terms: RequirementTerms,
  person: PersonFacts,
  today: string,
  soonDays = DUE_SOON_DAYS
): Standing {
  const months = coverMonths(terms)
  const first = firstDueOn(terms, person.joinedOn)
  const last = person.lastCompletedOn
  if (last !== null) {
    const until = validUntil(last, months)
    if (until === null || until >= today) {
      return {
        state: 'completed',
        dueOn: until ? expiredOn(until) : null,
        lastCompletedOn: last,
        validUntil: until,
      }
    }
    return {
      state: 'expired',
      dueOn: later(expiredOn(until), first),
      lastCompletedOn: last,
      validUntil: until,
    }
  }
  const soon = iso(day(today).plus({ days: soonDays }))
  const state: RequirementState = first < today ? 'overdue' : first <= soon ? 'due' : 'not_due'
  return { state, dueOn: first, lastCompletedOn: null, validUntil: null }
}

/*
 * The earliest completion day that still counts on `today` when completions
 * last `months` months: the least day c with validUntil(c) >= today. Month
 * ends make "today less the months" off by a few days at times, so it is
 * found exactly from there.
 */
export function earliestValidCompletion(today: string, months: number): string {
  const valid = (candidate: DateTime) => validUntil(iso(candidate), months)! >= today
  let candidate = day(today).minus({ months })
  while (valid(candidate.minus({ days: 1 }))) candidate = candidate.minus({ days: 1 })
  while (!valid(candidate)) candidate = candidate.plus({ days: 1 })
  return iso(candidate)
}

/*
 * What the compliance queries compare dates with to give each person the
 * state `requirementStanding` gives them, for one requirement on `today`:
 * - `validFrom`: a latest completion on or after it counts (null: any does);
 * - for a fixed due day, whether it is overdue or due for everyone not yet
 *   complete (`fixed`);
 * - after joining, `overdueBefore` and `dueBy`: someone is overdue when both
 *   the day the requirement was set and the day they joined are before
 *   `overdueBefore`, due when both are on or before `dueBy`.
 */
export type StateThresholds = {
  validFrom: string | null
  fixed: { overdue: boolean; due: boolean } | null
  overdueBefore: string
  dueBy: string
}

export function stateThresholds(
  terms: RequirementTerms,
  today: string,
  soonDays = DUE_SOON_DAYS
): StateThresholds {
  const months = coverMonths(terms)
  const soon = iso(day(today).plus({ days: soonDays }))
  const days = terms.due.kind === 'after_joining' ? terms.due.days : 0
  return {
    validFrom: months === null ? null : earliestValidCompletion(today, months),
    fixed:
      terms.due.kind === 'fixed'
        ? { overdue: terms.due.dueOn < today, due: terms.due.dueOn <= soon }
        : null,
    overdueBefore: iso(day(today).minus({ days })),
    dueBy: iso(day(soon).minus({ days })),
  }
}

/* The worst state first, then the soonest due day: the order a person's requirements are listed in. */
export function compareStandings(a: Standing, b: Standing) {
  const byState =
    REQUIREMENT_STATE_ORDER.indexOf(a.state) - REQUIREMENT_STATE_ORDER.indexOf(b.state)
  if (byState !== 0) return byState
  return (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31')
}

/* A day as a sentence shows it: "7 December 2029". */
export function longDay(isoDay: string) {
  return day(isoDay).toFormat('d LLLL yyyy')
}

/*
 * A completion's validity in words, as the learning record shows it:
 * "Valid until 7 December 2029", "Expired on 8 December 2029", or null when
 * it does not expire.
 */
export function validityWords(completedOn: string, months: number | null, today: string) {
  const until = validUntil(completedOn, months)
  if (until === null) return null
  return until >= today
    ? `Valid until ${longDay(until)}`
    : `Expired on ${longDay(expiredOn(until))}`
}

/* Where someone stands in words, for their own pages: "Overdue: due by 31 March 2027". */
export function standingWords(standing: Standing) {
  const due = standing.dueOn ? longDay(standing.dueOn) : null
  switch (standing.state) {
    case 'overdue':
      return `Overdue: it was due by ${due}`
    case 'expired':
      return `Your completion expired: due again by ${due}`
    case 'due':
    case 'not_due':
      return `Due by ${due}`
    case 'completed':
      return standing.validUntil
        ? `Completed: valid until ${longDay(standing.validUntil)}`
        : 'Completed'
  }
}

export type ReminderKind = 'before' | 'on' | 'after'

/*
 * Which reminder someone is owed today, if any: before the due day (from
 * `soonDays` before it), on it, or after it (overdue, or expired and due
 * again). Each is sent once per due day; completed people are owed none.
 */
export function reminderKind(
  standing: Standing,
  today: string,
  soonDays = DUE_SOON_DAYS
): ReminderKind | null {
  if (standing.state === 'completed' || standing.state === 'not_due' || !standing.dueOn) return null
  if (standing.dueOn < today) return 'after'
  if (standing.dueOn === today) return 'on'
  return standing.dueOn <= iso(day(today).plus({ days: soonDays })) ? 'before' : null
}
