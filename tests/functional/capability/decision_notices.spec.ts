import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import type { FakeMailer } from '@adonisjs/mail'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { managerAndReport } from '#tests/support/fixtures/line_management'
import { createRole, createSkill } from '#database/factories/framework_factory'
import type SkillClaim from '#models/skill_claim'
import type User from '#models/user'
import { serviceUrl } from '#mails/learning_mail'
import type { NoticeMail } from '#mails/notice_mail'
import SkillClaimDecided from '#mails/skill_claim_decided'
import AssessmentValidated from '#mails/assessment_validated'
import RoleLevelConfirmed from '#mails/role_level_confirmed'
import { decodeEntities } from '#tests/support/html'
import { createDeclaredLearning } from '#database/factories/learning_factory'
import { createAssessment, createSkillClaim } from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'
import { proposedRoleLevel } from '#tests/support/role_levels'

/* Mo Manager, and Rita Report who reports to him. */
const MO_AND_RITA = { manager: { fullName: 'Mo Manager' }, report: { fullName: 'Rita Report' } }

/* A pending claim to a skill level, from a completed course. */
async function claimFrom(person: User, skillName: string, level: number) {
  const skill = await createSkill(skillName)
  const record = await createDeclaredLearning(
    person,
    'Service design in practice',
    DateTime.now().minus({ days: 3 }),
    { courseId: null }
  )
  return createSkillClaim(person, skill, level, { learningRecordId: record.id })
}

function decide(client: any, manager: User, claim: SkillClaim, form: Record<string, string>) {
  return submitAs(client, manager).post(`/capability/validations/claims/${claim.id}`, form)
}

/* The one notice queued, of this kind, to this person. */
function onlyNotice<T extends NoticeMail>(
  fake: FakeMailer,
  type: new (...args: any[]) => T,
  person: User
): T {
  const queued = fake.mails.queued() as NoticeMail[]
  if (queued.length !== 1) throw new Error(`Expected one e-mail, found ${queued.length}`)
  const [notice] = queued
  if (!(notice instanceof type)) throw new Error(`Expected ${type.name}, found ${notice}`)
  notice.message.assertTo(person.email, person.fullName)
  return notice
}

test.group('Notices: a line manager’s decisions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a rejected claim e-mails the learner the reason, and their learning record shows it', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { manager, report: person } = await managerAndReport(MO_AND_RITA)
    const claim = await claimFrom(person, 'Service design', 3)
    const response = await decide(client, manager, claim, {
      decision: 'reject',
      level: '2',
      comment: 'You led one discovery; practitioner needs several. Let us pair on the next.',
    })
    response.assertHeader('location', '/capability/validations')

    const notice = onlyNotice(fake, SkillClaimDecided, person)
    notice.message.assertSubject('Skill claim not accepted: Service design')
    notice.message.assertTextIncludes(
      'Mo Manager, your line manager, did not accept your claim to Level 3 (Practitioner) in Service design. They recorded your level as Level 2 (Working).'
    )
    notice.message.assertTextIncludes(
      'Reason given:\nYou led one discovery; practitioner needs several. Let us pair on the next.'
    )
    notice.message.assertTextIncludes('From: Service design in practice')
    notice.message.assertTextIncludes(
      `See your skill claims in your learning record:\n${serviceUrl('/learning/record')}`
    )
    notice.message.assertHtmlIncludes('<h2>Reason given</h2>')
    notice.message.assertHtmlIncludes(`href="${serviceUrl('/learning/record')}"`)

    const page = await client.get('/learning/record').loginAs(person)
    page.assertStatus(200)
    const text = decodeEntities(page.text())
    assert.include(text, 'Your line manager’s decisions on your skill claims')
    assert.include(
      text,
      'Reason: You led one discovery; practitioner needs several. Let us pair on the next.'
    )
    assert.include(text, 'Not accepted')
    assert.include(text, 'by Mo Manager')
    assert.include(text, 'Working (2)')

    // No one else sees it: the manager's own record has no such decision.
    const managers = await client.get('/learning/record').loginAs(manager)
    assert.notInclude(managers.text(), 'Let us pair on the next')
  })

  test('an agreed claim and a claim set at another level are e-mailed with the manager’s comment', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { manager, report: person } = await managerAndReport(MO_AND_RITA)
    const agreed = await claimFrom(person, 'User research', 2)
    await decide(client, manager, agreed, { decision: 'agree', comment: 'Good work' })
    const confirmed = onlyNotice(fake, SkillClaimDecided, person)
    confirmed.message.assertSubject('Skill claim confirmed: User research at Level 2 (Working)')
    confirmed.message.assertTextIncludes('Your line manager’s comment:\nGood work')
    fake.mails.clear()

    const other = await claimFrom(person, 'Content design', 2)
    await decide(client, manager, other, {
      decision: 'other',
      level: '3',
      comment: 'More than that',
    })
    const changed = onlyNotice(fake, SkillClaimDecided, person)
    changed.message.assertSubject('Skill claim confirmed at another level: Content design')
    changed.message.assertTextIncludes(
      'confirmed your level in Content design as Level 3 (Practitioner), not the Level 2 (Working) you claimed.'
    )
    changed.message.assertTextIncludes('Your line manager’s comment:\nMore than that')

    const page = await client.get('/learning/record').loginAs(person)
    const text = decodeEntities(page.text())
    assert.include(text, 'Confirmed at another level')
    assert.include(text, 'More than that')
  })

  test('a validated self-assessment is e-mailed, agreed or changed, with the manager’s comment', async ({
    client,
  }) => {
    const fake = mail.fake()
    const { manager, report: person } = await managerAndReport(MO_AND_RITA)
    const skill = await createSkill('Agile working')
    const own = await createAssessment(person, skill, 3, { assessedBy: person.id })
    await submitAs(client, manager).post(`/capability/validations/assessments/${own.id}`, {
      decision: 'other',
      level: '2',
      comment: 'Not yet leading ceremonies',
    })
    const notice = onlyNotice(fake, AssessmentValidated, person)
    notice.message.assertSubject('Self-assessment changed: Agile working')
    notice.message.assertTextIncludes(
      'Mo Manager, your line manager, set your level in Agile working at Level 2 (Working) rather than the Level 3 (Practitioner) you gave yourself.'
    )
    notice.message.assertTextIncludes('Your line manager’s comment:\nNot yet leading ceremonies')
    notice.message.assertTextIncludes(serviceUrl('/capability/gaps'))
    fake.mails.clear()

    const again = await createAssessment(person, skill, 2, { assessedBy: person.id })
    await submitAs(client, manager).post(`/capability/validations/assessments/${again.id}`, {
      decision: 'agree',
    })
    const agreed = onlyNotice(fake, AssessmentValidated, person)
    agreed.message.assertSubject('Self-assessment confirmed: Agile working')
    agreed.message.assertTextIncludes('agreed with your level in Agile working: Level 2 (Working).')
  })

  test('a confirmed role level is e-mailed to the person', async ({ client }) => {
    const fake = mail.fake()
    const { role, levels } = await createRole({
      role: 'Delivery manager',
      levels: [{ name: 'Associate delivery manager', needs: {} }],
    })
    const { manager, report: person } = await managerAndReport(MO_AND_RITA)
    const assignment = await proposedRoleLevel(client, person, levels[0].id)
    fake.mails.clear()
    const response = await submitAs(client, manager).post(
      `/capability/validations/roles/${assignment.id}`
    )
    response.assertHeader('location', '/capability/validations')
    const notice = onlyNotice(fake, RoleLevelConfirmed, person)
    notice.message.assertSubject('Role level confirmed: Associate delivery manager')
    notice.message.assertTextIncludes(
      `Mo Manager confirmed your current role level: Associate delivery manager (${role.name}).`
    )
    notice.message.assertTextIncludes(`See your role level:\n${serviceUrl('/capability/role')}`)
  })

  test('a role level named like its role is named once in the e-mail', async ({ client }) => {
    const fake = mail.fake()
    const { levels } = await createRole({
      role: 'Service Manager',
      levels: [{ name: 'Service Manager', needs: {} }],
    })
    const { manager, report: person } = await managerAndReport(MO_AND_RITA)
    const assignment = await proposedRoleLevel(client, person, levels[0].id)
    fake.mails.clear()
    await submitAs(client, manager).post(`/capability/validations/roles/${assignment.id}`)
    const notice = onlyNotice(fake, RoleLevelConfirmed, person)
    notice.message.assertTextIncludes(
      'Mo Manager confirmed your current role level: Service Manager.'
    )
  })
})
