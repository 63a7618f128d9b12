import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import CourseAudience from '#models/course_audience'
import Enrolment from '#models/enrolment'
import LearningRecord from '#models/learning_record'
import Organisation from '#models/organisation'
import Service from '#models/service'
import type User from '#models/user'
import type Course from '#models/course'
import { OrganisationScope } from '#services/organisation_scope'
import {
  digitalLeaderCompliance,
  serviceManagerCompliance,
} from '#queries/workforce/compliance_query'

/* The Service Manager profile with two published mandatory courses and a draft one. */
async function serviceManagerTraining() {
  const { role } = await createRole({ role: 'Service Manager', levels: [] })
  const programme = await createCourse({ title: 'Service Manager programme' })
  const assessment = await createCourse({ title: 'Service assessments' })
  const draft = await createCourse({ title: 'Draft extra', status: 'draft' })
  for (const course of [programme, assessment, draft]) {
    await CourseAudience.create({ courseId: course.id, roleProfileId: role.id, kind: 'mandatory' })
  }
  return { programme, assessment }
}

async function completed(user: User, course: Course, source: 'enrolment' | 'declared') {
  await LearningRecord.create({
    userId: user.id,
    courseId: course.id,
    title: course.title,
    completedOn: DateTime.now().minus({ months: 1 }),
    source,
  })
}

async function booked(user: User, course: Course, status: 'booked' | 'waitlisted' | 'requested') {
  const session = await createSession({ course })
  await Enrolment.create({
    sessionId: session.id,
    userId: user.id,
    status,
    activeSessionId: session.id,
  })
}

async function departments() {
  const dft = await OrganisationFactory.merge({
    name: 'Department for Transport',
    isTransactional: true,
  }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const hmrc = await OrganisationFactory.merge({
    name: 'HM Revenue and Customs',
    type: 'non_ministerial_department',
    isTransactional: true,
  }).create()
  const dftHr = await createUser({ roles: ['department_hr', 'learner'], organisation: dft })
  const hmrcHr = await createUser({ roles: ['department_hr', 'learner'], organisation: hmrc })
  const admin = await createUser({ roles: ['capability_admin', 'learner'], organisation: dft })
  return { dft, dvla, hmrc, dftHr, hmrcHr, admin }
}

async function service(
  organisation: Organisation,
  name: string,
  transactions: number,
  manager?: User
) {
  return Service.create({
    organisationId: organisation.id,
    name,
    annualTransactions: transactions,
    phase: 'beta',
    isExemplar: false,
    serviceManagerId: manager?.id ?? null,
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
    const trainedManager = await createUser({ organisation: dvla })
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
    await Enrolment.create({
      sessionId: session.id,
      userId: cancelledManager.id,
      status: 'cancelled',
    })

    await service(dvla, 'Tax your vehicle', 40_000_000, trainedManager)
    await service(dvla, 'Declared only', 200_000, declaredManager)
    await service(dvla, 'Half trained', 150_000, halfManager)
    await service(dvla, 'Training on its way', 300_000, bookedManager)
    await service(dvla, 'Cancelled booking', 120_000, cancelledManager)
    await service(dvla, 'Nobody named', 500_000)
    await service(dvla, 'Small service', 100_000)

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

  test('a deactivated Service Manager counts as none named', async ({ assert }) => {
    const { programme, assessment } = await serviceManagerTraining()
    const { dvla, admin } = await departments()
    const leaver = await createUser({
      organisation: dvla,
      overrides: { deactivatedAt: DateTime.now() },
    })
    await completed(leaver, programme, 'enrolment')
    await completed(leaver, assessment, 'enrolment')
    await service(dvla, 'Left behind', 200_000, leaver)
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
    await service(dvla, 'Vehicle tax service', 500_000)
    await service(hmrc, 'Self Assessment service', 500_000)

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
      overrides: { deactivatedAt: DateTime.now() },
    })
    await Organisation.query().where('id', dft.id).update({ digitalLeaderId: leader.id })
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
    const response = await client
      .post(`/workforce/organisations/${dvla.id}/digital-leader`)
      .loginAs(dftHr)
      .withCsrfToken()
      .form({ email: elsewhere.email.toUpperCase() })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/workforce/compliance')
    response.assertFlashMessage(
      'success',
      `Hana Board is now the Digital Leader for ${dvla.name}. They work in another organisation`
    )
    await dvla.refresh()
    assert.equal(dvla.digitalLeaderId, elsewhere.id)

    const unknown = await client
      .post(`/workforce/organisations/${dvla.id}/digital-leader`)
      .loginAs(dftHr)
      .withCsrfToken()
      .form({ email: 'nobody@example.gov.uk' })
      .redirects(0)
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
})
