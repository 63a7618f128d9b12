import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { assertErrorSummary } from '#tests/support/error_summary'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import Organisation from '#models/organisation'
import { completeCourse, digitalLeaderTraining, holdRole } from '#tests/support/digital_leaders'
import { rowCells, textsOf } from '#tests/support/page_text'
import { collapse } from '#tests/support/html'
import { createService } from '#database/factories/workforce_factory'
import { departmentHrOf } from '#tests/support/fixtures/department_hr'

/*
 * The Department for Transport and its agency DVLA, whose board named a
 * Higher Executive Officer its Digital Leader; a Director in DVLA holds the
 * Digital Leader role and completed the course. DVLA's biggest service has
 * a Grade 7 Service Manager.
 */
async function transport() {
  const { level, course } = await digitalLeaderTraining()
  const dft = await OrganisationFactory.merge({
    name: 'Department for Transport',
    isTransactional: true,
  }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const hr = await departmentHrOf(dft)
  const junior = await createUser({
    organisation: dvla,
    overrides: { fullName: 'Harry Junior', grade: 'HEO' },
  })
  const director = await createUser({
    organisation: dvla,
    overrides: { fullName: 'Sasha Senior', grade: 'SCS2', email: 'sasha.senior@example.gov.uk' },
  })
  for (const person of [junior, director]) {
    await holdRole(person, level.id)
    await completeCourse(person, course)
  }
  await Organisation.query()
    .where('id', dvla.id)
    .update({ digitalLeaderId: junior.id, digitalLeaderOnBoard: true })
  const manager = await createUser({
    organisation: dvla,
    overrides: { fullName: 'Gita Seven', grade: 'G7' },
  })
  await createService(dvla, 'Tax your vehicle', {
    annualTransactions: 40_000_000,
    serviceManagerId: manager.id,
  })
  return { dft, dvla, hr, director }
}

test.group('Strategy actions 01 and 02, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR see why DVLA fails action 01 and the warning about a junior Service Manager, then name a Director who sits on the board', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { dvla, hr, director } = await transport()
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(hr)

    // Priya opens the compliance page: neither organisation meets action 01.
    const page = await visit('/workforce/compliance')
    await page.assertTextContains('h1', 'Strategy actions 01 and 02')
    const actionOne = page.getByRole('table', { name: 'Organisations that do not meet action 01' })
    assert.deepEqual(await rowCells(actionOne, 'Driver and Vehicle Licensing Agency'), [
      'Driver and Vehicle Licensing Agency',
      'Executive agency',
      'Harry Junior Higher Executive Officer (HEO), on the board',
      'Digital Leader is not in the Senior Civil Service',
      'Change the Digital Leader for Driver and Vehicle Licensing Agency',
    ])
    assert.deepEqual(await rowCells(actionOne, 'Department for Transport'), [
      'Department for Transport',
      'Ministerial department',
      'None named',
      'No Digital Leader named',
      'Name a Digital Leader for Department for Transport',
    ])
    const warned = page.getByRole('table', {
      name: 'Services whose Service Manager is warned about',
    })
    assert.deepEqual(await rowCells(warned, 'Tax your vehicle'), [
      'Tax your vehicle',
      'Driver and Vehicle Licensing Agency',
      '40,000,000',
      'Gita Seven',
      'Service Manager is G7: a service of over 1 million transactions a year needs G6 or above',
    ])
    await page.assertAccessible()

    // She changes DVLA's Digital Leader, first mistyping the address.
    await actionOne
      .getByRole('link', {
        name: 'Change the Digital Leader for Driver and Vehicle Licensing Agency',
      })
      .click()
    await page.assertPath(`/workforce/organisations/${dvla.id}/digital-leader`)
    await page.assertTextContains('h1', 'Digital Leader')
    const question = page.getByRole('group', {
      name: 'Does this person sit on the board of Driver and Vehicle Licensing Agency?',
    })
    assert.isTrue(await question.getByLabel('Yes, they sit on the board').isChecked())
    await page.assertAccessible()

    await page.getByLabel('Digital Leader’s email address').fill('sasha.senior@')
    await question.getByLabel('No').check()
    await page.getByRole('button', { name: 'Save Digital Leader' }).click()
    const message =
      'Enter the Digital Leader’s email address in the correct format, like name@example.gov.uk'
    await assertErrorSummary(page, assert, 'Digital Leader', [message])
    await page.assertTextContains('#field-email-error', message)
    assert.isTrue(await question.getByLabel('No').isChecked(), 'the answer is kept')
    await page.assertAccessible()

    // Named, but not on the board: DVLA still fails, for that reason.
    await page.getByLabel('Digital Leader’s email address').fill(director.email)
    await page.getByRole('button', { name: 'Save Digital Leader' }).click()
    await page.assertPath('/workforce/compliance')
    assert.equal(
      collapse(await page.getByRole('status').first().textContent()),
      'Sasha Senior is now the Digital Leader for Driver and Vehicle Licensing Agency'
    )
    const renamed = await rowCells(actionOne, 'Driver and Vehicle Licensing Agency')
    assert.deepEqual(renamed.slice(2, 4), [
      'Sasha Senior Senior Civil Service 2 (Director), not confirmed on the board',
      'Digital Leader does not sit on the board',
    ])
    await page.assertAccessible()

    // She confirms Sasha sits on the board: DVLA meets action 01.
    await actionOne
      .getByRole('link', {
        name: 'Change the Digital Leader for Driver and Vehicle Licensing Agency',
      })
      .click()
    await page.getByLabel('Yes, they sit on the board').check()
    await page.getByRole('button', { name: 'Save Digital Leader' }).click()
    await page.assertPath('/workforce/compliance')
    assert.deepEqual(await textsOf(actionOne.locator('tbody th')), ['Department for Transport'])
    assert.equal(
      collapse(await page.getByRole('status').filter({ hasText: 'action 01' }).textContent()),
      '1 of 2 organisations meet action 01; 1 does not.'
    )
    await page.assertAccessible()
  }).timeout(90_000)
})
