import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createSkill } from '#database/factories/framework_factory'
import SkillClaimDecided from '#mails/skill_claim_decided'
import { rowCells } from '#tests/support/page_text'
import { collapse } from '#tests/support/html'
import { pageFor } from '#tests/support/browser_sign_in'
import { createDeclaredLearning } from '#database/factories/learning_factory'
import { createSkillClaim } from '#database/factories/capability_factory'

test.group('Skill claim decisions, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a line manager rejects a claim with a reason; the learner is e-mailed it and reads it in their learning record', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const fake = mail.fake()
    const organisation = await OrganisationFactory.create()
    const manager = await createUser({ organisation, overrides: { fullName: 'Mo Manager' } })
    const learner = await createUser({
      organisation,
      overrides: { fullName: 'Rita Report', lineManagerId: manager.id },
    })
    const skill = await createSkill('Service design')
    const record = await createDeclaredLearning(
      learner,
      'Service design in practice',
      DateTime.now().minus({ days: 3 }),
      { courseId: null }
    )
    await createSkillClaim(learner, skill, 3, { learningRecordId: record.id })

    // Mo rejects Rita's claim at a lower level and says why.
    browserContext.setDefaultTimeout(15_000)
    const page = await browserContext.visitAs(manager, '/capability/validations')
    await page.assertTextContains('h1', 'Validations')
    await page.assertAccessible()
    const form = page.locator('form').filter({ hasText: 'Reject the claim' })
    await form.getByLabel('Reject the claim, at a lower level').check()
    await form.getByLabel('2 Working').check()
    const reason = 'One discovery so far; practitioner needs several. Let us pair on the next.'
    await form.getByLabel('Comment (optional)').fill(reason)
    await form.getByRole('button', { name: /Save/ }).click()
    await page.assertPath('/capability/validations')
    assert.equal(
      collapse(await page.getByRole('status').first().textContent()),
      'You rejected Rita Report’s claim'
    )
    await page.assertAccessible()

    const [notice] = fake.mails.queued() as SkillClaimDecided[]
    assert.instanceOf(notice, SkillClaimDecided)
    notice.message.assertTo(learner.email, 'Rita Report')
    notice.message.assertTextIncludes(`Reason given:\n${reason}`)

    // Rita reads the decision and the reason in her learning record.
    const learnerPage = await pageFor(browser, learner, cleanup, 15_000)
    await learnerPage.goto('/learning/record')
    const decisions = learnerPage.getByRole('table', {
      name: 'Skill claims your line manager has decided, most recent first',
    })
    const cells = await rowCells(decisions, /Service design/)
    assert.deepEqual(cells.slice(0, 5), [
      'Service design From Service design in practice',
      'Practitioner (3)',
      'Not accepted by Mo Manager',
      'Working (2)',
      `Reason: ${reason}`,
    ])
    await learnerPage.assertAccessible()
  }).timeout(90_000)
})
