import { test } from '@japa/runner'
import { createSelfPacedEnrolment } from '#database/factories/self_paced_factory'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import {
  createAudience,
  createCompletion,
  createCourse,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import Organisation from '#models/organisation'
import type User from '#models/user'
import type Course from '#models/course'
import AuditEvent from '#models/audit_event'
import { OrganisationScope } from '#services/organisation_scope'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import workforceConfig from '#config/workforce'
import {
  digitalLeaderCompliance,
  serviceManagerCompliance,
  servicesWithWarnings,
} from '#queries/workforce/compliance_query'
import {
  compliantDigitalLeader,
  completeCourse,
  digitalLeaderTraining,
  holdRole,
} from '#tests/support/digital_leaders'
import { createRoleAssignment } from '#database/factories/capability_factory'
import { managedService } from '#tests/support/services'
import { submitAs } from '#tests/support/forms'

/* The Service Manager profile with two published mandatory courses and a draft one. */
async function serviceManagerTraining() {
  const { role } = await createRole({ role: 'Service Manager', levels: [] })
  const programme = await createCourse({ title: 'Service Manager programme' })
  const assessment = await createCourse({ title: 'Service assessments' })
  const draft = await createCourse({ title: 'Draft extra', status: 'draft' })
  for (const course of [programme, assessment, draft]) {
    await createAudience(course, role, 'mandatory')
  }
  return { programme, assessment }
}

async function completed(
  user: User,
  course: Course,
  source: 'enrolment' | 'self_paced' | 'declared'
) {
  await createCompletion(user, course, { source })
}

async function booked(user: User, course: Course, status: 'booked' | 'waitlisted' | 'requested') {
  const session = await createSession({ course })
  await createEnrolment(session, user, { status, activeSessionId: session.id })
}

/* DfT and HMRC, both transactional, with DVLA below DfT, each with its HR, and an admin. */
function departments() {
  return transportAndRevenue({
    departmentA: { isTransactional: true },
    departmentB: { type: 'non_ministerial_department', isTransactional: true },
    admin: {},
  })
}

test.group('Strategy action 02: Service Managers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each failing service gets its reason and only completed mandatory courses count', async ({
    assert,
    client,
  }) => {
    const { programme, assessment } = await serviceManagerTraining()
    const { dvla, admin } = await departments()
    // Grade 6: a Service Manager of a service this large below it would be warned about.
    const trainedManager = await createUser({ organisation: dvla, overrides: { grade: 'G6' } })
    await completed(trainedManager, programme, 'enrolment')
    await completed(trainedManager, assessment, 'enrolment')
    const declaredManager = await createUser({ organisation: dvla })
    await completed(declaredManager, programme, 'declared')
    await completed(declaredManager, assessment, 'declared')
    const halfManager = await createUser({ organisation: dvla })
    await completed(halfManager, programme, 'enrolment')
    const bookedManager = await createUser({ organisation: dvla })
    await completed(bookedManager, programme, 'enrolment')
    await booked(bookedManager, assessment, 'waitlisted')
    const cancelledManager = await createUser({ organisation: dvla })
    const session = await createSession({ course: programme })
    await createEnrolment(session, cancelledManager, { status: 'cancelled' })

    await managedService(dvla, 'Tax your vehicle', 40_000_000, trainedManager)
    await managedService(dvla, 'Declared only', 200_000, declaredManager)
    await managedService(dvla, 'Half trained', 150_000, halfManager)
    await managedService(dvla, 'Training on its way', 300_000, bookedManager)
    await managedService(dvla, 'Cancelled booking', 120_000, cancelledManager)
    await managedService(dvla, 'Nobody named', 500_000)
    await managedService(dvla, 'Small service', 100_000)

    const scope = await OrganisationScope.forUser(admin)
    const result = await serviceManagerCompliance(scope)
    assert.equal(result.total, 6)
    assert.equal(result.passing, 1)
    assert.deepEqual(Object.fromEntries(result.failing.map((row) => [row.name, row.reason])), {
      'Cancelled booking': 'not_trained',
      'Declared only': 'not_trained',
      'Half trained': 'not_trained',
      'Nobody named': 'none_named',
      'Training on its way': 'training_booked',
    })

    const response = await client.get('/workforce/compliance').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('Strategy actions 01 and 02')
    response.assertTextIncludes('Service Manager training booked')
    response.assertTextIncludes('No Service Manager named')
    response.assertTextIncludes('Service Manager not trained')
    assert.notInclude(response.text(), 'Tax your vehicle')
    assert.notInclude(response.text(), 'Small service')
  })

  test('a mandatory course completed self-paced counts as trained, and one under way as training booked', async ({
    assert,
  }) => {
    const { programme, assessment } = await serviceManagerTraining()
    const { dvla, admin } = await departments()
    const online = await createUser({ organisation: dvla })
    await completed(online, programme, 'enrolment')
    await completed(online, assessment, 'self_paced')
    const started = await createUser({ organisation: dvla })
    await completed(started, programme, 'enrolment')
    await createSelfPacedEnrolment(started, assessment)
    const withdrawn = await createUser({ organisation: dvla })
    await completed(withdrawn, programme, 'enrolment')
    await createSelfPacedEnrolment(withdrawn, assessment, { status: 'withdrawn' })
    await managedService(dvla, 'Trained online', 200_000, online)
    await managedService(dvla, 'Started online', 200_000, started)
    await managedService(dvla, 'Gave up online', 200_000, withdrawn)

    const result = await serviceManagerCompliance(await OrganisationScope.forUser(admin))
    assert.equal(result.passing, 1)
    assert.deepEqual(Object.fromEntries(result.failing.map((row) => [row.name, row.reason])), {
      'Gave up online': 'not_trained',
      'Started online': 'training_booked',
    })
  })

  test('a deactivated Service Manager counts as none named', async ({ assert }) => {
    const { programme, assessment } = await serviceManagerTraining()
    const { dvla, admin } = await departments()
    const leaver = await createUser({
      organisation: dvla,
      overrides: { deactivatedAt: DateTime.now() },
    })
    await completed(leaver, programme, 'enrolment')
    await completed(leaver, assessment, 'enrolment')
    await managedService(dvla, 'Left behind', 200_000, leaver)
    const result = await serviceManagerCompliance(await OrganisationScope.forUser(admin))
    assert.deepEqual(
      result.failing.map((row) => row.reason),
      ['none_named']
    )
  })

  test('department HR see only their own tree and learners are refused', async ({
    assert,
    client,
  }) => {
    await serviceManagerTraining()
    const { dvla, hmrc, dftHr, hmrcHr } = await departments()
    await managedService(dvla, 'Vehicle tax service', 500_000)
    await managedService(hmrc, 'Self Assessment service', 500_000)

    const dftPage = await client.get('/workforce/compliance').loginAs(dftHr)
    dftPage.assertStatus(200)
    dftPage.assertTextIncludes('Vehicle tax service')
    assert.notInclude(dftPage.text(), 'Self Assessment service')

    const hmrcPage = await client.get('/workforce/compliance').loginAs(hmrcHr)
    hmrcPage.assertTextIncludes('Self Assessment service')
    assert.notInclude(hmrcPage.text(), 'Vehicle tax service')

    const learner = await createUser({ organisation: dvla })
    const refused = await client.get('/workforce/compliance').loginAs(learner)
    refused.assertStatus(403)
  })
})

test.group('Strategy action 01: Digital Leaders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('departments and transactional agencies without an active Digital Leader are listed', async ({
    assert,
    client,
  }) => {
    const { dft, dvla, hmrc, admin } = await departments()
    const cabinet = await OrganisationFactory.merge({ name: 'Cabinet Office Test' }).create()
    const quiet = await createChildOrganisation(cabinet, { name: 'Quiet Agency' })
    const selfTransactional = await createChildOrganisation(cabinet, {
      name: 'Busy Agency',
      isTransactional: true,
    })
    const directorate = await createChildOrganisation(dft, {
      name: 'Roads Directorate',
      type: 'directorate',
    })
    const leader = await createUser({ organisation: dft })
    const leaver = await createUser({
      organisation: hmrc,
      overrides: { fullName: 'Lena Leaver', deactivatedAt: DateTime.now() },
    })
    await compliantDigitalLeader(dft, leader)
    await Organisation.query().where('id', hmrc.id).update({ digitalLeaderId: leaver.id })

    const result = await digitalLeaderCompliance(await OrganisationScope.forUser(admin))
    const byName = new Map(result.organisations.map((row) => [row.organisation.name, row]))
    assert.isTrue(byName.get(dft.name)!.compliant)
    assert.isFalse(byName.get(hmrc.name)!.compliant)
    assert.isFalse(byName.get(dvla.name)!.compliant)
    assert.isFalse(byName.get(cabinet.name)!.compliant)
    assert.isFalse(byName.get(selfTransactional.name)!.compliant)
    assert.isFalse(byName.has(quiet.name))
    assert.isFalse(byName.has(directorate.name))

    const response = await client.get('/workforce/compliance').loginAs(admin)
    response.assertTextIncludes(`Digital Leader ${leaver.fullName} is deactivated`)
    response.assertTextIncludes(dvla.name)
    assert.notInclude(response.text(), quiet.name)
  })

  test('department HR name a Digital Leader by email, from anywhere in government', async ({
    assert,
    client,
  }) => {
    const { dvla, hmrc, dftHr } = await departments()
    const elsewhere = await createUser({
      organisation: hmrc,
      overrides: { fullName: 'Hana Board' },
    })
    const response = await submitAs(client, dftHr).post(
      `/workforce/organisations/${dvla.id}/digital-leader`,
      { email: elsewhere.email.toUpperCase(), onBoard: 'yes' }
    )
    response.assertStatus(302)
    response.assertHeader('location', '/workforce/compliance')
    response.assertFlashMessage(
      'success',
      `Hana Board is now the Digital Leader for ${dvla.name}. They work in another organisation`
    )
    await dvla.refresh()
    assert.equal(dvla.digitalLeaderId, elsewhere.id)
    assert.isTrue(dvla.digitalLeaderOnBoard)

    const unknown = await submitAs(client, dftHr).post(
      `/workforce/organisations/${dvla.id}/digital-leader`,
      { email: 'nobody@example.gov.uk', onBoard: 'yes' }
    )
    unknown.assertFlashMessage('inputErrorsBag', {
      email: ['There is no active person with this email address: check it, or add them first'],
    })

    const outside = await client
      .get(`/workforce/organisations/${hmrc.id}/digital-leader`)
      .loginAs(dftHr)
    outside.assertStatus(404)
    const outsidePost = await client
      .post(`/workforce/organisations/${hmrc.id}/digital-leader`)
      .loginAs(dftHr)
      .withCsrfToken()
      .form({ email: elsewhere.email })
    outsidePost.assertStatus(404)

    const learner = await createUser({ organisation: dvla })
    const refused = await client
      .get(`/workforce/organisations/${dvla.id}/digital-leader`)
      .loginAs(learner)
    refused.assertStatus(403)
  })

  test('each organisation gets the first action 01 state that applies; only a compliant one passes', async ({
    assert,
    client,
  }) => {
    const { level, course } = await digitalLeaderTraining()
    const { admin } = await departments()
    const named = async (
      name: string,
      grade: 'HEO' | 'G6' | 'SCS1' | 'SCS2' | 'SCS3' | 'SCS4',
      facts: { onBoard?: boolean; role?: boolean; trained?: boolean; active?: boolean } = {}
    ) => {
      const organisation = await OrganisationFactory.merge({ name }).create()
      const person = await createUser({
        organisation,
        overrides: {
          grade,
          fullName: `${name} Leader`,
          deactivatedAt: facts.active === false ? DateTime.now() : null,
        },
      })
      if (facts.role) await holdRole(person, level.id)
      if (facts.trained) await completeCourse(person, course)
      await Organisation.query()
        .where('id', organisation.id)
        .update({ digitalLeaderId: person.id, digitalLeaderOnBoard: facts.onBoard ?? false })
      return person
    }
    const all = { onBoard: true, role: true, trained: true }
    await OrganisationFactory.merge({ name: 'A Nobody named' }).create()
    await named('B Left', 'SCS2', { ...all, active: false })
    await named('C Fast Stream HEO', 'HEO', all)
    await named('D Grade 6', 'G6', all)
    await named('E Off the board', 'SCS1', { ...all, onBoard: false })
    const noRole = await named('F No role', 'SCS2', { ...all, role: false })
    // Aiming for the role is not holding it.
    await createRoleAssignment(noRole, level, { kind: 'target', status: 'proposed' })
    const declared = await named('G Declared only', 'SCS3', { ...all, trained: false })
    await completed(declared, course, 'declared')
    const cancelled = await named('H Cancelled booking', 'SCS1', { ...all, trained: false })
    const session = await createSession({ course })
    await createEnrolment(session, cancelled, { status: 'cancelled' })
    const booker = await named('I Booked', 'SCS1', { ...all, trained: false })
    await booked(booker, course, 'waitlisted')
    await named('J Compliant', 'SCS4', all)
    const online = await named('K Trained online', 'SCS2', { ...all, trained: false })
    await completed(online, course, 'self_paced')
    const startedOnline = await named('L Started online', 'SCS2', { ...all, trained: false })
    await createSelfPacedEnrolment(startedOnline, course)

    const result = await digitalLeaderCompliance(await OrganisationScope.forUser(admin))
    const states = Object.fromEntries(
      result.organisations
        .filter((row) => /^[A-L] /.test(row.organisation.name))
        .map((row) => [row.organisation.name, [row.state, row.compliant]])
    )
    assert.deepEqual(states, {
      'A Nobody named': ['none_named', false],
      'B Left': ['none_named', false],
      'C Fast Stream HEO': ['not_scs', false],
      'D Grade 6': ['not_scs', false],
      'E Off the board': ['not_on_board', false],
      'F No role': ['not_in_role', false],
      'G Declared only': ['not_trained', false],
      'H Cancelled booking': ['not_trained', false],
      'I Booked': ['training_booked', false],
      'J Compliant': ['compliant', true],
      'K Trained online': ['compliant', true],
      'L Started online': ['training_booked', false],
    })

    const page = await client.get('/workforce/compliance').loginAs(admin)
    page.assertStatus(200)
    for (const reason of [
      'Digital Leader B Left Leader is deactivated',
      'Digital Leader is not in the Senior Civil Service',
      'Digital Leader does not sit on the board',
      'Digital Leader does not hold the Digital Leader role',
      'Digital Leader has not completed the Digital Leaders’ course',
      'Digital Leaders’ course booked',
    ]) {
      page.assertTextIncludes(reason)
    }
    page.assertTextIncludes('C Fast Stream HEO Leader')
    assert.notInclude(page.text(), 'J Compliant')

    const csv = await client.get('/workforce/compliance/digital-leaders.csv').loginAs(admin)
    csv.assertStatus(200)
    const lines = csv
      .text()
      .trim()
      .split('\n')
      .filter((line) => /^[CJ] /.test(line))
      .map((line) => line.split(','))
      .map((cells) => [cells[0], cells[4], cells[5]])
    assert.deepEqual(lines, [
      ['C Fast Stream HEO', 'no', 'Digital Leader is not in the Senior Civil Service'],
      ['J Compliant', 'yes', ''],
    ])
  })

  test('HR confirm whether the Digital Leader sits on the board; it is kept, audited and cleared with them', async ({
    assert,
    client,
  }) => {
    const { dvla, dftHr } = await departments()
    const leader = await createUser({ organisation: dvla, overrides: { grade: 'SCS2' } })
    const url = `/workforce/organisations/${dvla.id}/digital-leader`

    const form = await client.get(url).loginAs(dftHr)
    form.assertStatus(200)
    form.assertTextIncludes(`Does this person sit on the board of ${dvla.name}?`)

    const unanswered = await submitAs(client, dftHr).post(url, { email: leader.email })
    unanswered.assertFlashMessage('inputErrorsBag', {
      onBoard: ['Select whether the Digital Leader sits on the board'],
    })
    await dvla.refresh()
    assert.isNull(dvla.digitalLeaderId)

    const notOnBoard = await submitAs(client, dftHr).post(url, {
      email: leader.email,
      onBoard: 'no',
    })
    notOnBoard.assertStatus(302)
    await dvla.refresh()
    assert.equal(dvla.digitalLeaderId, leader.id)
    assert.isFalse(dvla.digitalLeaderOnBoard)
    const offBoard = await digitalLeaderCompliance(await OrganisationScope.forUser(dftHr))
    assert.equal(
      offBoard.organisations.find((row) => row.organisation.id === dvla.id)!.state,
      'not_on_board'
    )

    await submitAs(client, dftHr).post(url, { email: leader.email, onBoard: 'yes' })
    await dvla.refresh()
    assert.isTrue(dvla.digitalLeaderOnBoard)
    const confirmed = await AuditEvent.query()
      .where('subject_type', 'organisation')
      .where('subject_id', String(dvla.id))
      .where('actor_id', dftHr.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.deepEqual(JSON.parse(String(confirmed.after)), { digitalLeaderOnBoard: true })
    assert.deepEqual(JSON.parse(String(confirmed.before)), { digitalLeaderOnBoard: false })
    const shown = await client.get(url).loginAs(dftHr)
    shown.assertTextIncludes('Senior Civil Service 2 (Director), on the board')

    await submitAs(client, dftHr).post(url, { email: '' })
    await dvla.refresh()
    assert.isNull(dvla.digitalLeaderId)
    assert.isFalse(dvla.digitalLeaderOnBoard, 'the confirmation goes with the person')
  })
})

test.group('Strategy action 02: Service Manager warnings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a service of over 1 million transactions a year is warned about when its Service Manager is below Grade 6', async ({
    assert,
    client,
  }) => {
    await serviceManagerTraining()
    const { dvla, dftHr } = await departments()
    const person = (grade: 'HEO' | 'G7' | 'G6' | 'SCS1' | null, fullName: string) =>
      createUser({ organisation: dvla, overrides: { grade, fullName } })
    await managedService(dvla, 'Huge G7', 1_500_000, await person('G7', 'Gita Seven'))
    await managedService(dvla, 'Huge unknown grade', 2_000_000, await person(null, 'Una Known'))
    await managedService(dvla, 'Huge G6', 40_000_000, await person('G6', 'Gus Six'))
    await managedService(dvla, 'Huge SCS', 3_000_000, await person('SCS1', 'Sam Senior'))
    await managedService(dvla, 'Exactly a million', 1_000_000, await person('HEO', 'Hal Heo'))
    await managedService(dvla, 'Large nobody', 5_000_000)

    const page = await client.get('/workforce/compliance').loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('Service Managers to look at')
    const warned = page
      .text()
      .match(
        /<caption id="warnings-table-caption" class="sr-only">Services whose Service Manager is warned about<\/caption>[\s\S]*?<\/table>/
      )
    assert.isNotNull(warned)
    const table = warned![0]
    assert.include(
      table,
      'Service Manager is G7: a service of over 1 million transactions a year needs G6 or above'
    )
    assert.include(
      table,
      'Service Manager’s grade is not recorded: a service of over 1 million transactions a year needs G6 or above'
    )
    for (const quiet of ['Huge G6', 'Huge SCS', 'Exactly a million', 'Large nobody']) {
      assert.notInclude(table, quiet)
    }

    const register = await client.get('/workforce/services').loginAs(dftHr)
    register.assertStatus(200)
    register.assertTextIncludes(
      'Warning: Service Manager is G7: a service of over 1 million transactions a year needs G6 or above'
    )
    assert.equal(register.text().split('Warning: ').length - 1, 2)

    // The minimum grade is configurable: at SCS1, Grade 6 is warned about too.
    const policy = workforceConfig.serviceManagers
    const before = policy.minimumGrade
    policy.minimumGrade = 'SCS1'
    try {
      const stricter = await servicesWithWarnings(await OrganisationScope.forUser(dftHr))
      assert.sameMembers(
        stricter.map((row) => row.name),
        ['Huge G7', 'Huge unknown grade', 'Huge G6']
      )
    } finally {
      policy.minimumGrade = before
    }
  })

  test('one person named Service Manager of services in two departments, or of more than three services, is warned about', async ({
    assert,
    client,
  }) => {
    await serviceManagerTraining()
    const { dft, dvla, hmrc, admin, dftHr } = await departments()
    const both = await createUser({ organisation: dvla, overrides: { fullName: 'Bo Twoplaces' } })
    await managedService(dvla, 'Vehicle service', 50_000, both)
    await managedService(hmrc, 'Tax service', 60_000, both)
    const busy = await createUser({ organisation: dft, overrides: { fullName: 'Bea Busy' } })
    for (const name of ['Busy one', 'Busy two', 'Busy three', 'Busy four']) {
      await managedService(name === 'Busy one' ? dft : dvla, name, 10_000, busy)
    }
    const fine = await createUser({ organisation: dft, overrides: { fullName: 'Fi Three' } })
    for (const name of ['Fine one', 'Fine two', 'Fine three'])
      await managedService(dft, name, 10_000, fine)

    const rows = await servicesWithWarnings(await OrganisationScope.forUser(admin))
    assert.deepEqual(
      rows.map((row) => [row.name, row.warnings.map((warning) => warning.message)]),
      [
        ['Busy one', ['Service Manager of 4 services: no one should be named for more than 3']],
        ['Busy four', ['Service Manager of 4 services: no one should be named for more than 3']],
        ['Busy three', ['Service Manager of 4 services: no one should be named for more than 3']],
        ['Busy two', ['Service Manager of 4 services: no one should be named for more than 3']],
        ['Vehicle service', ['Service Manager of services in 2 departments']],
        ['Tax service', ['Service Manager of services in 2 departments']],
      ]
    )

    // HR see the warning on their own services only, while it counts every department.
    const mine = await servicesWithWarnings(await OrganisationScope.forUser(dftHr))
    assert.notInclude(
      mine.map((row) => row.name),
      'Tax service'
    )
    assert.include(
      mine.map((row) => row.name),
      'Vehicle service'
    )
    const page = await client.get('/workforce/compliance').loginAs(dftHr)
    page.assertTextIncludes('Service Manager of services in 2 departments')
    page.assertTextIncludes('Service Manager of 4 services: no one should be named for more than 3')
    assert.notInclude(page.text(), 'Fine one')
    assert.notInclude(page.text(), 'Tax service')
  })
})
