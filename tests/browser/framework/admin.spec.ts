import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { focusedIds } from '#tests/support/focus'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { matrixCell } from '#tests/support/skill_matrix'

/* What a screen reader hears for a cell of a role's matrix, by skill and role level. */
async function heardInMatrix(page: Page, role: string, skill: string, level: string) {
  const cell = await matrixCell(page, role, skill, level)
  return cell.ariaSnapshot()
}

function matrixSkills(page: Page, role: string) {
  return textsOf(
    page
      .getByRole('table', { name: `Skill levels needed by each level of ${role}` })
      .getByRole('rowheader')
  )
}

async function productManager() {
  return createRole({
    family: 'Product and delivery',
    role: 'Product manager',
    levels: [
      { name: 'Associate product manager', needs: { 'Agile working': 2, 'User focus': 1 } },
      { name: 'Product manager', needs: { 'Agile working': 3, 'User focus': 3 } },
    ],
  })
}

/* A CSV written to a folder of its own, removed by the caller's cleanup. */
async function csvFile(folder: string, name: string, lines: string[]) {
  const path = join(folder, name)
  await writeFile(path, `${lines.join('\n')}\n`, 'utf8')
  return path
}

const HEADER = 'role_family,role,role_level,skill,skill_level'

test.group('Editing the capability framework, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin adds a skill after a missing-descriptor error, requires it on a role level, and retiring it hides it from the role page until it is restored', async ({
    browserContext,
    assert,
  }) => {
    const { role, levels } = await productManager()
    const admin = await createUser({ roles: ['capability_admin'] })

    const page = await browserContext.visitAs(admin, '/framework/admin')
    await page.assertTextContains('h1', 'Edit the capability framework')
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Add a skill', exact: true }).click()
    await page.assertPath('/framework/admin/skills/create')
    await page.assertTextContains('h1', 'Add a skill')
    await page.assertAccessible()

    await page.getByLabel('Skill name', { exact: true }).fill('Service ownership')
    await page.getByLabel('Category', { exact: true }).fill('Product and delivery')
    await page.getByLabel('1. Awareness').fill('Knows who owns each part of a service.')
    await page.getByLabel('2. Working').fill('Looks after part of a live service.')
    await page.getByLabel('4. Expert').fill('Sets how services are owned across a department.')
    await page.getByRole('button', { name: 'Add skill' }).click()

    await page.assertTitleContains('Error: Add a skill')
    await page.assertPath('/framework/admin/skills/create')
    const summary = page.getByRole('alert')
    assert.deepEqual(await textsOf(summary.getByRole('link')), [
      'Enter the Practitioner descriptor',
    ])
    assert.deepEqual(await focusedIds(page, 'error-summary-title'), {
      id: '',
      labelledBy: 'error-summary-title',
    })
    const summaryLink = summary.getByRole('link', { name: 'Enter the Practitioner descriptor' })
    assert.equal(await summaryLink.getAttribute('href'), '#field-descriptor3')
    const practitioner = page.getByLabel('3. Practitioner')
    assert.equal(await practitioner.getAttribute('aria-invalid'), 'true')
    await page.assertTextContains('#field-descriptor3-error', 'Enter the Practitioner descriptor')
    assert.equal(
      await page.getByLabel('Skill name', { exact: true }).inputValue(),
      'Service ownership',
      'what was typed is kept'
    )
    assert.equal(
      await page.getByLabel('4. Expert').inputValue(),
      'Sets how services are owned across a department.'
    )
    await page.assertAccessible()

    await summaryLink.click()
    assert.deepInclude(await focusedIds(page), { id: 'field-descriptor3' })
    await practitioner.fill('Owns a live service and its roadmap.')
    await page.getByRole('button', { name: 'Add skill' }).click()

    await page.assertPath('/framework/admin/skills')
    await page.assertTextContains('[role=status]', 'Skill added: Service ownership')
    const skills = page.getByRole('table', { name: 'Product and delivery' })
    assert.deepEqual(await rowCells(skills, 'Service ownership'), [
      'Service ownership',
      '0',
      'Live',
    ])
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Back to editing the framework' }).click()
    await page.assertPath('/framework/admin')
    await page.assertTextContains('h1', 'Edit the capability framework')
    await page.assertTextContains('main', 'Skills: 3 live')
    await page.assertAccessible()
    await page.getByRole('link', { name: 'Associate product manager' }).click()
    await page.assertPath(`/framework/admin/levels/${levels[0].id}/edit`)
    await page.assertTextContains('h1', 'Change Associate product manager')
    await page.assertAccessible()

    await page.getByLabel('Skill', { exact: true }).selectOption({ label: 'Service ownership' })
    await page
      .getByRole('group', { name: 'Level the role needs' })
      .getByRole('radio', { name: 'Practitioner' })
      .check()
    await page.getByRole('button', { name: 'Add skill' }).click()

    await page.assertTextContains(
      '[role=status]',
      'Associate product manager now needs Service ownership at Practitioner level'
    )
    await page.assertPath(`/framework/admin/levels/${levels[0].id}/edit`)
    const requirements = page.getByRole('table', {
      name: 'Skills Associate product manager needs and at what level',
    })
    const added = await rowCells(requirements, 'Service ownership')
    assert.deepEqual(added.slice(0, 2), ['Service ownership', 'Practitioner'])
    assert.equal(
      await page
        .getByLabel('Skill', { exact: true })
        .locator('option', { hasText: 'Service ownership' })
        .count(),
      0,
      'a skill the level already needs is no longer offered'
    )
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Back to Product manager' }).click()
    await page.assertPath(`/framework/admin/roles/${role.id}/edit`)
    await page.assertAccessible()
    await page.getByRole('link', { name: 'See Product manager in the framework' }).click()
    await page.assertPath(`/framework/roles/${role.id}`)
    assert.equal(
      await heardInMatrix(
        page,
        'Product manager',
        'Service ownership',
        'Associate product manager'
      ),
      '- cell "Practitioner"'
    )
    assert.equal(
      await heardInMatrix(page, 'Product manager', 'Service ownership', 'Product manager'),
      '- cell "Not needed"'
    )
    await page.assertAccessible()

    await page.getByRole('rowheader', { name: 'Service ownership' }).getByRole('link').click()
    await page.assertPathMatches(/^\/framework\/skills\/\d+$/)
    const skillPath = new URL(page.url()).pathname
    assert.deepEqual(await textsOf(page.locator('main dd')), [
      'Knows who owns each part of a service.',
      'Looks after part of a live service.',
      'Owns a live service and its roadmap.',
      'Sets how services are owned across a department.',
    ])
    await page.assertAccessible()
    await page.getByRole('link', { name: 'Change this skill (Service ownership)' }).click()
    await page.assertPathMatches(/^\/framework\/admin\/skills\/\d+\/edit$/)
    await page.assertTextContains('h1', 'Change Service ownership')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Retire skill' }).click()
    await page.assertPath('/framework/admin/skills')
    await page.assertTextContains(
      '[role=status]',
      'Service ownership retired: it no longer appears in the framework'
    )
    assert.deepEqual(await rowCells(skills, 'Service ownership'), [
      'Service ownership',
      '1',
      'Retired Restore Service ownership',
    ])
    await page.assertAccessible()

    await page.goto(`/framework/roles/${role.id}`)
    await page.assertTextContains('h1', 'Product manager')
    assert.deepEqual(await matrixSkills(page, 'Product manager'), ['Agile working', 'User focus'])
    assert.notInclude(await page.locator('main').textContent(), 'Service ownership')
    await page.assertAccessible()
    const retired = await page.goto(skillPath)
    assert.equal(retired?.status(), 404, 'the retired skill has no public page')
    await page.assertAccessible()

    await page.goto('/framework/admin/skills')
    await page.assertTextContains('h1', 'Skills')
    await page.assertAccessible()
    await page.getByRole('button', { name: 'Restore Service ownership' }).click()
    await page.assertTextContains('[role=status]', 'Service ownership restored')
    await page.assertPath('/framework/admin/skills')
    assert.deepEqual(await rowCells(skills, 'Service ownership'), [
      'Service ownership',
      '1',
      'Live',
    ])
    await page.assertAccessible()

    await page.goto(`/framework/roles/${role.id}`)
    assert.deepEqual(await matrixSkills(page, 'Product manager'), [
      'Agile working',
      'Service ownership',
      'User focus',
    ])
    assert.equal(
      await heardInMatrix(
        page,
        'Product manager',
        'Service ownership',
        'Associate product manager'
      ),
      '- cell "Practitioner"',
      'the requirement comes back with the skill'
    )
    await page.assertAccessible()
  })

  test('a capability admin imports a CSV: a bad row is shown by line and reason with nothing to apply, then a good file is previewed, applied and its role appears in the framework', async ({
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    await productManager()
    const admin = await createUser({ roles: ['capability_admin'] })
    await browserContext.loginAs(admin)
    const folder = await mkdtemp(join(tmpdir(), 'framework-import-'))
    cleanup(() => rm(folder, { recursive: true, force: true }))
    const bad = await csvFile(folder, 'data-bad.csv', [
      HEADER,
      'Data,Data analyst,Associate data analyst,Data visualisation,Working',
      'Data,Data analyst,Data analyst,Data visualisation,Master',
      'Data,Data analyst,Data analyst,Statistics,Working',
    ])
    const good = await csvFile(folder, 'data.csv', [
      HEADER,
      'Data,Data analyst,Associate data analyst,Data visualisation,Working',
      'Data,Data analyst,Associate data analyst,Statistics,Awareness',
      'Data,Data analyst,Data analyst,Data visualisation,Practitioner',
      'Data,Data analyst,Data analyst,Statistics,Working',
    ])

    const page = await visit('/framework/import')
    await page.assertTextContains('h1', 'Import the framework')
    await page.assertAccessible()

    await page.getByLabel('CSV file').setInputFiles(bad)
    await page.getByRole('button', { name: 'Upload and preview' }).click()
    await page.assertPathMatches(/^\/framework\/import\/\d+$/)
    await page.assertTextContains('h1', 'Check the import')
    await page.assertTitleContains('Error: Check the import')
    await page.assertTextContains('main', 'File: data-bad.csv')
    const problems = page.getByRole('alert')
    assert.equal(await textOf(problems.getByRole('heading')), '1 row has a problem')
    assert.deepEqual(await focusedIds(page, 'row-errors'), { id: '', labelledBy: 'row-errors' })
    const rows = problems.getByRole('table', { name: 'Rows with problems' })
    assert.deepEqual(await rowCells(rows, '3'), [
      '3',
      'Skill level "Master" is not one of Awareness, Working, Practitioner, Expert',
    ])
    assert.equal(await rows.locator('tbody tr').count(), 1)
    assert.equal(await page.getByRole('button', { name: 'Apply the import' }).count(), 0)
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Upload another file' }).click()
    await page.assertPath('/framework/import')
    await page.assertAccessible()
    await page.getByLabel('CSV file').setInputFiles(good)
    await page.getByRole('button', { name: 'Upload and preview' }).click()
    await page.assertPathMatches(/^\/framework\/import\/\d+$/)
    await page.assertTextContains('main', 'File: data.csv')
    assert.notMatch(await page.title(), /^Error:/)
    assert.equal(await textOf(page.getByRole('status')), '4 rows read. 0 requirements unchanged.')
    const plan = page.getByRole('table', { name: 'What the import will do' })
    const planRows = await plan.locator('tbody tr').all()
    const counts = Object.fromEntries(
      await Promise.all(
        planRows.map(async (row) => [
          await textOf(row.locator('th')),
          await textOf(row.locator('td')),
        ])
      )
    )
    assert.deepEqual(counts, {
      'Role families to add': '1',
      'Roles to add': '1',
      'Role levels to add': '2',
      'Skills to add': '2',
      'Requirements to add': '4',
      'Requirements to change': '0',
      'Retired records to restore': '0',
      'Roles to retire': '0',
      'Role levels to retire': '0',
      'Requirements to remove': '0',
    })
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Apply the import' }).click()
    await page.assertPath('/framework')
    await page.assertTextContains(
      '[role=status]',
      'Import applied: 4 requirements added, 0 changed, 0 removed'
    )
    const data = page.getByRole('region', { name: 'Data', exact: true })
    assert.deepEqual(await textsOf(data.getByRole('listitem')), ['Data analyst (2 levels)'])
    const product = page.getByRole('region', { name: 'Product and delivery' })
    assert.deepEqual(
      await textsOf(product.getByRole('listitem')),
      ['Product manager (2 levels)'],
      'a family the file does not name is left alone'
    )
    await page.assertAccessible()

    await data.getByRole('link', { name: 'Data analyst' }).click()
    await page.assertTextContains('h1', 'Data analyst')
    assert.equal(
      await heardInMatrix(page, 'Data analyst', 'Statistics', 'Data analyst'),
      '- cell "Working"'
    )
    await page.assertAccessible()
  })
})
