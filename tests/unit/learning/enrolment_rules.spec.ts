import { test } from '@japa/runner'
import {
  attendanceMayBeMarked,
  canMove,
  enrolRefusal,
  learnerMayCancel,
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
})
