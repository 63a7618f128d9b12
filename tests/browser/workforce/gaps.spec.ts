import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import { createSkill } from '#database/factories/framework_factory'
import CapabilityGap from '#models/capability_gap'
import { textsOf } from '#tests/support/page_text'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { collapse } from '#tests/support/html'
import { tabTo } from '#tests/support/focus'
import { assertClearingOneLeavesSomeTicked } from '#tests/support/select_everyone'
import { createCapabilityGap } from '#database/factories/workforce_factory'
import { departmentHrOf } from '#tests/support/fixtures/department_hr'

/* The Department for Transport's HR, with three suggestions and an open gap in its agency. */
async function register() {
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const hr = await departmentHrOf(dft)
  const skill = await createSkill('User research', 'Research')
  const gap = (title: string, status: 'suggested' | 'open', severity: 'high' | 'medium') =>
    createCapabilityGap(dvla, 'skill', title, {
      skillId: skill.id,
      severity,
      status,
      source: status === 'suggested' ? 'gap_engine' : 'manual',
    })
  const gaps = {
    research: await gap('User researchers short', 'suggested', 'high'),
    content: await gap('Content designers short', 'suggested', 'high'),
    data: await gap('Data analysts short', 'suggested', 'medium'),
    open: await gap('Architects short', 'open', 'medium'),
  }
  return { hr, gaps }
}

async function statusOf(gap: CapabilityGap) {
  const row = await CapabilityGap.findOrFail(gap.id)
  return row.status
}

test.group('Gap register: many suggestions at once, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('with the keyboard HR select every suggestion, clear one, dismiss the rest with a reason and see what changed', async ({
    browserContext,
    assert,
  }) => {
    const { hr, gaps } = await register()
    browserContext.setDefaultTimeout(15_000)
    const page = await browserContext.visitAs(hr, '/workforce/gaps')
    await page.assertTextContains('h1', 'Capability gap register')
    await page.assertAccessible()

    const table = page.getByRole('table', { name: 'Capability gaps, most severe first' })
    const everyone = table.getByRole('checkbox', { name: 'Select every suggestion on this page' })
    await tabTo(page, everyone, 120)
    await page.keyboard.press('Space')
    const box = (title: string) =>
      table.getByRole('checkbox', {
        name: `Select ${title}, Driver and Vehicle Licensing Agency`,
      })
    for (const title of [
      'User researchers short',
      'Content designers short',
      'Data analysts short',
    ]) {
      assert.isTrue(await box(title).isChecked(), `${title} is ticked`)
    }
    assert.equal(await box('Architects short').count(), 0, 'an open gap has no box')

    await assertClearingOneLeavesSomeTicked(
      assert,
      everyone,
      box('Data analysts short'),
      'the box for every suggestion shows that only some are ticked'
    )

    const form = page.getByRole('region', {
      name: 'Accept or dismiss the suggestions you selected',
    })
    const dismiss = form.getByRole('radio', { name: 'Dismiss them' })
    await tabTo(page, form.getByRole('radio', { name: /^Accept them/ }), 120)
    await page.keyboard.press('ArrowDown')
    assert.isTrue(await dismiss.isChecked(), 'the arrow key moves to “Dismiss them”')
    await tabTo(page, form.getByLabel('Why they are being dismissed'), 120)
    await page.keyboard.type('The shared research team at GDS covers these')
    await tabTo(page, form.getByRole('button', { name: 'Apply to the selected suggestions' }), 120)
    await page.keyboard.press('Enter')

    await page.assertPath('/workforce/gaps')
    const summary = page.getByRole('status').filter({ hasText: 'dismissed' })
    assert.equal(collapse(await summary.getByRole('heading').textContent()), '2 gaps dismissed')
    assert.deepEqual(await textsOf(summary.getByRole('listitem')), [
      'User researchers short (Driver and Vehicle Licensing Agency)',
      'Content designers short (Driver and Vehicle Licensing Agency)',
    ])
    assert.equal(await statusOf(gaps.research), 'dismissed')
    assert.equal(await statusOf(gaps.content), 'dismissed')
    assert.equal(await statusOf(gaps.data), 'suggested')
    const dismissed = await CapabilityGap.findOrFail(gaps.research.id)
    assert.equal(dismissed.description, 'Dismissed: The shared research team at GDS covers these')
    await page.assertAccessible()
  }).timeout(60_000)

  test('sending the form with nothing chosen shows an error summary that takes focus and links to each field', async ({
    browserContext,
    assert,
  }) => {
    const { hr, gaps } = await register()
    browserContext.setDefaultTimeout(15_000)
    const page = await browserContext.visitAs(hr, '/workforce/gaps')
    await page.getByRole('radio', { name: 'Dismiss them' }).check()
    await page.getByRole('button', { name: 'Apply to the selected suggestions' }).click()
    await page.assertTitleContains('Error: Capability gap register')
    await page.assertFocused('error-summary-title')
    const errors = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    assert.deepEqual(await textsOf(errors.getByRole('link')), [
      'Select the suggested gaps to accept or dismiss',
      'Enter why the gaps are being dismissed',
    ])
    await errors
      .getByRole('link', { name: 'Select the suggested gaps to accept or dismiss' })
      .click()
    await page.assertFocused('field-gaps')
    await errors.getByRole('link', { name: 'Enter why the gaps are being dismissed' }).click()
    await page.assertFocused('field-reason')
    assert.isTrue(await page.getByRole('radio', { name: 'Dismiss them' }).isChecked(), 'kept')
    assert.equal(await statusOf(gaps.research), 'suggested')
    await page.assertAccessible()
  }).timeout(60_000)

  test('without JavaScript the box for every suggestion accepts every suggestion listed', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { hr, gaps } = await register()
    const page = await pageWithoutJavaScriptFor(browser, hr, cleanup, 15_000)
    await page.goto('/workforce/gaps')
    await page.assertTextContains('h1', 'Capability gap register')
    await page.getByRole('checkbox', { name: 'Select every suggestion on this page' }).check()
    await page.getByRole('radio', { name: /^Accept them/ }).check()
    await page.getByRole('button', { name: 'Apply to the selected suggestions' }).click()
    await page.assertPath('/workforce/gaps')
    const summary = page.getByRole('status').filter({ hasText: 'accepted' })
    assert.equal(
      collapse(await summary.getByRole('heading').textContent()),
      '3 gaps accepted as open'
    )
    for (const key of ['research', 'content', 'data'] as const) {
      assert.equal(await statusOf(gaps[key]), 'open')
    }
    assert.equal(await statusOf(gaps.open), 'open')
  }).timeout(60_000)
})
