import { test } from '@japa/runner'
import {
  attendanceMayBeMarked,
  canMove,
  completionDateRefusal,
  courseRefusal,
  defaultCompletionDate,
  enrolRefusal,
  learnerMayCancel,
  strongestHolding,
  type CourseHolding,
} from '#domain/learning/enrolment_rules'

const at = (iso: string) => new Date(iso)
const session = {
  status: 'scheduled' as const,
  startsAt: at('2026-12-10T09:30:00Z'),
  bookingClosesAt: at('2026-12-08T17:00:00Z'),
}

test.group('Enrolment rules', () => {
  test('a learner may enrol until booking closes, never on a started or cancelled session', ({
    assert,
  }) => {
    assert.isNull(enrolRefusal(session, at('2026-12-01T00:00:00Z')))
    assert.equal(enrolRefusal(session, at('2026-12-09T00:00:00Z')), 'booking_closed')
    assert.equal(enrolRefusal(session, at('2026-12-10T10:00:00Z')), 'session_started')
    assert.equal(
      enrolRefusal({ ...session, status: 'cancelled' }, at('2026-12-01T00:00:00Z')),
      'session_cancelled'
    )
  })

  test('the state machine allows only the documented moves', ({ assert }) => {
    assert.isTrue(canMove('requested', 'booked'))
    assert.isTrue(canMove('requested', 'declined'))
    assert.isTrue(canMove('waitlisted', 'booked'))
    assert.isTrue(canMove('booked', 'attended'))
    assert.isTrue(canMove('attended', 'completed'))
    assert.isFalse(canMove('booked', 'completed'))
    assert.isFalse(canMove('declined', 'booked'))
    assert.isFalse(canMove('completed', 'cancelled'))
    assert.isFalse(canMove('cancelled', 'booked'))
  })

  test('learners cancel before booking closes; afterwards only an admin can', ({ assert }) => {
    assert.isTrue(learnerMayCancel('booked', session, at('2026-12-01T00:00:00Z')))
    assert.isFalse(learnerMayCancel('booked', session, at('2026-12-09T00:00:00Z')))
    assert.isFalse(learnerMayCancel('completed', session, at('2026-12-01T00:00:00Z')))
    assert.isTrue(
      learnerMayCancel('waitlisted', session, at('2026-12-09T00:00:00Z')),
      'a waiting-list place holds no seat'
    )
    assert.isTrue(learnerMayCancel('requested', session, at('2026-12-09T00:00:00Z')))
    assert.isFalse(learnerMayCancel('waitlisted', session, at('2026-12-10T10:00:00Z')))
  })

  test('attendance is recorded only once a session has started', ({ assert }) => {
    assert.isFalse(attendanceMayBeMarked(session, at('2026-12-10T09:00:00Z')))
    assert.isTrue(attendanceMayBeMarked(session, at('2026-12-10T09:30:00Z')))
  })

  test('a course already completed, or held on any session, is refused; a cancelled or declined one is not held', ({
    assert,
  }) => {
    const place = (kind: 'requested' | 'booked' | 'waitlisted' | 'attended'): CourseHolding => ({
      kind,
      enrolmentId: 1,
      sessionId: 2,
      startsAt: at('2026-12-10T09:30:00Z'),
      position: kind === 'waitlisted' ? 3 : null,
    })
    assert.isNull(courseRefusal(null))
    assert.equal(
      courseRefusal({ kind: 'completed', completedOn: '2026-06-03' }),
      'course_completed'
    )
    for (const kind of ['requested', 'booked', 'waitlisted', 'attended'] as const) {
      assert.equal(courseRefusal(place(kind)), 'already_on_course', kind)
    }
    assert.isNull(strongestHolding([]))
    assert.equal(
      strongestHolding([
        { kind: 'completed', completedOn: '2026-06-03' },
        place('requested'),
        place('booked'),
      ])?.kind,
      'booked',
      'a place still held comes before a request or a past completion'
    )
  })

  test('a completion is dated the session’s last day, or today while it runs, and never outside the session’s first day and today', ({
    assert,
  }) => {
    assert.equal(defaultCompletionDate('2026-12-10', '2026-12-14'), '2026-12-10')
    assert.equal(defaultCompletionDate('2026-12-12', '2026-12-11'), '2026-12-11')
    assert.equal(
      completionDateRefusal('2026-12-09', '2026-12-10', '2026-12-14'),
      'completion_before_start'
    )
    assert.equal(
      completionDateRefusal('2026-12-15', '2026-12-10', '2026-12-14'),
      'completion_in_future'
    )
    assert.isNull(completionDateRefusal('2026-12-10', '2026-12-10', '2026-12-14'))
    assert.isNull(completionDateRefusal('2026-12-14', '2026-12-10', '2026-12-14'))
  })
})
