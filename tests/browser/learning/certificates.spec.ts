import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCompletion, createCourse } from '#database/factories/learning_factory'
import { issueCertificate } from '#actions/learning/issue_certificate'
import { formatVerificationCode } from '#domain/learning/certificates'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { readPdf } from '#tests/support/pdf'

test.group('Certificates in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner downloads their certificate from their learning record, and anyone checks its code signed out', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const learner = await createUser({ overrides: { fullName: 'Siân Ó Briain' } })
    const course = await createCourse({ title: 'Agile for teams' })
    const record = await createCompletion(learner, course, {
      completedOn: DateTime.fromISO('2026-05-20'),
    })
    const certificate = (await db.transaction((trx) => issueCertificate(trx, record)))!
    const code = formatVerificationCode(certificate.code)

    const page = await browserContext.visitAs(learner, '/learning/record')
    await page.assertTextContains('#certificates-heading', 'Your certificates')
    await accessibleAtBothWidths(page, assert)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF certificate for Agile for teams' }).click(),
    ])
    assert.equal(download.suggestedFilename(), `certificate-agile-for-teams-${code}.pdf`)
    const pdf = await readPdf(await readFile((await download.path())!))
    assert.include(pdf.text, 'Siân Ó Briain')
    assert.include(pdf.text, code)

    // Signed out, as someone the certificate is shown to.
    const anyone = await browser.newContext()
    cleanup(() => anyone.close())
    const check = await anyone.newPage()
    await check.goto(new URL('/certificates/verify', page.url()).toString())
    await check.assertTextContains('h1', 'Check a certificate')
    await accessibleAtBothWidths(check, assert)

    await check.getByLabel('Verification code').fill('2222 3333 4444')
    await check.getByRole('button', { name: 'Check the certificate' }).click()
    await check.assertTextContains('#certificate-result', 'No certificate has this code')
    await accessibleAtBothWidths(check, assert)

    await check.getByLabel('Verification code').fill('')
    await check.getByRole('button', { name: 'Check the certificate' }).click()
    await check.assertTextContains(
      '[role="alert"]',
      'Enter the verification code from the certificate'
    )
    assert.match(await check.title(), /^Error: /)
    await accessibleAtBothWidths(check, assert)

    await check.getByLabel('Verification code').fill(code.toLowerCase().replaceAll('-', ' '))
    await check.getByRole('button', { name: 'Check the certificate' }).click()
    await check.assertTextContains('#certificate-result', 'This certificate is genuine and valid')
    await check.assertTextContains('#certificate-result', 'Siân Ó Briain')
    await check.assertTextContains('#certificate-result', 'Agile for teams')
    await check.assertTextContains('#certificate-result', '20 May 2026')
    await accessibleAtBothWidths(check, assert)
  })
})
