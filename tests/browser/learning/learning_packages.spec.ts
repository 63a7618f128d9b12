import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Assert } from '@japa/assert'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { assertErrorSummary } from '#tests/support/error_summary'
import {
  ownPackageZip,
  zipOf,
  addOwnPackage,
  learnerOn,
  privatePackagesFolder,
  selfPacedCourse,
  type OwnPackage,
} from '#tests/support/learning_packages'

let packages: Awaited<ReturnType<typeof privatePackagesFolder>>

/* The package's frame on the player page, once its lesson has loaded. */
async function lessonIn(page: Page) {
  const lesson = page.frameLocator('iframe[data-package-frame]')
  await lesson.getByRole('heading', { level: 1 }).waitFor()
  return lesson
}

/*
 * Plays one of the service's own packages to completion as a learner: a
 * wrong answer first (failed, still in progress), then the right one,
 * after which the course is completed and on the learning record with its
 * certificate.
 */
async function playToCompletion(
  name: OwnPackage,
  answers: { wrong: string; right: string },
  { browserContext, assert }: { browserContext: any; assert: Assert }
) {
  const { admin, course } = await selfPacedCourse('Digital awareness for everyone')
  const { module } = await addOwnPackage(course, admin, name)
  const { learner } = await learnerOn(course)

  const page: Page = await browserContext.visitAs(learner, `/learning/modules/${module.id}/play`)
  const frameErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') frameErrors.push(message.text())
  })
  const lesson = await lessonIn(page)
  await page.assertTextContains('h1', module.title)
  const status = page.locator('[data-package-status]')
  // The package found the run-time in its own window and started a session.
  await lesson.locator('#connection').waitFor({ state: 'attached' })
  assert.equal(await lesson.locator('#connection').textContent(), '')
  await page.waitForFunction(() =>
    document.querySelector('[data-package-status]')?.textContent?.includes('saved')
  )
  await accessibleAtBothWidths(page, assert)

  // The frame has no origin: the service's cookies and pages are out of its reach.
  const reach = await page.frames()[1].evaluate(() => {
    let cookies = 'readable'
    try {
      cookies = document.cookie === '' ? 'empty' : 'readable'
    } catch {
      cookies = 'blocked'
    }
    let parentPage = 'readable'
    try {
      parentPage = window.parent.document.title
    } catch {
      parentPage = 'blocked'
    }
    return { origin: window.origin, cookies, parentPage }
  })
  assert.deepEqual(reach, { origin: 'null', cookies: 'blocked', parentPage: 'blocked' })

  await lesson.getByLabel(answers.wrong).check()
  await lesson.getByRole('button', { name: 'Check my answer' }).click()
  await lesson.getByText('Not quite').waitFor()
  await page.waitForFunction(() =>
    document.querySelector('[data-package-status]')?.textContent?.includes('saved')
  )

  await lesson.getByLabel(answers.right).check()
  await lesson.getByRole('button', { name: 'Check my answer' }).click()
  await lesson.getByText('You have completed this lesson.').waitFor()
  await page.waitForFunction(
    () =>
      document.querySelector('[data-package-status]')?.getAttribute('data-course-completed') ===
      'true'
  )
  assert.equal(
    await status.textContent(),
    'You have completed this module and the course: it is on your learning record'
  )
  assert.deepEqual(frameErrors, [], 'nothing failed in the frame or the page')

  await page.goto(new URL('/learning/record', page.url()).toString())
  await page.assertTextContains('main', 'Digital awareness for everyone')
  await page.assertTextContains('#certificates-heading', 'Your certificates')
  await page
    .getByRole('link', { name: 'Download PDF certificate for Digital awareness for everyone' })
    .waitFor()
}

test.group('E-learning packages, played in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    packages = await privatePackagesFolder()
    return () => packages.restore()
  })

  test("a learner plays the service's SCORM 1.2 package to completion, and the course is on their learning record with its certificate", async ({
    browserContext,
    assert,
  }) => {
    await playToCompletion(
      'digital_awareness_scorm12',
      { wrong: 'The department that runs it', right: 'The people who use it' },
      { browserContext, assert }
    )
  })

  test("a learner plays the service's SCORM 2004 package to completion, and the course is on their learning record with its certificate", async ({
    browserContext,
    assert,
  }) => {
    await playToCompletion(
      'digital_awareness_scorm2004',
      { wrong: 'How many staff work on it', right: 'How many people complete the transaction' },
      { browserContext, assert }
    )
  })

  test("a course admin is told why a zip without a manifest is refused, then adds the service's package from the course's edit page", async ({
    browserContext,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse('Digital awareness for everyone')
    const page: Page = await browserContext.visitAs(
      admin,
      `/learning/admin/courses/${course.id}/edit`
    )
    await page.getByRole('link', { name: 'Add an e-learning package (SCORM 1.2 or 2004)' }).click()
    await page.assertTextContains('h1', 'Add an e-learning package')
    await accessibleAtBothWidths(page, assert)

    await page.getByLabel('Zip file of the package').setInputFiles({
      name: 'lesson.zip',
      mimeType: 'application/zip',
      buffer: zipOf({ 'index.html': '<p>Hi</p>' }),
    })
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await assertErrorSummary(page, assert, 'Add an e-learning package', [
      'The zip file must have imsmanifest.xml in its top folder: upload the SCORM package as it was exported',
    ])
    await accessibleAtBothWidths(page, assert)
    assert.deepEqual(await packages.entries(), [], 'nothing kept')

    await page.getByLabel('Zip file of the package').setInputFiles({
      name: 'digital_awareness_scorm12.zip',
      mimeType: 'application/zip',
      buffer: ownPackageZip('digital_awareness_scorm12'),
    })
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await page.assertTextContains(
      '[role="status"]',
      `Digital by default: the basics is now module 1 of ${course.title}`
    )
    await page.assertTextContains('#modules', 'E-learning package')
    assert.lengthOf(await packages.entries(), 1)
  })
})
