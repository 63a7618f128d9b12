import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import type { FakeMailer } from '@adonisjs/mail'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import CapabilityGap from '#models/capability_gap'
import type User from '#models/user'
import { serviceUrl } from '#mails/learning_mail'
import type { NoticeMail } from '#mails/notice_mail'
import { PlanApproved, PlanReturned, PlanSubmitted } from '#mails/plan_notices'
import GapOwnerAssigned from '#mails/gap_owner_assigned'
import { createRoleAssignment } from '#database/factories/capability_factory'
import { createCapabilityPlan, createPlanLine } from '#database/factories/workforce_factory'
import type { ApiClient } from '@japa/api-client'
import { submitWithDatesAs } from '#tests/support/date_input'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/*
 * DfT with its agency DVLA, HMRC; HR of each (and a deactivated HR of DfT),
 * two capability admins (one deactivated), a product manager role with two
 * people in post at DVLA, and DVLA's 2013–14 plan ready to send.
 */
async function setting() {
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
  } = await twoDepartments({ hrA: false })
  const hr = (organisation: typeof dft, fullName: string, extra: Partial<User> = {}) =>
    createUser({
      roles: ['department_hr', 'learner'],
      organisation,
      overrides: { fullName, ...extra },
    })
  const dftHr = await hr(dft, 'Dee Dft')
  const dvlaHr = await hr(dvla, 'Val Dvla')
  const hmrcHr = await hr(hmrc, 'Hal Hmrc')
  await hr(dft, 'Lee Left', { deactivatedAt: DateTime.now() })
  const admin = await createUser({
    roles: ['capability_admin', 'learner'],
    organisation: hmrc,
    overrides: { fullName: 'Ada Admin' },
  })
  const secondAdmin = await createUser({
    roles: ['capability_admin', 'learner'],
    organisation: hmrc,
    overrides: { fullName: 'Bo Admin' },
  })
  await createUser({
    roles: ['capability_admin'],
    overrides: { fullName: 'Cy Gone', deactivatedAt: DateTime.now() },
  })
  const product = await createRole({
    role: 'Product manager',
    levels: [{ name: 'Product manager', needs: {} }],
  })
  for (let i = 0; i < 2; i++) {
    const person = await createUser({ organisation: dvla })
    await createRoleAssignment(person, product.levels[0])
  }
  const plan = await createCapabilityPlan(dvla, 2013)
  await createPlanLine(plan, product.role, {
    postsNeeded: 5,
    inPostOverride: null,
    overrideReason: null,
    plannedToRecruit: 2,
    plannedToTrain: 1,
  })
  return { dft, dvla, hmrc, dftHr, dvlaHr, hmrcHr, admin, secondAdmin, plan, product }
}

function post(client: any, url: string, user: User, form: Record<string, unknown> = {}) {
  return submitAs(client, user).post(url, form)
}

/* Who each queued notice of this kind is to, by name, in order. */
function recipients<T extends NoticeMail>(fake: FakeMailer, type: new (...args: any[]) => T) {
  const queued = (fake.mails.queued() as NoticeMail[]).filter(
    (notice): notice is T => notice instanceof type
  )
  return {
    notices: queued,
    names: queued.map((notice) => notice.recipient().name).sort(),
  }
}

test.group('Notices: capability plans and gaps', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a sent plan e-mails every active capability admin, who decide on it', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dvlaHr, admin, plan } = await setting()
    const sent = await post(client, `/workforce/plans/${plan.id}/submit`, dvlaHr)
    sent.assertHeader('location', `/workforce/plans/${plan.id}`)

    const { notices, names } = recipients(fake, PlanSubmitted)
    assert.deepEqual(names, ['Ada Admin', 'Bo Admin'])
    assert.lengthOf(fake.mails.queued(), 2, 'nobody else is told')
    const notice = notices.find((sentMail) => sentMail.recipient().name === 'Ada Admin')!
    notice.message.assertTo(admin.email, 'Ada Admin')
    notice.message.assertSubject(
      'Capability plan to approve: Driver and Vehicle Licensing Agency, 2013–14'
    )
    notice.message.assertTextIncludes(
      'Val Dvla sent Driver and Vehicle Licensing Agency’s capability plan for 2013–14 for approval.'
    )
    notice.message.assertTextIncludes('Posts needed: 5\nIn post: 2\nVacancies: 3')
    notice.message.assertTextIncludes(
      `Check the plan and decide:\n${serviceUrl(`/workforce/plans/${plan.id}/check`)}`
    )
    notice.message.assertHtmlIncludes(`href="${serviceUrl(`/workforce/plans/${plan.id}/check`)}"`)

    // A plan that cannot be sent tells no one.
    fake.mails.clear()
    await post(client, `/workforce/plans/${plan.id}/submit`, dvlaHr)
    assert.lengthOf(fake.mails.queued(), 0)
  })

  test('a returned plan e-mails HR of its organisation and those above it, with the comment', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dvlaHr, admin, plan } = await setting()
    await post(client, `/workforce/plans/${plan.id}/submit`, dvlaHr)
    fake.mails.clear()
    await post(client, `/workforce/plans/${plan.id}/return`, admin, {
      comment: 'Say how the three vacancies will be filled.',
    })
    const { notices, names } = recipients(fake, PlanReturned)
    assert.deepEqual(names, ['Dee Dft', 'Val Dvla'], 'not HMRC’s HR, not a leaver')
    assert.lengthOf(fake.mails.queued(), 2)
    const notice = notices.find((sentMail) => sentMail.recipient().name === 'Val Dvla')!
    notice.message.assertTo(dvlaHr.email, 'Val Dvla')
    notice.message.assertSubject(
      'Capability plan returned: Driver and Vehicle Licensing Agency, 2013–14'
    )
    notice.message.assertTextIncludes(
      'What needs to change:\nSay how the three vacancies will be filled.'
    )
    notice.message.assertTextIncludes('Ada Admin, for the capability team, returned')
    notice.message.assertTextIncludes(
      `Open the plan:\n${serviceUrl(`/workforce/plans/${plan.id}`)}`
    )
  })

  test('an approved plan e-mails HR of its organisation and those above it', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dvlaHr, admin, plan } = await setting()
    await post(client, `/workforce/plans/${plan.id}/submit`, dvlaHr)
    fake.mails.clear()
    await post(client, `/workforce/plans/${plan.id}/approve`, admin)
    const { notices, names } = recipients(fake, PlanApproved)
    assert.deepEqual(names, ['Dee Dft', 'Val Dvla'])
    assert.lengthOf(fake.mails.queued(), 2)
    notices[0].message.assertSubject(
      'Capability plan approved: Driver and Vehicle Licensing Agency, 2013–14'
    )
    notices[0].message.assertTextIncludes('Ada Admin, for the capability team, approved')
    notices[0].message.assertTextIncludes('Role profiles: 1\nPosts needed: 5\nIn post: 2')
  })

  test('a gap’s new owner is e-mailed; an unchanged owner, or HR naming themselves, is not', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dvla, dftHr, product } = await setting()
    const owner = await createUser({
      organisation: dvla,
      overrides: { fullName: 'Olu Owner', email: 'olu.owner@dvla.example.gov.uk' },
    })
    const fields = {
      organisationId: String(dvla.id),
      kind: 'headcount',
      roleProfileId: String(product.role.id),
      title: 'Short of product managers',
      description: 'Two leave in the spring.',
      severity: 'high',
      mitigation: 'recruit',
      dueOn: '2031-09-30',
      status: 'open',
      ownerEmail: owner.email,
    }
    const saved = await post(client, '/workforce/gaps', dftHr, fields)
    saved.assertHeader('location', '/workforce/gaps')
    const gap = await CapabilityGap.query().where('organisation_id', dvla.id).firstOrFail()

    const { notices } = recipients(fake, GapOwnerAssigned)
    assert.lengthOf(fake.mails.queued(), 1)
    const notice = notices[0]
    notice.message.assertTo(owner.email, 'Olu Owner')
    notice.message.assertSubject('You own a capability gap: Short of product managers')
    notice.message.assertTextIncludes(
      `Dee Dft made you the owner of a gap in Driver and Vehicle Licensing Agency’s capability gap register.`
    )
    notice.message.assertTextIncludes(
      'As its owner, you see that it is closed by 30 September 2031.'
    )
    notice.message.assertTextIncludes('About: Role profile: Product manager')
    notice.message.assertTextIncludes('Severity: High')
    notice.message.assertTextIncludes('How it will be closed: Recruit')
    notice.message.assertTextIncludes('Description:\nTwo leave in the spring.')
    // Not HR: no link to a register they cannot open.
    notice.message.assertTextIncludes('Ask Dee Dft about it: the gap register is open to HR only.')
    assert.notInclude(notice.message.toObject().message.text as string, '/workforce/gaps')

    // Saving it again with the same owner tells no one.
    fake.mails.clear()
    await submitAs(client, dftHr).put(`/workforce/gaps/${gap.id}`, {
      ...fields,
      severity: 'critical',
    })
    assert.lengthOf(fake.mails.queued(), 0)

    // HR who make themselves owner need no e-mail.
    await submitAs(client, dftHr).put(`/workforce/gaps/${gap.id}`, {
      ...fields,
      ownerEmail: dftHr.email,
    })
    await gap.refresh()
    assert.equal(gap.ownerId, dftHr.id)
    assert.lengthOf(fake.mails.queued(), 0)

    // Handing it to DVLA's HR: they can open it.
    const dvlaHr = await createUser({
      roles: ['department_hr'],
      organisation: dvla,
      overrides: { fullName: 'Vic Hr' },
    })
    await submitAs(client, dftHr).put(`/workforce/gaps/${gap.id}`, {
      ...fields,
      ownerEmail: dvlaHr.email,
    })
    const handed = recipients(fake, GapOwnerAssigned).notices
    assert.lengthOf(handed, 1)
    handed[0].message.assertTo(dvlaHr.email, 'Vic Hr')
    handed[0].message.assertTextIncludes(
      `Open the gap:\n${serviceUrl(`/workforce/gaps/${gap.id}/edit`)}`
    )
  })
})
