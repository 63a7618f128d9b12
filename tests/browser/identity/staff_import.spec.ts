import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { afterAutofocus, focused } from '#tests/support/focus'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import User from '#models/user'
import StaffImport from '#models/staff_import'
import { bodyRows, textOf, textsOf } from '#tests/support/page_text'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'
import { createStaffImport } from '#database/factories/staff_import_factory'

const HEADER = 'email,name,organisation code,grade,profession,role level,line manager email'

/* A CSV file of people, with the usual first row naming the columns. */
function peopleFile(...rows: string[]) {
  return {
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([HEADER, ...rows].join('\n') + '\n'),
  }
}

async function focusedText(page: Page) {
  const element = await focused(page)
  return element.text
}

/*
 * Space on the focused file input opens the file chooser. Chromium on a busy
 * machine now and then lets the first press pass without one, so a second
 * press is allowed; the chooser must still open from the keyboard.
 */
async function chooseFileByKeyboard(page: Page) {
  for (let press = 1; press <= 2; press++) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => null),
      page.keyboard.press('Space'),
    ])
    if (chooser) return chooser
  }
  throw new Error('Space on the focused file input opened no file chooser, twice')
}

/* The count beside each outcome in the "What the import will do" table. */
async function outcomeCounts(page: Page, caption: string) {
  const rows = await bodyRows(page.getByRole('table', { name: caption }))
  return Object.fromEntries(rows.map(([label, count]) => [label, count]))
}

/* Presses Tab until the focused element's text matches, at most a given number of times. */
async function tabTo(page: Page, text: RegExp, presses = 40) {
  for (let pressed = 0; pressed < presses; pressed++) {
    await page.keyboard.press('Tab')
    const element = await focused(page)
    if (element.text && text.test(element.text)) return element
  }
  return focused(page)
}

/* A department with an agency, another department, and HR for the first. */
async function departments() {
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
    hrA: hr,
  } = await twoDepartments({
    departmentA: { code: 'dft' },
    agencyA: { code: 'dvla', name: 'DVLA' },
    departmentB: { code: 'hmrc' },
    hrA: { fullName: 'Harriet Reed' },
    learners: true,
  })
  return { dft, dvla, hmrc, hr }
}

test.group('Staff import, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR uploads a file with bad rows, reads each outcome, and applies the good rows', async ({
    browserContext,
    assert,
  }) => {
    const { dft, dvla, hr } = await departments()
    const mover = await createUser({
      organisation: dft,
      overrides: {
        email: 'mover@dft.example',
        fullName: 'Mo Mover',
        grade: 'HEO',
        profession: 'digital',
      },
    })

    const page = await browserContext.visitAs(hr, '/admin/users')
    await page.getByRole('link', { name: 'Import people from a file' }).click()
    await page.assertPath('/admin/staff-imports')
    await page.assertTextContains('h1', 'Staff imports')
    await page.assertTextContains('main', 'No files have been imported yet.')
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Import people from a file' }).click()
    await page.assertPath('/admin/staff-imports/new')
    await page.assertTextContains('h1', 'Import people from a file')
    await page.assertAccessible()

    await page
      .getByLabel('CSV file of people')
      .setInputFiles(
        peopleFile(
          'new.person@dft.example,New Person,dvla,EO,digital,,boss@dft.example',
          'boss@dft.example,The Boss,dft,G6,digital,,',
          'mover@dft.example,Mo Mover,dft,SEO,digital,,',
          'wrong.org@dft.example,Wrong Org,hmrc,EO,,,',
          'unknown.org@dft.example,Unknown Org,nowhere,EO,,,',
          'wrong.grade@dft.example,Wrong Grade,dft,Band 9,,,',
          'new.person@dft.example,Twice Given,dft,EO,,,',
          'orphan@dft.example,Orphan,dft,EO,,,nobody@dft.example'
        )
      )
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await page.waitForURL(/\/admin\/staff-imports\/\d+$/)
    const staffImport = await StaffImport.query().orderBy('id', 'desc').firstOrFail()
    await page.assertPath(`/admin/staff-imports/${staffImport.id}`)
    await page.assertTextContains('h1', 'Import of people.csv')
    await page.assertTextContains('main', '8 people in the file')
    assert.deepEqual(await outcomeCounts(page, 'What the import will do'), {
      'Cannot be imported': '5',
      'New': '2',
      'Changed': '1',
      'Unchanged': '0',
    })
    const tabs = page.getByRole('navigation', { name: 'Rows' })
    assert.deepEqual(await textsOf(tabs.getByRole('link')), [
      'Cannot be imported (5)',
      'New (2)',
      'Changed (1)',
      'Unchanged (0)',
    ])
    assert.equal(
      await tabs.getByRole('link', { name: 'Cannot be imported (5)' }).getAttribute('aria-current'),
      'page',
      'the rows that cannot be imported are shown first'
    )
    const badTable = page.getByRole('table', { name: 'Cannot be imported: page 1 of 1' })
    const badRows = await bodyRows(badTable)
    assert.deepEqual(
      badRows.map((cells) => [cells[0], cells[1], cells[4]]),
      [
        ['5', 'wrong.org@dft.example', 'Organisation code “hmrc” is not one of your organisations'],
        [
          '6',
          'unknown.org@dft.example',
          'Organisation code “nowhere” is not one of your organisations',
        ],
        ['7', 'wrong.grade@dft.example', 'Grade “Band 9” is not a civil service grade'],
        ['8', 'new.person@dft.example', 'E-mail is also on line 2'],
        [
          '9',
          'orphan@dft.example',
          'Line manager nobody@dft.example is not in the file or among your people',
        ],
      ]
    )
    await page.getByRole('button', { name: 'Apply: add 2, update 1' }).waitFor()
    await page.getByRole('button', { name: 'Discard' }).waitFor()
    await page.assertAccessible()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the rows that cannot be imported (CSV)' }).click(),
    ])
    assert.equal(download.suggestedFilename(), `staff-import-${staffImport.id}-problems.csv`)
    const problems = await readFile(await download.path(), 'utf8')
    const problemLines = problems.trim().split('\n')
    assert.equal(problemLines[0], 'Line,Email,Name,Problem')
    assert.lengthOf(problemLines, 6)
    assert.include(
      problems,
      '7,wrong.grade@dft.example,Wrong Grade,Grade “Band 9” is not a civil service grade'
    )

    await tabs.getByRole('link', { name: 'New (2)' }).click()
    await page.waitForURL(/[?&]outcome=new(&|$)/)
    assert.equal(
      await tabs.getByRole('link', { name: 'New (2)' }).getAttribute('aria-current'),
      'page'
    )
    assert.deepEqual(await bodyRows(page.getByRole('table', { name: 'New: page 1 of 1' })), [
      ['2', 'new.person@dft.example', 'New Person', 'DVLA'],
      ['3', 'boss@dft.example', 'The Boss', 'Department for Transport'],
    ])
    await page.assertAccessible()

    await tabs.getByRole('link', { name: 'Changed (1)' }).click()
    await page.waitForURL(/[?&]outcome=changed(&|$)/)
    const changedTable = page.getByRole('table', { name: 'Changed: page 1 of 1' })
    assert.deepEqual(await textsOf(changedTable.getByRole('columnheader')), [
      'Line',
      'E-mail',
      'Name',
      'Organisation',
      'Changes',
    ])
    assert.deepEqual(await bodyRows(changedTable), [
      ['4', 'mover@dft.example', 'Mo Mover', 'Department for Transport', 'grade'],
    ])
    await page.assertAccessible()

    assert.isNull(
      await User.findBy('email', 'boss@dft.example'),
      'nobody is saved before the import is applied'
    )
    await page.getByRole('button', { name: 'Apply: add 2, update 1' }).click()
    await page.assertPath(`/admin/staff-imports/${staffImport.id}`)
    await page.assertTextContains('[role=status]', 'Import applied: 2 people added, 1 updated')
    await page.assertTextContains('main', '2 people added, 1 updated.')
    await page.assertTextContains('main', 'Status: Applied')
    assert.deepEqual(await outcomeCounts(page, 'What the import found'), {
      'Cannot be imported': '5',
      'New': '2',
      'Changed': '1',
      'Unchanged': '0',
    })
    assert.equal(await page.getByRole('button', { name: /^Apply/ }).count(), 0)
    assert.equal(await page.getByRole('button', { name: 'Discard' }).count(), 0)
    await page.assertAccessible()

    const boss = await User.findByOrFail('email', 'boss@dft.example')
    const person = await User.findByOrFail('email', 'new.person@dft.example')
    await mover.refresh()
    assert.deepInclude(boss.serialize(), {
      fullName: 'The Boss',
      organisationId: dft.id,
      grade: 'G6',
      profession: 'digital',
      lineManagerId: null,
    })
    assert.deepInclude(person.serialize(), {
      fullName: 'New Person',
      organisationId: dvla.id,
      grade: 'EO',
      profession: 'digital',
      lineManagerId: boss.id,
    })
    assert.deepInclude(mover.serialize(), {
      organisationId: dft.id,
      grade: 'SEO',
      profession: 'digital',
      lineManagerId: null,
    })
    for (const email of [
      'wrong.org@dft.example',
      'unknown.org@dft.example',
      'wrong.grade@dft.example',
      'orphan@dft.example',
    ]) {
      assert.isNull(await User.findBy('email', email), `${email} is not imported`)
    }

    await page.getByRole('link', { name: 'Staff imports' }).click()
    await page.assertPath('/admin/staff-imports')
    const listed = page.getByRole('table', { name: 'Recent imports' })
    const [row] = await bodyRows(listed)
    assert.equal(row[0], 'people.csv')
    assert.deepEqual(row.slice(2), ['Applied', '8', '5'])
    await page.assertAccessible()
  })

  test('a file whose first row lacks required columns is refused on the upload page, with a linked error', async ({
    browserContext,
    assert,
  }) => {
    const { hr } = await departments()
    const page = await browserContext.visitAs(hr, '/admin/staff-imports/new')
    await page.getByLabel('CSV file of people').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,grade\nsomeone@dft.example,EO\n'),
    })
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await page.locator('#error-summary-title').waitFor()

    const message = 'The first row must name the columns. Missing: name, organisation code'
    await page.assertPath('/admin/staff-imports/new')
    await page.assertTitleContains('Error: Import people from a file')
    await afterAutofocus(page)
    const focus = await focused(page)
    assert.equal(focus.id, 'error-summary-title', 'the error summary takes focus')
    const summary = page.getByRole('alert')
    await page.assertTextContains('#error-summary-title', 'There is a problem')
    const link = summary.getByRole('link', { name: message })
    assert.equal(await link.getAttribute('href'), '#field-file')

    const input = page.getByLabel('CSV file of people')
    assert.equal(await input.getAttribute('id'), 'field-file')
    assert.equal(await input.getAttribute('aria-invalid'), 'true')
    assert.include(await input.getAttribute('aria-describedby'), 'field-file-error')
    assert.equal(await textOf(page.locator('#field-file-error')), `Error: ${message}`)
    await page.assertAccessible()

    await link.click()
    const afterLink = await focused(page)
    assert.equal(afterLink.id, 'field-file', 'the summary link moves focus to the file input')
    assert.isNull(await StaffImport.query().first(), 'no import is kept')
    assert.isNull(await User.findBy('email', 'someone@dft.example'))
    await page.assertAccessible()
  })

  test('a keyboard user picks the file, uploads it and applies the import', async ({
    browserContext,
    assert,
  }) => {
    const { dvla, hr } = await departments()
    const page = await browserContext.visitAs(hr, '/admin/staff-imports/new')
    await page.waitForLoadState('networkidle')
    await page.assertAccessible()

    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'Skip to main content')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'Staff imports')
    await page.keyboard.press('Tab')
    await page.assertFocused('columns-table-caption', 'then the table of columns, which scrolls')
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'Download a template CSV')
    await page.keyboard.press('Tab')
    await page.assertFocused('field-file', 'then the file input')

    const chooser = await chooseFileByKeyboard(page)
    await chooser.setFiles(
      peopleFile(
        'keyboard.kim@dft.example,Keyboard Kim,dvla,HEO,,,',
        'bad.grade@dft.example,Bad Grade,dvla,Band 12,,,'
      )
    )
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'Upload and check', 'then the button')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/admin\/staff-imports\/\d+$/)
    await page.assertTextContains('main', 'Cannot be imported (1)')

    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const apply = await tabTo(page, /^Apply:/)
    assert.equal(apply.text, 'Apply: add 1, update 0')
    await page.assertAccessible()
    await page.keyboard.press('Enter')
    await page.assertTextContains('[role=status]', 'Import applied: 1 person added, 0 updated')
    const kim = await User.findByOrFail('email', 'keyboard.kim@dft.example')
    assert.equal(kim.organisationId, dvla.id)
    assert.equal(kim.grade, 'HEO')
    assert.isNull(await User.findBy('email', 'bad.grade@dft.example'))
    await page.assertAccessible()
  })

  test('an import being checked shows its progress without JavaScript, and with it the page reloads when the check ends', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { dft, hr } = await departments()
    const staffImport = await createStaffImport({
      uploadedBy: hr.id,
      scopeOrganisationId: dft.id,
      fileName: 'everyone.csv',
      status: 'checking',
      presentColumns: '',
      totalRows: 200,
      processedRows: 50,
    })
    const url = `/admin/staff-imports/${staffImport.id}`

    const withoutScript = await pageWithoutJavaScriptFor(browser, hr, cleanup)
    await withoutScript.goto(url)
    await withoutScript.assertTextContains('h1', 'Import of everyone.csv')
    await withoutScript.assertTextContains('#progress-heading', 'Checking the file')
    const progressShown = withoutScript.getByRole('progressbar', { name: 'Progress' })
    assert.equal(await progressShown.getAttribute('value'), '25')
    assert.equal(await progressShown.getAttribute('max'), '100')
    assert.equal(await textOf(withoutScript.locator('main [role=status]')), '25% done')
    const again = withoutScript.getByRole('link', { name: 'Check progress again' })
    assert.isTrue(await again.isVisible(), 'the noscript link is shown')
    assert.equal(await again.getAttribute('href'), url)
    await assertAccessibleWithoutJavaScript(browser, withoutScript)

    await again.click()
    await withoutScript.assertPath(url)
    await withoutScript.assertTextContains('#progress-heading', 'Checking the file')

    await browserContext.loginAs(hr)
    const page = await browserContext.newPage()
    await page.goto(url)
    const progress = page.getByRole('progressbar', { name: 'Progress' })
    await progress.waitFor()
    assert.isFalse(
      await page.getByRole('link', { name: 'Check progress again' }).isVisible(),
      'with JavaScript the page updates by itself'
    )
    await page.assertAccessible()
    const polled = page.waitForResponse((response) => response.url().endsWith(`${url}/progress`))
    await polled

    staffImport.merge({ status: 'checked', processedRows: 200 })
    await staffImport.save()
    await page.getByRole('table', { name: 'What the import will do' }).waitFor({ timeout: 15_000 })
    await page.assertPath(url)
    await page.assertTextContains('main', 'Status: Checked, not applied')
    assert.equal(await progress.count(), 0)
    await page.assertAccessible()
  })
})
