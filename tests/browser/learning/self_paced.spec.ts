import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { createProvider } from '#database/factories/learning_factory'
import { createSelfPacedCourse } from '#database/factories/self_paced_factory'
import { accessibleAtBothWidths } from '#tests/support/page_widths'

test.group('A self-paced course, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner starts a self-paced course, finishes its required modules, and finds it completed on their learning record', async ({
    browserContext,
    assert,
  }) => {
    const learner = await createUser({ overrides: { fullName: 'Priya Shah' } })
    const skill = await createSkill('Digital by default service standard', 'Digital')
    const { course } = await createSelfPacedCourse({
      title: 'Digital awareness for everyone',
      outcomes: { [skill.id]: 1 },
      modules: [
        { title: 'What digital by default means', kind: 'video' },
        { title: 'The Service Standard', kind: 'link' },
        { title: 'Further reading', kind: 'document', required: false },
      ],
    })

    const page: Page = await browserContext.visitAs(
      learner,
      '/learning/courses?delivery=self_paced'
    )
    await page.assertTextContains('main', 'Self-paced online — start any time')
    await accessibleAtBothWidths(page, assert)
    await page.getByRole('link', { name: 'Digital awareness for everyone' }).click()
    await page.assertTextContains('h1', 'Digital awareness for everyone')
    await accessibleAtBothWidths(page, assert)

    await page.getByRole('button', { name: 'Start this course' }).click()
    await page.assertPath(`/learning/courses/${course.id}/your-progress`)
    await page.assertTextContains('main', 'You have started Digital awareness for everyone')
    await accessibleAtBothWidths(page, assert)

    await page
      .getByRole('button', { name: 'I have finished this module (What digital by default means)' })
      .click()
    await page.assertTextContains('main', 'You have finished What digital by default means')
    await page.assertTextContains('main', '1 of 3')
    await page
      .getByRole('button', { name: 'I have finished this module (The Service Standard)' })
      .click()
    await page.assertTextContains(
      'main',
      'You have completed Digital awareness for everyone. It is on your learning record'
    )
    await page.assertTextContains('main', 'You completed this course on')
    assert.equal(
      await page.getByRole('button', { name: /I have finished this module/ }).count(),
      0,
      'a completed course offers nothing more to finish'
    )
    await accessibleAtBothWidths(page, assert)

    await page.getByRole('link', { name: 'your learning record' }).click()
    await page.assertPath('/learning/record')
    await page.assertTextContains('main', 'Digital awareness for everyone')
    await accessibleAtBothWidths(page, assert)

    await page.goto('/learning/my')
    const row = page.locator('#self-paced-table tr', { hasText: 'Digital awareness for everyone' })
    assert.include(await row.textContent(), 'Completed')
    await accessibleAtBothWidths(page, assert)
  }).timeout(120_000)

  test('a learner withdraws from a course part way through, from My learning', async ({
    browserContext,
    assert,
  }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse({ title: 'Working in the open' })
    const page: Page = await browserContext.visitAs(learner, `/learning/courses/${course.id}`)
    await page.getByRole('button', { name: 'Start this course' }).click()
    await page.goto('/learning/my')
    await page.assertTextContains('#self-paced-table', '0 of 2 modules')
    await page.getByRole('link', { name: 'Withdraw from Working in the open' }).click()
    await page.assertPath(`/learning/courses/${course.id}/withdraw`)
    await accessibleAtBothWidths(page, assert)
    await page.getByRole('button', { name: 'Withdraw from this course' }).click()
    await page.assertPath('/learning/my')
    await page.assertTextContains('main', 'You have withdrawn from Working in the open')
    assert.equal(await page.locator('#self-paced-table').count(), 0)
  }).timeout(60_000)

  test('a course admin adds a module and moves it up, on pages that pass axe at both widths', async ({
    browserContext,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const provider = await createProvider('Civil Service Learning', [admin])
    const { course } = await createSelfPacedCourse({ provider, title: 'Cloud first' })
    const page: Page = await browserContext.visitAs(
      admin,
      `/learning/admin/courses/${course.id}/edit`
    )
    await accessibleAtBothWidths(page, assert)
    await page.getByLabel('Module title').fill('Choosing cloud services')
    await page.getByLabel('Video').check()
    await page.getByLabel('Web address').fill('http://video.example.gov.uk/cloud')
    await page.getByRole('button', { name: 'Add module' }).click()
    await page.assertTextContains('main', 'Enter the web address in full, starting https://')
    await accessibleAtBothWidths(page, assert)
    await page.getByLabel('Web address').fill('https://video.example.gov.uk/cloud')
    await page.getByRole('button', { name: 'Add module' }).click()
    await page.assertTextContains('main', 'Module added: Choosing cloud services')
    await page.getByRole('button', { name: 'Move up Choosing cloud services' }).click()
    await page.assertTextContains('main', 'Choosing cloud services is now module 2')
    await page.getByRole('link', { name: 'Change Choosing cloud services' }).click()
    await page.assertTextContains('h1', 'Change a module')
    await accessibleAtBothWidths(page, assert)
  }).timeout(60_000)
})
