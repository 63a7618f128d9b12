import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import Course from '#models/course'
import type Organisation from '#models/organisation'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import TrainingBudget from '#models/training_budget'
import type User from '#models/user'
import { enrol } from '#actions/learning/enrol'
import { decideRequest } from '#actions/learning/decide_request'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { cancelSession } from '#actions/learning/cancel_session'
import { recordAttendance } from '#actions/learning/record_attendance'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { budgetStanding, budgetsOverview } from '#queries/learning/training_budgets_query'
import { financialYearOf } from '#domain/learning/training_budgets'

/*
 * Budget arithmetic through the service's own actions: what each step of
 * a booking's life does to the budget it counts against.
 */

const PRICE = 12_500

/* Department Alpha with Alpha Agency below it; a manager and a learner in the agency. */
async function alpha(budgetPence = 100_000) {
  const department = await OrganisationFactory.merge({ name: 'Department Alpha' }).create()
  const agency = await createChildOrganisation(department, { name: 'Alpha Agency' })
  const manager = await createUser({ organisation: agency })
  const learner = await createUser({
    organisation: agency,
    overrides: { lineManagerId: manager.id },
  })
  return { department, agency, manager, learner, budgetPence }
}

async function setBudget(organisation: Organisation, year: number, amountPence: number) {
  return TrainingBudget.create({
    organisationId: organisation.id,
    financialYear: year,
    amountPence,
  })
}

/* A session a week ahead of a course at the price, and its financial year. */
async function sessionAt(
  options: { requiresApproval?: boolean; capacity?: number; startsAt?: DateTime } = {}
) {
  const course = await createCourse({
    costPence: PRICE,
    requiresApproval: options.requiresApproval ?? false,
  })
  const session = await createSession({
    course,
    capacity: options.capacity ?? 10,
    startsAt: options.startsAt,
  })
  return { course, session, year: financialYearOf(session.startsAt.toJSDate()) }
}

async function figures(organisation: Organisation, year: number) {
  const { amountPence, committedPence, spentPence, remainingPence } = await budgetStanding(
    organisation,
    year
  )
  return { amountPence, committedPence, spentPence, remainingPence }
}

async function book(learner: User, sessionId: number) {
  const result = await enrol(learner, sessionId)
  if (!('enrolment' in result)) throw new Error(`Expected an enrolment, got ${result.type}`)
  return result.enrolment
}

/* A moment after the session ended, for recording attendance. */
const after = (startsAt: DateTime) => startsAt.plus({ hours: 8 }).toJSDate()

test.group('Training budgets: the arithmetic of bookings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a booking commits the course’s cost; attending spends it, and completing keeps it spent', async ({
    assert,
  }) => {
    const { department, learner } = await alpha()
    const { session, year } = await sessionAt()
    await setBudget(department, year, 100_000)

    const booking = await book(learner, session.id)
    assert.equal(booking.status, 'booked')
    assert.deepEqual(await figures(department, year), {
      amountPence: 100_000,
      committedPence: PRICE,
      spentPence: 0,
      remainingPence: 100_000 - PRICE,
    })

    await recordAttendance(booking.id, 'attended', after(session.startsAt))
    assert.deepEqual(await figures(department, year), {
      amountPence: 100_000,
      committedPence: 0,
      spentPence: PRICE,
      remainingPence: 100_000 - PRICE,
    })
    const completed = await recordAttendance(booking.id, 'completed', after(session.startsAt))
    assert.equal(completed.type, 'marked')
    assert.include(await figures(department, year), { committedPence: 0, spentPence: PRICE })
  })

  test('a place not attended still spends its cost, as providers charge for it', async ({
    assert,
  }) => {
    const { department, learner } = await alpha()
    const { session, year } = await sessionAt()
    await setBudget(department, year, 100_000)
    const booking = await book(learner, session.id)
    const marked = await recordAttendance(booking.id, 'no_show', after(session.startsAt))
    assert.equal(marked.type, 'marked')
    assert.include(await figures(department, year), { committedPence: 0, spentPence: PRICE })
  })

  test('a request commits while it awaits approval; declining releases it, approving keeps it committed', async ({
    assert,
  }) => {
    const { department, manager, learner } = await alpha()
    const first = await sessionAt({ requiresApproval: true })
    const second = await sessionAt({ requiresApproval: true, startsAt: first.session.startsAt })
    await setBudget(department, first.year, 100_000)

    const declined = await book(learner, first.session.id)
    assert.equal(declined.status, 'requested')
    assert.include(await figures(department, first.year), { committedPence: PRICE })
    await decideRequest(manager, declined.id, { approve: false, reason: 'Not this year' })
    assert.include(await figures(department, first.year), { committedPence: 0, spentPence: 0 })

    const approved = await book(learner, second.session.id)
    assert.include(await figures(department, first.year), { committedPence: PRICE })
    const decision = await decideRequest(manager, approved.id, { approve: true })
    assert.equal(decision.type, 'approved')
    assert.include(await figures(department, first.year), { committedPence: PRICE, spentPence: 0 })
  })

  test('cancelling a booking releases its cost', async ({ assert }) => {
    const { department, learner } = await alpha()
    const { session, year } = await sessionAt()
    await setBudget(department, year, 100_000)
    const booking = await book(learner, session.id)
    const cancelled = await cancelEnrolment(learner, booking.id, { reason: 'Clashes with leave' })
    assert.equal(cancelled.type, 'cancelled')
    assert.deepEqual(await figures(department, year), {
      amountPence: 100_000,
      committedPence: 0,
      spentPence: 0,
      remainingPence: 100_000,
    })
  })

  test('a waiting-list place commits nothing until it is promoted to a seat', async ({
    assert,
  }) => {
    const { department, agency, learner } = await alpha()
    const first = await createUser({ organisation: agency })
    const { session, year } = await sessionAt({ capacity: 1 })
    await setBudget(department, year, 100_000)

    const seat = await book(first, session.id)
    const waiting = await book(learner, session.id)
    assert.equal(waiting.status, 'waitlisted')
    assert.include(await figures(department, year), { committedPence: PRICE })

    const cancelled = await cancelEnrolment(first, seat.id, { reason: 'Moved team' })
    assert.deepEqual(cancelled.type === 'cancelled' && cancelled.promoted, [waiting.id])
    await waiting.refresh()
    assert.equal(waiting.status, 'booked')
    assert.include(await figures(department, year), { committedPence: PRICE })
  })

  test('cancelling a session releases every booking on it', async ({ assert }) => {
    const { department, agency, learner } = await alpha()
    const other = await createUser({ organisation: agency })
    const admin = await createUser()
    const { session, year } = await sessionAt()
    await setBudget(department, year, 100_000)
    await book(learner, session.id)
    await book(other, session.id)
    assert.include(await figures(department, year), { committedPence: 2 * PRICE })
    const result = await cancelSession(admin, session.id, 'Trainer unwell')
    assert.equal(result.type, 'cancelled')
    assert.include(await figures(department, year), { committedPence: 0, spentPence: 0 })
  })

  test('a booking keeps the price it was made at when the course’s cost changes later', async ({
    assert,
  }) => {
    const { department, agency, learner } = await alpha()
    const { course, session, year } = await sessionAt()
    await setBudget(department, year, 100_000)
    const booking = await book(learner, session.id)
    assert.equal(booking.costPence, PRICE)

    await Course.query().where('id', course.id).update({ cost_pence: 40_000 })
    assert.include(await figures(department, year), { committedPence: PRICE })

    const later = await book(await createUser({ organisation: agency }), session.id)
    assert.equal(later.costPence, 40_000)
    assert.include(await figures(department, year), { committedPence: PRICE + 40_000 })
  })

  test('a self-paced course commits its cost when started and spends it when completed; withdrawing releases it', async ({
    assert,
  }) => {
    const { department, agency, learner } = await alpha()
    const course = await createCourse({ costPence: 3_000 })
    await Course.query().where('id', course.id).update({ delivery: 'self_paced' })
    const now = new Date()
    const year = financialYearOf(now)
    await setBudget(department, year, 100_000)

    const started = await startSelfPaced(learner, course.id, { now })
    assert.equal(started.type, 'started')
    const other = await startSelfPaced(await createUser({ organisation: agency }), course.id, {
      now,
    })
    assert.include(await figures(department, year), { committedPence: 6_000, spentPence: 0 })

    const run = await SelfPacedEnrolment.findOrFail(
      started.type === 'started' ? started.enrolment.id : 0
    )
    run.merge({ status: 'completed', activeCourseId: null, completedAt: DateTime.now() })
    await run.save()
    const withdrawn = await SelfPacedEnrolment.findOrFail(
      other.type === 'started' ? other.enrolment.id : 0
    )
    withdrawn.merge({ status: 'withdrawn', activeCourseId: null })
    await withdrawn.save()
    assert.include(await figures(department, year), { committedPence: 0, spentPence: 3_000 })
  })

  test('a session starting at 00:30 on 1 April, UK time, counts in the new financial year; one at 23:30 on 31 March in the old', async ({
    assert,
  }) => {
    const { department, agency, learner } = await alpha()
    const year = DateTime.now().year + 1
    // British Summer Time: 00:30 on 1 April is 23:30 UTC on 31 March.
    const newYear = DateTime.fromISO(`${year}-04-01T00:30`, { zone: 'Europe/London' })
    const oldYear = DateTime.fromISO(`${year}-03-31T23:30`, { zone: 'Europe/London' })
    const april = await sessionAt({ startsAt: newYear })
    const march = await sessionAt({ startsAt: oldYear })
    assert.equal(april.year, year)
    assert.equal(march.year, year - 1)
    await setBudget(department, year, 50_000)
    await setBudget(department, year - 1, 50_000)
    await book(learner, april.session.id)
    await book(await createUser({ organisation: agency }), march.session.id)
    await book(await createUser({ organisation: agency }), march.session.id)
    assert.include(await figures(department, year), { committedPence: PRICE })
    assert.include(await figures(department, year - 1), { committedPence: 2 * PRICE })
  })

  test('an agency with its own budget takes its people’s bookings off its department’s', async ({
    assert,
  }) => {
    const { department, agency, learner } = await alpha()
    const inDepartment = await createUser({ organisation: department })
    const { session, year } = await sessionAt()
    await setBudget(department, year, 100_000)
    await book(learner, session.id)
    await book(inDepartment, session.id)
    assert.include(await figures(department, year), { committedPence: 2 * PRICE })

    await setBudget(agency, year, 20_000)
    assert.include(await figures(department, year), { committedPence: PRICE })
    assert.deepEqual(await figures(agency, year), {
      amountPence: 20_000,
      committedPence: PRICE,
      spentPence: 0,
      remainingPence: 20_000 - PRICE,
    })
  })

  test('the overview lists the budgets of the tree with their figures, and the bookings no budget covers', async ({
    assert,
  }) => {
    const { department, agency, learner } = await alpha()
    const elsewhere = await OrganisationFactory.merge({ name: 'Department Beta' }).create()
    const { session, year } = await sessionAt()
    await setBudget(agency, year, 10_000)
    await book(learner, session.id)
    await book(await createUser({ organisation: department }), session.id)
    await book(await createUser({ organisation: elsewhere }), session.id)

    const overview = await budgetsOverview({ id: department.id, path: department.path }, year)
    assert.deepEqual(
      overview.budgets.map((budget) => [
        budget.organisationName,
        budget.committedPence,
        budget.remainingPence,
      ]),
      [['Alpha Agency', PRICE, 10_000 - PRICE]]
    )
    assert.deepEqual(overview.unbudgeted, { committedPence: PRICE, spentPence: 0 })
    const everywhere = await budgetsOverview(null, year)
    assert.deepEqual(everywhere.unbudgeted, { committedPence: 2 * PRICE, spentPence: 0 })
  })
})
