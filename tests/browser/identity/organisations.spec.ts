import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import Team from '#models/team'
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import { createTeam } from '#database/factories/fast_stream_factory'

/* The text of each cell of a table row, header cell first. */
async function rowCells(page: Page, table: string, rowName: string | RegExp) {
  const row = page.getByRole('table', { name: table }).getByRole('row', { name: rowName })
  const cells = await row.locator('th, td').allTextContents()
  return cells.map((cell) => cell.replace(/\s+/g, ' ').trim())
}

test.group('Organisations, teams and the audit trail, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin opens the organisation tree, adds a team to a department after an error, then changes it', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department for Testing' }).create()
    const agency = await createChildOrganisation(department, { name: 'Testing Standards Agency' })
    const admin = await createUser({ roles: ['capability_admin'], organisation: department })

    const page = await browserContext.visitAs(admin, '/')
    await page.getByRole('link', { name: 'Organisations and delivery teams' }).click()
    await page.assertPath('/admin/organisations')
    await page.assertTextContains('h1', 'Organisations')
    const links = await page.locator('main table tbody th[scope=row] a').allTextContents()
    const names = links.map((name) => name.trim())
    const departmentAt = names.indexOf('Department for Testing')
    assert.isAtLeast(departmentAt, 0)
    assert.equal(
      names[departmentAt + 1],
      'Testing Standards Agency',
      'the agency is listed under its department'
    )
    const agencyRow = page.locator('main table tbody tr', {
      has: page.getByRole('link', { name: agency.name }),
    })
    await agencyRow.getByText(', part of Department for Testing').waitFor({ state: 'attached' })
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Department for Testing' }).click()
    await page.assertPath(`/admin/organisations/${department.id}`)
    await page.assertTextContains('h1', 'Department for Testing')
    await page.assertTextContains('main', 'Department for Testing has no delivery teams.')
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Add a team' }).click()
    await page.assertPath(`/admin/organisations/${department.id}/teams/create`)
    await page.assertTextContains('h1', 'Add a team')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Add team' }).click()
    await page.assertPath(`/admin/organisations/${department.id}/teams/create`)
    await page.assertTitleContains('Error: Add a team to Department for Testing')
    await page.assertFocused('error-summary-title')
    const summaryLink = page.locator('[role=alert] a', { hasText: 'Enter a team name' })
    assert.equal(await summaryLink.getAttribute('href'), '#field-name')
    assert.equal(await page.getByLabel('Team name').getAttribute('aria-invalid'), 'true')
    await page.assertTextContains('#field-name-error', 'Enter a team name')
    await page.assertAccessible()

    await summaryLink.click()
    await page.assertFocused('field-name')
    await page.getByLabel('Team name').fill('Data Platform')
    await page.getByLabel('Location (optional)').fill('Leeds')
    await page.getByRole('button', { name: 'Add team' }).click()

    await page.assertPath(`/admin/organisations/${department.id}`)
    await page.assertTextContains('[role=status]', 'Team added: Data Platform')
    assert.deepEqual(
      await rowCells(page, 'Delivery teams in Department for Testing', /Data Platform/),
      ['Data Platform', 'Leeds', '0', 'Change Data Platform Delete Data Platform']
    )
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Change Data Platform' }).click()
    const team = await Team.findByOrFail('name', 'Data Platform')
    await page.assertPath(`/admin/teams/${team.id}/edit`)
    await page.assertTextContains('h1', 'Change Data Platform')
    assert.equal(await page.getByLabel('Team name').inputValue(), 'Data Platform')
    assert.equal(await page.getByLabel('Location (optional)').inputValue(), 'Leeds')
    await page.assertAccessible()

    await page.getByLabel('Team name').fill('Data Platform Engineering')
    await page.getByLabel('Location (optional)').fill('Bristol')
    await page.getByRole('button', { name: 'Save changes' }).click()

    await page.assertPath(`/admin/organisations/${department.id}`)
    await page.assertTextContains('[role=status]', 'Team updated: Data Platform Engineering')
    const cells = await rowCells(
      page,
      'Delivery teams in Department for Testing',
      /Data Platform Engineering/
    )
    assert.deepEqual(cells.slice(0, 2), ['Data Platform Engineering', 'Bristol'])
    assert.equal(
      await page.getByRole('rowheader', { name: 'Data Platform', exact: true }).count(),
      0
    )
    await page.assertAccessible()
  })

  test('department HR renames a team, then finds that change in the audit trail by filtering on the action', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department for Audits' }).create()
    const team = await createTeam(department, 'Payments', { location: 'Newcastle' })
    const hr = await createUser({
      roles: ['department_hr'],
      organisation: department,
      overrides: { fullName: 'Hana Records' },
    })

    const page = await browserContext.visitAs(hr, `/admin/organisations/${department.id}`)
    await page.getByRole('link', { name: 'Change Payments' }).click()
    await page.assertPath(`/admin/teams/${team.id}/edit`)
    await page.getByLabel('Team name').fill('Payments and Refunds')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.assertTextContains('[role=status]', 'Team updated: Payments and Refunds')
    await page.assertAccessible()

    await page.goto('/')
    await page.getByRole('link', { name: 'Audit trail' }).first().click()
    await page.assertPath('/admin/audit')
    await page.assertTextContains('h1', 'Audit trail')
    const before = await page.locator('main table tbody tr').count()
    assert.isAbove(before, 1, 'the trail holds more than the one change before filtering')
    await page.assertAccessible()

    await page.getByLabel('Action').selectOption({ label: 'Update' })
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/[?&]action=update(&|$)/)
    assert.equal(
      await page.getByLabel('Action').inputValue(),
      'update',
      'the chosen action stays selected'
    )
    await page.assertTextContains('main [role=status]', '1 event found')

    const row = page.locator('main table tbody tr')
    assert.equal(await row.count(), 1)
    const text = (await row.textContent())!.replace(/\s+/g, ' ')
    assert.include(text, 'Hana Records')
    assert.include(text, hr.email)
    assert.include(text, 'Update')
    assert.include(text, 'Payments and Refunds')
    const change = row.locator('dl > div', { has: page.locator('dt', { hasText: 'Name' }) })
    assert.equal(
      (await change.locator('dd').textContent())!.replace(/\s+/g, ' ').trim(),
      'Payments → changed to Payments and Refunds'
    )
    await page.assertAccessible()
  })
})
