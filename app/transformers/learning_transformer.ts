import type { DateTime } from 'luxon'
import { BaseTransformer } from '@adonisjs/core/transformers'
import { skillLevelName } from '#domain/framework/levels'
import {
  audienceKindLabels,
  audienceKindValues,
  courseModeLabels,
  courseModeValues,
  courseDeliveryValues,
  moduleKindValues,
  courseStatusValues,
  EnrolmentStatuses,
  SessionStatuses,
} from '#enums/learning'
import {
  arrayOf,
  boolean,
  dateTime,
  id,
  integer,
  levelName,
  named,
  object,
  oneOfValues,
  orNull,
  selfLink,
  skillLevel,
  text,
} from '#openapi/components'
import {
  type CatalogueEntry,
  type CourseDetail,
  type ModuleSummary,
  type SessionSummary,
  type SessionWithCounts,
} from '#queries/learning/catalogue_query'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import type { LearnerEnrolment } from '#queries/learning/my_learning_query'
import { RATING_SHOWN_FROM, ratingText } from '#domain/learning/course_feedback'

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
  const local = value.setZone(UK_ZONE)
  if (local.hour === 12 && local.minute === 0) return 'midday'
  if (local.hour === 0 && local.minute === 0) return 'midnight'
  const hour = local.hour % 12 === 0 ? 12 : local.hour % 12
  const minutes = local.minute ? `:${String(local.minute).padStart(2, '0')}` : ''
  return `${hour}${minutes}${local.hour < 12 ? 'am' : 'pm'}`
}

/* "Tue 15 Jun 2027". */
export function formatDay(value: DateTime) {
  return value.setZone(UK_ZONE).setLocale('en-GB').toFormat(UkFormats.shortWeekdayDate)
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

function courseFacts(course: CourseDetail) {
  return {
    providerName: course.provider.name,
    modeLabel: courseModeLabels[course.mode] ?? course.mode,
    /* Started online at any time rather than booked on a session. */
    selfPaced: course.delivery === 'self_paced',
    duration: formatDuration(course.durationHours),
    cost: formatCost(course.costPence),
    /* "4.3 out of 5 from 27 reviews", or null under RATING_SHOWN_FROM answers. */
    rating: course.rating ? ratingText(course.rating) : null,
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
export function coursePageView(course: CourseDetail, sessions: SessionWithCounts[], now: DateTime) {
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
      accessibilityNotes: session.accessibilityNotes,
      seats: seatsLeftText(seatsLeft, waitlisted),
      bookingCloses: formatDayTime(session.bookingClosesAt),
      bookingOpen: session.bookingClosesAt > now,
    })),
  }
}

/* An instant as the API gives it: ISO 8601 in UTC. */
const instant = (value: DateTime) => value.toUTC().toISO()

const sessionLink = (sessionId: number) => ({ self: `/api/v1/sessions/${sessionId}` })

const sessionFields = {
  id: id(),
  courseId: id('The course’s id.'),
  status: oneOfValues(Object.values(SessionStatuses)),
  startsAt: dateTime(),
  endsAt: dateTime(),
  bookingClosesAt: dateTime('After this, learners can no longer enrol or cancel.'),
  venue: orNull(text()),
  accessibilityNotes: orNull(
    text('Getting into and around the venue: step-free access, hearing loops, facilities.')
  ),
  location: orNull(text('Town or city.')),
  online: boolean('Whether the session has an online link.'),
  capacity: integer('Seats.', { min: 1 }),
  booked: integer('Seats taken.', { min: 0 }),
  waitlisted: integer('People on the waiting list.', { min: 0 }),
  seatsLeft: integer(undefined, { min: 0 }),
  links: selfLink,
}

/*
 * A session in the API: when and where, its seats and how many are
 * taken. The same shape wherever the API gives a session, and, with its
 * course, alone.
 */
export class CourseSessionTransformer extends BaseTransformer<SessionWithCounts> {
  static schemas = {
    CourseSession: object(sessionFields),
    SessionDetail: object({
      ...sessionFields,
      course: object({ id: id(), code: text(), title: text() }),
    }),
  }

  toObject() {
    const { session, booked, waitlisted, seatsLeft } = this.resource
    return {
      id: session.id,
      courseId: session.courseId,
      status: session.status,
      startsAt: instant(session.startsAt),
      endsAt: instant(session.endsAt),
      bookingClosesAt: instant(session.bookingClosesAt),
      venue: session.venue,
      accessibilityNotes: session.accessibilityNotes,
      location: session.location,
      online: Boolean(session.onlineUrl),
      capacity: session.capacity,
      booked,
      waitlisted,
      seatsLeft,
      links: sessionLink(session.id),
    }
  }

  /* The session with the course it belongs to (read with it by `sessionWithCounts`). */
  withCourse() {
    const course = this.resource.session.course!
    return { ...this.toObject(), course: { id: course.id, code: course.code, title: course.title } }
  }
}

/* A course as the API gives it, with its upcoming sessions or, in a list, its next one. */
export type CourseRecord = {
  course: CourseDetail
  sessions?: SessionWithCounts[]
  /* A self-paced course's modules, in order. */
  modules?: ModuleSummary[]
  nextSession?: SessionSummary | null
}

const courseFields = {
  id: id(),
  code: text('A short code, such as `AGILE-101`.'),
  title: text(),
  summary: orNull(text()),
  provider: named('The training provider that runs the course.'),
  mode: oneOfValues(courseModeValues, 'How the course is delivered.'),
  delivery: oneOfValues(
    courseDeliveryValues,
    'In scheduled sessions (booked on a session) or self-paced online (started at any time, with no limit on places).'
  ),
  status: oneOfValues(courseStatusValues),
  requiresApproval: boolean('Whether a learner’s line manager must approve a place.'),
  durationHours: { type: 'number', description: 'Length in hours.' } as const,
  cost: {
    type: 'number',
    minimum: 0,
    description: 'Cost per learner in pounds; 0 when free.',
  } as const,
  outcomes: arrayOf(
    object({ skill: named(), level: skillLevel(), levelName: levelName() }),
    'The skills the course builds, and the level it brings learners to.'
  ),
  audiences: arrayOf(
    object({ roleProfile: named(), kind: oneOfValues(audienceKindValues) }),
    'The role profiles the course is mandatory or recommended for.'
  ),
  rating: orNull(
    object(
      {
        average: {
          type: 'number',
          minimum: 1,
          maximum: 5,
          description: 'Learners’ average overall rating out of 5, to one decimal place.',
        } as const,
        answers: integer('How many learners gave feedback.', { min: RATING_SHOWN_FROM }),
      },
      {
        description: `Learners’ feedback on the course; null until ${RATING_SHOWN_FROM} have answered.`,
      }
    )
  ),
}

/*
 * A course in the API. The course itself carries its upcoming sessions;
 * in the catalogue's list (`forList`) each course carries its next
 * bookable session instead.
 */
export class CourseTransformer extends BaseTransformer<CourseRecord> {
  static schemas = {
    Course: object({
      ...courseFields,
      sessions: arrayOf(
        CourseSessionTransformer.schemas.CourseSession,
        'Upcoming sessions, soonest first.'
      ),
      modules: arrayOf(
        object({
          id: id(),
          position: integer('1 for the first module learners take.', { min: 1 }),
          title: text(),
          kind: oneOfValues(moduleKindValues, 'A link, document, video or e-learning package.'),
          required: boolean('Whether the course is completed only once this module is.'),
        }),
        'A self-paced course’s modules, in the order learners take them; empty for a scheduled course.'
      ),
      links: selfLink,
    }),
    CourseSummary: object({
      ...courseFields,
      nextSession: orNull(
        object({
          id: id(),
          startsAt: dateTime(),
          venue: orNull(text()),
          location: orNull(text()),
          online: boolean(),
          seatsLeft: integer(undefined, { min: 0 }),
          links: selfLink,
        })
      ),
      links: selfLink,
    }),
  }

  #fields() {
    const { course } = this.resource
    return {
      id: course.id,
      code: course.code,
      title: course.title,
      summary: course.summary,
      provider: { id: course.provider.id, name: course.provider.name },
      mode: course.mode,
      delivery: course.delivery,
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
      rating: course.rating
        ? { average: course.rating.average, answers: course.rating.answers }
        : null,
    }
  }

  #links() {
    return { self: `/api/v1/courses/${this.resource.course.id}` }
  }

  toObject() {
    return {
      ...this.#fields(),
      sessions: (this.resource.sessions ?? []).map((session) =>
        new CourseSessionTransformer(session).toObject()
      ),
      modules: (this.resource.modules ?? []).map((module) => ({
        id: module.id,
        position: module.position,
        title: module.title,
        kind: module.kind,
        required: module.required,
      })),
      links: this.#links(),
    }
  }

  forList() {
    const next = this.resource.nextSession
    return {
      ...this.#fields(),
      nextSession: next
        ? {
            id: next.id,
            startsAt: instant(next.startsAt),
            venue: next.venue,
            location: next.location,
            online: next.online,
            seatsLeft: next.seatsLeft,
            links: sessionLink(next.id),
          }
        : null,
      links: this.#links(),
    }
  }
}

const enrolmentStatus = (description?: string) =>
  oneOfValues(Object.values(EnrolmentStatuses), description)

/* An enrolment's place on its session: the enrolment itself, and what a 409 names of one. */
export const enrolmentPlaceFields = {
  id: id('The enrolment’s id.'),
  status: enrolmentStatus(
    '`booked` with a seat, `waitlisted` when the session is full, `requested` while the line manager decides.'
  ),
  position: orNull(
    integer('Place on the waiting list, from 1; null when not waiting.', { min: 1 })
  ),
}

/*
 * One of the caller's enrolments: its place, the session and the course.
 * The same shape when they enrol, list their enrolments or cancel one.
 */
export class EnrolmentTransformer extends BaseTransformer<LearnerEnrolment> {
  static schemas = {
    Enrolment: object({
      ...enrolmentPlaceFields,
      session: object({
        id: id(),
        startsAt: dateTime(),
        endsAt: dateTime(),
        location: orNull(text()),
        venue: orNull(text()),
        onlineUrl: orNull({ type: 'string', format: 'uri' }),
      }),
      course: object({ id: id(), code: text(), title: text() }),
    }),
  }

  toObject() {
    const { session, course } = this.resource
    return {
      id: this.resource.id,
      status: this.resource.status,
      position: this.resource.position,
      session: {
        id: session.id,
        startsAt: instant(session.startsAt),
        endsAt: instant(session.endsAt),
        location: session.location,
        venue: session.venue,
        onlineUrl: session.onlineUrl,
      },
      course: { id: course.id, code: course.code, title: course.title },
    }
  }
}
