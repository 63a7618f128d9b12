import type { DateTime } from 'luxon'
import type Course from '#models/course'
import { skillLevelName } from '#domain/framework/levels'
import { audienceKindLabels, courseModeLabels } from '#enums/learning'
import {
  LEARNING_ZONE,
  type CatalogueEntry,
  type SessionSummary,
  type SessionWithCounts,
} from '#queries/learning/catalogue_query'

/*
 * Courses and sessions as the JSON API shows them, and as the catalogue
 * and course pages print them (UK time, pounds, plain words).
 */

/* Pounds as a number, from the pence the database keeps. */
export function pounds(pence: number) {
  return pence / 100
}

/* "Free", "£450" or "£450.50". */
export function formatCost(pence: number) {
  if (!pence) return 'Free'
  const whole = pence % 100 === 0
  return `£${pounds(pence).toLocaleString('en-GB', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  })}`
}

/* "7 hours", "1 hour", "3 hours 30 minutes". */
export function formatDuration(hours: number) {
  const totalMinutes = Math.round(hours * 60)
  const whole = Math.floor(totalMinutes / 60)
  const minutes = totalMinutes % 60
  const parts = []
  if (whole) parts.push(`${whole} ${whole === 1 ? 'hour' : 'hours'}`)
  if (minutes) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`)
  return parts.join(' ') || '0 hours'
}

/* "9:30am", "4pm", "midday": the time of day in UK time, GOV.UK style. */
export function formatTime(value: DateTime) {
  const local = value.setZone(LEARNING_ZONE)
  if (local.hour === 12 && local.minute === 0) return 'midday'
  if (local.hour === 0 && local.minute === 0) return 'midnight'
  const hour = local.hour % 12 === 0 ? 12 : local.hour % 12
  const minutes = local.minute ? `:${String(local.minute).padStart(2, '0')}` : ''
  return `${hour}${minutes}${local.hour < 12 ? 'am' : 'pm'}`
}

/* "Tue 15 Jun 2027". */
export function formatDay(value: DateTime) {
  return value.setZone(LEARNING_ZONE).setLocale('en-GB').toFormat('ccc d LLL yyyy')
}

/* "Tue 15 Jun 2027, 9:30am". */
export function formatDayTime(value: DateTime) {
  return `${formatDay(value)}, ${formatTime(value)}`
}

/* "Tue 15 Jun 2027, 9:30am to 4:30pm", naming the end day too when it differs. */
export function formatSessionTimes(startsAt: DateTime, endsAt: DateTime) {
  const sameDay = formatDay(startsAt) === formatDay(endsAt)
  return `${formatDayTime(startsAt)} to ${sameDay ? formatTime(endsAt) : formatDayTime(endsAt)}`
}

/* Where a session happens: its venue and location, or online. */
export function sessionPlace(session: { venue: string | null; location: string | null }) {
  return [session.venue, session.location].filter(Boolean).join(', ') || 'Online'
}

export function seatsLeftText(seatsLeft: number, waitlisted = 0) {
  if (seatsLeft > 0) return `${seatsLeft} ${seatsLeft === 1 ? 'seat' : 'seats'} left`
  return `Full – join the waiting list (${waitlisted} waiting)`
}

function courseFacts(course: Course) {
  return {
    providerName: course.provider.name,
    modeLabel: courseModeLabels[course.mode] ?? course.mode,
    duration: formatDuration(course.durationHours),
    cost: formatCost(course.costPence),
    audiences: course.audiences.map((audience) => ({
      roleProfileId: audience.roleProfileId,
      roleProfileName: audience.roleProfile.name,
      kind: audience.kind,
      kindLabel: audienceKindLabels[audience.kind] ?? audience.kind,
    })),
  }
}

/* One result of the catalogue page. */
export function catalogueEntryView(entry: CatalogueEntry) {
  const next = entry.nextSession
  return {
    id: entry.course.id,
    code: entry.course.code,
    title: entry.course.title,
    ...courseFacts(entry.course),
    nextSession: next
      ? {
          when: formatDayTime(next.startsAt),
          place: sessionPlace(next),
          seatsLeft: next.seatsLeft,
          seats:
            next.seatsLeft > 0 ? seatsLeftText(next.seatsLeft) : 'Full – join the waiting list',
        }
      : null,
  }
}

/* The course page: facts, outcomes, audiences and upcoming sessions. */
export function coursePageView(course: Course, sessions: SessionWithCounts[], now: DateTime) {
  return {
    id: course.id,
    code: course.code,
    title: course.title,
    summary: course.summary,
    status: course.status,
    requiresApproval: course.requiresApproval,
    ...courseFacts(course),
    outcomes: course.outcomes.map((outcome) => ({
      skillId: outcome.skill.id,
      skillName: outcome.skill.name,
      level: outcome.level,
      levelName: skillLevelName(outcome.level),
    })),
    sessions: sessions.map(({ session, waitlisted, seatsLeft }) => ({
      id: session.id,
      when: formatSessionTimes(session.startsAt, session.endsAt),
      place: sessionPlace(session),
      seats: seatsLeftText(seatsLeft, waitlisted),
      bookingCloses: formatDayTime(session.bookingClosesAt),
      bookingOpen: session.bookingClosesAt > now,
    })),
  }
}

function sessionSummaryResource(session: SessionSummary) {
  return {
    id: session.id,
    startsAt: session.startsAt.toUTC().toISO(),
    venue: session.venue,
    location: session.location,
    online: session.online,
    seatsLeft: session.seatsLeft,
    links: { self: `/api/v1/sessions/${session.id}` },
  }
}

/* A session in the API, with its seat counts. */
export function sessionResource({ session, booked, waitlisted, seatsLeft }: SessionWithCounts) {
  return {
    id: session.id,
    courseId: session.courseId,
    status: session.status,
    startsAt: session.startsAt.toUTC().toISO(),
    endsAt: session.endsAt.toUTC().toISO(),
    bookingClosesAt: session.bookingClosesAt.toUTC().toISO(),
    venue: session.venue,
    location: session.location,
    online: Boolean(session.onlineUrl),
    capacity: session.capacity,
    booked,
    waitlisted,
    seatsLeft,
    links: { self: `/api/v1/sessions/${session.id}` },
  }
}

/* A course in the API; the detail adds its upcoming sessions, the list its next one. */
export function courseResource(
  course: Course,
  extra: { sessions?: SessionWithCounts[]; nextSession?: SessionSummary | null } = {}
) {
  return {
    id: course.id,
    code: course.code,
    title: course.title,
    summary: course.summary,
    provider: { id: course.provider.id, name: course.provider.name },
    mode: course.mode,
    status: course.status,
    requiresApproval: course.requiresApproval,
    durationHours: course.durationHours,
    cost: pounds(course.costPence),
    outcomes: course.outcomes.map((outcome) => ({
      skill: { id: outcome.skill.id, name: outcome.skill.name },
      level: outcome.level,
      levelName: skillLevelName(outcome.level),
    })),
    audiences: course.audiences.map((audience) => ({
      roleProfile: { id: audience.roleProfile.id, name: audience.roleProfile.name },
      kind: audience.kind,
    })),
    ...(extra.sessions ? { sessions: extra.sessions.map(sessionResource) } : {}),
    ...(extra.nextSession !== undefined
      ? { nextSession: extra.nextSession ? sessionSummaryResource(extra.nextSession) : null }
      : {}),
    links: { self: `/api/v1/courses/${course.id}` },
  }
}
