import { test } from '@japa/runner'
import { type FormChange, assertPagesAndChangesAnswer } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import SkillAssessment from '#models/skill_assessment'
import { DateTime } from 'luxon'
import { createAssessment, createSkillClaim } from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'
import { managerAndReport } from '#tests/support/fixtures/line_management'

async function managerReportAndSkill() {
  const { organisation, manager, report } = await managerAndReport({
    report: { fullName: 'Rita Report' },
  })
  const skill = await createSkill('Service design')
  return { organisation, manager, report, skill }
}

async function selfAssessed(userId: number, skillId: number, level: number, minutesAgo = 0) {
  return createAssessment(userId, skillId, level, {
    assessedBy: userId,
    assessedAt: DateTime.now().minus({ minutes: minutesAgo }),
  })
}

test.group('Validations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager sees only the latest unvalidated self-assessment per skill of their reports', async ({
    client,
    assert,
  }) => {
    const { manager, report, skill } = await managerReportAndSkill()
    const older = await selfAssessed(report.id, skill.id, 1, 10)
    const latest = await selfAssessed(report.id, skill.id, 3)
    const stranger = await createUser()
    const strangerAssessment = await selfAssessed(stranger.id, skill.id, 2)
    const response = await client.get('/capability/validations').loginAs(manager)
    response.assertStatus(200)
    response.assertTextIncludes('Rita Report: Service design')
    response.assertTextIncludes(`action="/capability/validations/assessments/${latest.id}"`)
    assert.notInclude(response.text(), `/capability/validations/assessments/${older.id}"`)
    assert.notInclude(
      response.text(),
      `/capability/validations/assessments/${strangerAssessment.id}"`
    )
  })

  test('agreeing writes a validated manager assessment linked to the self-assessment, keeping both', async ({
    client,
    assert,
  }) => {
    const { manager, report, skill } = await managerReportAndSkill()
    const own = await selfAssessed(report.id, skill.id, 3)
    const response = await submitAs(client, manager).post(
      `/capability/validations/assessments/${own.id}`,
      { decision: 'agree', comment: 'Seen it in the discovery' }
    )
    response.assertHeader('location', '/capability/validations')
    const rows = await SkillAssessment.query().where('user_id', report.id).orderBy('id')
    assert.lengthOf(rows, 2)
    assert.equal(rows[0].source, 'self')
    assert.equal(rows[1].source, 'manager')
    assert.equal(rows[1].status, 'validated')
    assert.equal(rows[1].validatesId, own.id)
    assert.equal(rows[1].level, 3)
    assert.equal(rows[1].comment, 'Seen it in the discovery')

    const queue = await client.get('/capability/validations').loginAs(manager)
    assert.notInclude(queue.text(), `/capability/validations/assessments/${own.id}"`)
  })

  test('setting another level needs the level, and records the one set', async ({
    client,
    assert,
  }) => {
    const { manager, report, skill } = await managerReportAndSkill()
    const own = await selfAssessed(report.id, skill.id, 3)
    const missing = await client
      .post(`/capability/validations/assessments/${own.id}`)
      .withCsrfToken()
      .loginAs(manager)
      .header('referer', '/capability/validations')
      .form({ decision: 'other' })
      .redirects(0)
    missing.assertFlashMessage('inputErrorsBag', {
      [`assessment-${own.id}`]: ['Select the level you judge them to be at'],
    })
    await client
      .post(`/capability/validations/assessments/${own.id}`)
      .withCsrfToken()
      .loginAs(manager)
      .form({ decision: 'other', level: '2' })
    const validation = await SkillAssessment.query().where('validates_id', own.id).firstOrFail()
    assert.equal(validation.level, 2)
  })

  test('only the current line manager may validate: anyone else, HR included, gets 404', async ({
    client,
    assert,
  }) => {
    const { organisation, report, skill } = await managerReportAndSkill()
    const own = await selfAssessed(report.id, skill.id, 3)
    const hr = await createUser({ organisation, roles: ['department_hr'] })
    const changes: FormChange[] = [
      ['post', `/capability/validations/assessments/${own.id}`, { decision: 'agree' }],
    ]
    for (const user of [hr, report, await createUser({ organisation })]) {
      await assertPagesAndChangesAnswer(assert, client, user, { pages: [], changes }, 404)
    }
    assert.isNull(await SkillAssessment.query().where('validates_id', own.id).first())
  })

  test('validating a skill claim records the manager’s level and marks the claim validated', async ({
    client,
    assert,
  }) => {
    const { manager, report, skill } = await managerReportAndSkill()
    const claim = await createSkillClaim(report, skill, 3)
    const queue = await client.get('/capability/validations').loginAs(manager)
    queue.assertTextIncludes(`action="/capability/validations/claims/${claim.id}"`)
    await client
      .post(`/capability/validations/claims/${claim.id}`)
      .withCsrfToken()
      .loginAs(manager)
      .form({ decision: 'agree', comment: 'Good work' })
    await claim.refresh()
    assert.equal(claim.status, 'validated')
    assert.equal(claim.decidedBy, manager.id)
    assert.equal(claim.comment, 'Good work')
    const assessment = await SkillAssessment.query().where('user_id', report.id).firstOrFail()
    assert.equal(assessment.source, 'manager')
    assert.equal(assessment.level, 3)
    assert.isNull(assessment.validatesId)
  })

  test('rejecting a claim needs a lower level than claimed', async ({ client, assert }) => {
    const { manager, report, skill } = await managerReportAndSkill()
    const claim = await createSkillClaim(report, skill, 3)
    const same = await client
      .post(`/capability/validations/claims/${claim.id}`)
      .withCsrfToken()
      .loginAs(manager)
      .header('referer', '/capability/validations')
      .form({ decision: 'reject', level: '3' })
      .redirects(0)
    same.assertFlashMessage('inputErrorsBag', {
      [`claim-${claim.id}`]: ['To reject the claim, select a level lower than the one claimed'],
    })
    await client
      .post(`/capability/validations/claims/${claim.id}`)
      .withCsrfToken()
      .loginAs(manager)
      .form({ decision: 'reject', level: '2' })
    await claim.refresh()
    assert.equal(claim.status, 'rejected')
    const assessment = await SkillAssessment.query().where('user_id', report.id).firstOrFail()
    assert.equal(assessment.level, 2)
  })

  test('someone else’s report’s claim answers 404', async ({ client, assert }) => {
    const { report, skill } = await managerReportAndSkill()
    const claim = await createSkillClaim(report, skill, 3)
    const response = await client
      .post(`/capability/validations/claims/${claim.id}`)
      .withCsrfToken()
      .loginAs(await createUser())
      .form({ decision: 'agree' })
    response.assertStatus(404)
    await claim.refresh()
    assert.equal(claim.status, 'pending')
  })

  test('a person with no reports is told they have nothing to validate', async ({ client }) => {
    const response = await client.get('/capability/validations').loginAs(await createUser())
    response.assertTextIncludes('No one reports to you on the service')
  })
})
