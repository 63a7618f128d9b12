import { BaseMail } from '@adonisjs/mail'
import { type DateTime } from 'luxon'
import env from '#start/env'
import { sessionInvite } from '#services/calendar'
import type Course from '#models/course'
import type CourseSession from '#models/course_session'
import type Enrolment from '#models/enrolment'
import type User from '#models/user'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'

/* What every learning e-mail is about: one learner's place on one session. */
export type LearningMailContext = {
  enrolment: Enrolment
  learner: User
  session: CourseSession
  course: Course
}

export type MailDetail = { term: string; value: string }

/* One thing about a session that changed: what it was and what it is now. */
export type MailChange = { term: string; before: string; after: string }

/* The words of one e-mail; the templates lay them out as HTML and as text. */
export type MailContent = {
  heading: string
  paragraphs: string[]
  /* What changed about the session, shown before its (current) details. */
  changes?: MailChange[]
  /* Extra rows shown before the session's own details. */
  details?: MailDetail[]
  /* A reason or note someone gave, shown under its own heading. */
  note?: { heading: string; text: string } | null
  action: { href: string; text: string }
}

/* A link into the service, from APP_URL. */
export function serviceUrl(path: string) {
  const base = (env.get('APP_URL') || 'http://localhost:3333').replace(/\/+$/, '')
  return `${base}${path}`
}

function inUk(value: DateTime) {
  return value.setZone(UK_ZONE).setLocale('en-GB')
}

/* “9:30am”, “4pm”, “midday”: the GOV.UK style for times. */
export function ukTime(value: DateTime) {
  const time = inUk(value)
  if (time.minute === 0 && time.hour === 12) return 'midday'
  if (time.minute === 0 && time.hour === 0) return 'midnight'
  const hour = time.hour % 12 || 12
  const minutes = time.minute ? `:${String(time.minute).padStart(2, '0')}` : ''
  return `${hour}${minutes}${time.hour < 12 ? 'am' : 'pm'}`
}

/* “Tuesday 15 June 2027” */
export function ukDate(value: DateTime) {
  return inUk(value).toFormat(UkFormats.weekdayDate)
}

/* “15 June”, for subject lines. */
export function shortDate(value: DateTime) {
  return inUk(value).toFormat(UkFormats.dayAndMonth)
}

/* “Tuesday 15 June 2027, 9:30am to 4:30pm”, across days when it must. */
export function sessionWhen(session: Pick<CourseSession, 'startsAt' | 'endsAt'>) {
  const start = `${ukDate(session.startsAt)}, ${ukTime(session.startsAt)}`
  const sameDay = inUk(session.startsAt).hasSame(inUk(session.endsAt), 'day')
  return sameDay
    ? `${start} to ${ukTime(session.endsAt)}`
    : `${start} to ${ukDate(session.endsAt)}, ${ukTime(session.endsAt)}`
}

/* “Agile for leaders on 15 June” */
export function courseOn(context: Pick<LearningMailContext, 'course' | 'session'>) {
  return `${context.course.title} on ${shortDate(context.session.startsAt)}`
}

export function sessionPlace(session: Pick<CourseSession, 'venue' | 'location' | 'onlineUrl'>) {
  const place = [session.venue, session.location].filter(Boolean).join(', ')
  if (place) return place
  return session.onlineUrl ? 'Online' : 'To be confirmed'
}

type MailData = MailContent & {
  name: string
  details: MailDetail[]
  onlineUrl: string | null
}

/*
 * The text version, built here rather than in a template: line breaks are
 * its layout, and a template formatter would rearrange them.
 */
function plainText(data: MailData) {
  const blocks = [
    data.heading,
    `Dear ${data.name},`,
    ...data.paragraphs,
    ...(data.changes?.length
      ? [
          [
            'What has changed',
            ...data.changes.map(
              (change) => `${change.term}\nWas: ${change.before}\nNow: ${change.after}`
            ),
          ].join('\n\n'),
        ]
      : []),
    [
      'Session details',
      ...data.details.map((detail) => `${detail.term}: ${detail.value}`),
      ...(data.onlineUrl ? [`Joining link: ${data.onlineUrl}`] : []),
    ].join('\n'),
    ...(data.note ? [`${data.note.heading}:\n${data.note.text}`] : []),
    `${data.action.text}:\n${data.action.href}`,
    'This e-mail was sent by the Digital Capability Service. Please do not reply to it.',
  ]
  return `${blocks.join('\n\n')}\n`
}

/*
 * The shape every learning e-mail shares: to one person, a subject that says
 * what happened, the session's course, date and time in UK time, place and
 * joining link, a link back to the service, and sometimes the calendar
 * invitation (PUBLISH to add the session, CANCEL to take it away).
 */
export abstract class LearningMail extends BaseMail {
  constructor(readonly context: LearningMailContext) {
    super()
  }

  /* Who receives it: the learner, unless a mail says otherwise. */
  recipient(): User {
    return this.context.learner
  }

  /* Attach the session's calendar invitation, and how. */
  invite(): 'publish' | 'cancel' | null {
    return null
  }

  abstract subjectLine(): string
  abstract content(): MailContent

  prepare() {
    const person = this.recipient()
    const { session, course } = this.context
    this.subject = this.subjectLine()
    this.message.to(person.email, person.fullName).subject(this.subject)

    const content = this.content()
    const data: MailData & { subject: string; course: string } = {
      subject: this.subject,
      name: person.fullName,
      ...content,
      details: [
        ...(content.details ?? []),
        { term: 'Course', value: `${course.title} (${course.code})` },
        { term: 'Date and time', value: `${sessionWhen(session)} (UK time)` },
        { term: 'Place', value: sessionPlace(session) },
      ],
      course: course.title,
      // Only web links become links.
      onlineUrl:
        session.onlineUrl && /^https?:\/\//i.test(session.onlineUrl) ? session.onlineUrl : null,
    }
    this.message.htmlView('emails/learning', data).text(plainText(data))

    const invite = this.invite()
    if (invite) {
      const method = invite === 'cancel' ? 'CANCEL' : 'PUBLISH'
      // The default uid host, as the download link uses: one calendar entry per session.
      const ics = sessionInvite(session, course, { cancelled: invite === 'cancel' })
      this.message.attachData(Buffer.from(ics, 'utf-8'), {
        filename: 'invite.ics',
        contentType: `text/calendar; charset=utf-8; method=${method}`,
      })
    }
  }
}

/* The learner's own page of bookings. */
export const myLearningLink = () => ({
  href: serviceUrl('/learning/my'),
  text: 'See your bookings in My learning',
})

/* A course's page, with its other sessions. */
export const courseLink = (course: Pick<Course, 'id' | 'title'>) => ({
  href: serviceUrl(`/learning/courses/${course.id}`),
  text: `See other sessions of ${course.title}`,
})
