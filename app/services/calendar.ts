import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import type CourseSession from '#models/course_session'
import type Course from '#models/course'
import { UK_ZONE } from '#domain/shared/uk_time'

/*
 * A calendar invite for a booked session, in UK time with its VTIMEZONE,
 * for download and for attaching to the booking e-mail. The uid is stable
 * and the sequence is the session's invite revision, so an update sent
 * after the time or place changes (a higher sequence), or a cancellation,
 * replaces the same calendar entry.
 */
export function sessionInvite(
  session: CourseSession,
  course: Pick<Course, 'title' | 'summary' | 'code'>,
  options: { cancelled?: boolean; host?: string } = {}
) {
  const calendar = ical({
    name: 'Digital Capability Service',
    prodId: { company: 'Digital Capability Service', product: 'Learning', language: 'EN' },
    method: options.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: with one, the library writes DTSTAMP as local
    // time, which RFC 5545 forbids. The event's zone still gets its VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
  })
  const where = [session.venue, session.location].filter(Boolean).join(', ')
  calendar.createEvent({
    id: `session-${session.id}@${options.host ?? 'digital-capability.service'}`,
    // A session created in this request has no value read back yet: the column defaults to 0.
    sequence: session.inviteSequence ?? 0,
    start: session.startsAt.setZone(UK_ZONE),
    end: session.endsAt.setZone(UK_ZONE),
    timezone: UK_ZONE,
    summary: `${course.title} (${course.code})`,
    description: [course.summary, session.onlineUrl ? `Join online: ${session.onlineUrl}` : null]
      .filter(Boolean)
      .join('\n\n'),
    location: where || (session.onlineUrl ? 'Online' : undefined),
    url: session.onlineUrl ?? undefined,
    status:
      options.cancelled || session.status === 'cancelled'
        ? ICalEventStatus.CANCELLED
        : ICalEventStatus.CONFIRMED,
  })
  return calendar.toString()
}

/* The invite's file name: the course code and the session's day in the UK, in safe characters. */
export function inviteFileName(session: CourseSession, course: Pick<Course, 'code'>) {
  const day = session.startsAt.setZone(UK_ZONE).toISODate()
  return `${`${course.code}-${day}`.replace(/[^A-Za-z0-9-]/g, '-')}.ics`
}
