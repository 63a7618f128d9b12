import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { AxeBuilder } from '@axe-core/playwright'
import type { Locator, Page } from 'playwright'
import { activeElement, tabUntil } from '#tests/support/focus'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { textOf, textsOf } from '#tests/support/page_text'
import { contentWidth, documentWidth } from '#tests/support/page_widths'
import { matrixCell } from '#tests/support/skill_matrix'

const PHONE = { width: 375, height: 700 }

/* The option a select shows, as "Group: Option" when it sits in an optgroup. */
function selectedOption(select: Locator) {
  return select.evaluate((element: HTMLSelectElement) => {
    const option = element.selectedOptions[0]
    if (!option) return null
    const group = option.parentElement instanceof HTMLOptGroupElement ? option.parentElement : null
    const label = option.textContent?.trim()
    return group ? `${group.label}: ${label}` : label
  })
}

/* With the select focused, presses ArrowDown until it shows the wanted option. */
async function arrowDownTo(page: Page, select: Locator, wanted: string) {
  for (let presses = 0; presses < 20; presses++) {
    if ((await selectedOption(select)) === wanted) return
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(
    `ArrowDown never reached "${wanted}"; the select shows ${await selectedOption(select)}`
  )
}

/* Product management: two roles in one family, so a search has something to leave out. */
async function productAndDelivery() {
  const product = await createRole({
    family: 'Product and delivery',
    role: 'Product manager',
    levels: [
      {
        name: 'Associate product manager',
        needs: { 'User focus': 1, 'Agile working': 2 },
        typicalGrades: ['HEO'],
      },
      {
        name: 'Product manager',
        needs: { 'User focus': 3, 'Agile working': 3, 'Strategic thinking': 2 },
        typicalGrades: ['SEO'],
      },
      {
        name: 'Senior product manager',
        needs: { 'User focus': 4, 'Agile working': 3, 'Strategic thinking': 3 },
        typicalGrades: ['G7'],
      },
    ],
  })
  const delivery = await createRole({
    family: 'Product and delivery',
    role: 'Delivery manager',
    levels: [
      { name: 'Associate delivery manager', needs: { 'Agile working': 2 } },
      { name: 'Delivery manager', needs: { 'Agile working': 3, 'Team dynamics': 2 } },
    ],
  })
  return { product, delivery }
}

test.group('Browsing the capability framework, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner finds a role through Framework in the navigation, reads its matrix and opens a skill with its four levels', async ({
    browserContext,
    assert,
  }) => {
    const { product } = await productAndDelivery()
    const learner = await createUser({ roles: ['learner'] })
    const page = await browserContext.visitAs(learner, '/')
    await page.assertAccessible()

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Framework' })
      .click()
    await page.assertPath('/framework')
    await page.assertTextContains('h1', 'Capability framework')
    const current = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current=page]')
    assert.equal(await textOf(current), 'Framework')
    assert.equal(
      await page.getByRole('navigation', { name: 'Framework editing' }).count(),
      0,
      'a learner is offered no editing links'
    )
    await page.assertAccessible()

    await page.getByLabel('Search roles and skills').fill('product manager')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/framework\?q=product\+manager$/)
    await page.assertTitleContains(
      'Search results for “product manager”: 1 role, 3 role levels and 0 skills found'
    )
    const results = page.getByRole('region', { name: 'Results for “product manager”' })
    assert.equal(
      await textOf(results.locator('p').first()),
      '1 role, 3 role levels and 0 skills found',
      'the count of results is also on the page, and in the title a screen reader reads on arrival'
    )
    assert.deepEqual(await textsOf(results.locator('h3')), ['Roles', 'Role levels'])
    assert.equal(
      await results.getByRole('link', { name: 'Delivery manager' }).count(),
      0,
      'a role that does not match is not among the results'
    )
    await page.assertAccessible()

    const roleResults = results.locator('h3:text-is("Roles") + ul')
    assert.deepEqual(await textsOf(roleResults.getByRole('listitem')), [
      'Product manager (Product and delivery)',
    ])
    await roleResults.getByRole('link', { name: 'Product manager', exact: true }).click()
    await page.assertPath(`/framework/roles/${product.role.id}`)
    await page.assertTextContains('h1', 'Product manager')
    await page.assertTitleContains('Product manager')
    assert.deepEqual(await textsOf(page.locator('main ol > li > strong')), [
      'Associate product manager',
      'Product manager',
      'Senior product manager',
    ])
    await page.assertTextContains('main ol', 'typically HEO')
    await page.assertAccessible()

    const matrix = page.getByRole('table', {
      name: 'Skill levels needed by each level of Product manager',
    })
    assert.deepEqual(await textsOf(matrix.getByRole('columnheader')), [
      'Skill',
      'Associate product manager',
      'Product manager',
      'Senior product manager',
    ])
    assert.deepEqual(await textsOf(matrix.getByRole('rowheader')), [
      'Agile working',
      'Strategic thinking',
      'User focus',
    ])
    const practitioner = await matrixCell(page, 'Product manager', 'User focus', 'Product manager')
    assert.equal(
      await practitioner.ariaSnapshot(),
      '- cell "Practitioner"',
      'a screen reader hears the level in full, not its initial'
    )
    assert.equal(await practitioner.locator('abbr').textContent(), 'P', 'sighted users see P')
    assert.equal(await practitioner.locator('abbr').getAttribute('title'), 'Practitioner')
    const awareness = await matrixCell(
      page,
      'Product manager',
      'User focus',
      'Associate product manager'
    )
    assert.equal(await awareness.ariaSnapshot(), '- cell "Awareness"')
    const expert = await matrixCell(page, 'Product manager', 'User focus', 'Senior product manager')
    assert.equal(await expert.ariaSnapshot(), '- cell "Expert"')
    const notNeeded = await matrixCell(
      page,
      'Product manager',
      'Strategic thinking',
      'Associate product manager'
    )
    assert.equal(await notNeeded.ariaSnapshot(), '- cell "Not needed"')
    assert.equal(
      await matrix
        .getByRole('row', { name: /^User focus/ })
        .getByRole('cell', { name: 'Practitioner', exact: true })
        .count(),
      1,
      'the row reads Practitioner once, under Product manager'
    )

    await matrix.getByRole('rowheader', { name: 'User focus' }).getByRole('link').click()
    await page.assertPathMatches(/^\/framework\/skills\/\d+$/)
    await page.assertTextContains('h1', 'User focus')
    const levels = page.locator('main dl')
    assert.deepEqual(await textsOf(levels.locator('dt')), [
      '1. Awareness',
      '2. Working',
      '3. Practitioner',
      '4. Expert',
    ])
    assert.deepEqual(await textsOf(levels.locator('dd')), [
      'User focus at level 1.',
      'User focus at level 2.',
      'User focus at level 3.',
      'User focus at level 4.',
    ])
    const usage = page.getByRole('table', {
      name: 'Role levels that need User focus, highest level first',
    })
    assert.deepEqual(await textsOf(usage.getByRole('rowheader')), [
      'Senior product manager',
      'Product manager',
      'Associate product manager',
    ])
    await page.assertAccessible()
  })

  test('a learner lists every skill by category, with the role levels needing each, and downloads the list', async ({
    browserContext,
    visit,
    assert,
  }) => {
    await productAndDelivery()
    await browserContext.loginAs(await createUser({ roles: ['learner'] }))
    const page = await visit('/framework')
    await page.getByRole('link', { name: 'All skills by category' }).click()
    await page.assertPath('/framework/skills')
    await page.assertTextContains('h1', 'Skills')
    const categories = page.getByRole('navigation', { name: 'Categories' })
    assert.deepEqual(await textsOf(categories.getByRole('link')), ['Product and delivery'])
    const section = page.getByRole('region', { name: /^Product and delivery/ })
    assert.deepEqual(await textsOf(section.getByRole('listitem')), [
      'Agile working (5 role levels)',
      'Strategic thinking (2 role levels)',
      'Team dynamics (1 role level)',
      'User focus (3 role levels)',
    ])
    await page.assertAccessible()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV of every skill' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^framework-skills-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = await readFile((await download.path())!, 'utf8')
    assert.deepEqual(text.trim().split('\n').slice(0, 2), [
      'Skill,Category,Description,Role levels needing it',
      'Agile working,Product and delivery,About Agile working.,5',
    ])
  })

  test('comparing two role levels with the keyboard: one level alone brings a focused error summary, both show the skills to raise and the new ones', async ({
    browserContext,
    assert,
  }) => {
    await productAndDelivery()
    const learner = await createUser({ roles: ['learner'] })
    const page = await browserContext.visitAs(learner, '/framework')
    await page.assertAccessible()

    await tabUntil(
      page,
      'the "Compare two role levels" link',
      (el) => el.text === 'Compare two role levels'
    )
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/framework\/progression$/)
    await page.assertTextContains('h1', 'Compare two role levels')
    await page.assertTitleContains('Compare two role levels')
    await page.assertAccessible()

    const from = page.getByLabel('From (where you are now)')
    const to = page.getByLabel('To (where you want to be)')
    await tabUntil(page, 'the From select', (el) => el.id === 'field-from')
    assert.equal(await selectedOption(from), 'Select a role level')
    await arrowDownTo(page, from, 'Product manager: Associate product manager')
    await page.keyboard.press('Tab')
    assert.deepInclude(await activeElement(page), { id: 'field-to' })
    await page.keyboard.press('Tab')
    assert.deepInclude(await activeElement(page), { tag: 'button', text: 'Compare' })
    await page.keyboard.press('Enter')

    await page.waitForURL(/\/framework\/progression\?from=\d+&to=$/)
    assert.match(await page.title(), /^Error: Compare two role levels/, 'the title starts "Error:"')
    const summary = page.getByRole('alert')
    assert.equal(await textOf(summary.getByRole('heading')), 'There is a problem')
    assert.deepInclude(
      await activeElement(page),
      { labelledBy: 'error-summary-title' },
      'the error summary has focus'
    )
    assert.deepEqual(await textsOf(summary.getByRole('link')), [
      'Select the role level you want to move to',
    ])
    const summaryLink = summary.getByRole('link', {
      name: 'Select the role level you want to move to',
    })
    assert.equal(await summaryLink.getAttribute('href'), '#field-to')
    assert.equal(await to.getAttribute('aria-invalid'), 'true')
    await page.assertTextContains('#field-to-error', 'Select the role level you want to move to')
    assert.include(await to.getAttribute('aria-describedby'), 'field-to-error')
    assert.isNull(await from.getAttribute('aria-invalid'), 'the level chosen is not in error')
    assert.equal(
      await selectedOption(from),
      'Product manager: Associate product manager',
      'the level chosen is kept'
    )
    await page.assertAccessible()

    await page.keyboard.press('Tab')
    assert.deepInclude(await activeElement(page), {
      text: 'Select the role level you want to move to',
    })
    await page.keyboard.press('Enter')
    assert.deepInclude(
      await activeElement(page),
      { id: 'field-to' },
      'the summary link moves focus to To'
    )
    await arrowDownTo(page, to, 'Product manager: Product manager')
    await page.keyboard.press('Tab')
    assert.deepInclude(await activeElement(page), { text: 'Compare' })
    await page.keyboard.press('Enter')

    await page.waitForURL(/\/framework\/progression\?from=\d+&to=\d+$/)
    await page.assertTitleContains('Associate product manager to Product manager')
    assert.notMatch(await page.title(), /^Error:/)
    assert.equal(await page.getByRole('alert').count(), 0)
    await page.assertTextContains('main h2', 'Associate product manager to Product manager')
    assert.equal(
      await textOf(page.getByRole('status')),
      '2 skills to raise, 1 new, 0 already at the level needed.'
    )
    const raise = page.getByRole('table', { name: 'Skills to raise, biggest step first' })
    assert.deepEqual(await textsOf(raise.getByRole('columnheader')), ['Skill', 'From', 'To'])
    const raiseRows = await raise.locator('tbody tr').all()
    assert.deepEqual(await Promise.all(raiseRows.map((row) => textsOf(row.locator('th, td')))), [
      ['User focus', 'Awareness', 'Practitioner'],
      ['Agile working', 'Working', 'Practitioner'],
    ])
    const fresh = page.getByRole('table', { name: 'Skills new to the target role level' })
    assert.deepEqual(await textsOf(fresh.locator('tbody tr').first().locator('th, td')), [
      'Strategic thinking',
      'Working',
    ])
    assert.equal(await fresh.locator('tbody tr').count(), 1)
    assert.equal(await selectedOption(from), 'Product manager: Associate product manager')
    assert.equal(await selectedOption(to), 'Product manager: Product manager')
    await page.assertAccessible()
  })

  test('on a 375 px screen the role matrix scrolls inside a region reached with Tab, and the page itself never scrolls sideways', async ({
    browserContext,
    assert,
  }) => {
    const { role } = await createRole({
      family: 'Data',
      role: 'Data engineer',
      levels: [
        { name: 'Apprentice data engineer', needs: { 'Data modelling': 1, 'Programming': 1 } },
        { name: 'Junior data engineer', needs: { 'Data modelling': 2, 'Programming': 2 } },
        { name: 'Data engineer', needs: { 'Data modelling': 3, 'Programming': 3 } },
        { name: 'Senior data engineer', needs: { 'Data modelling': 3, 'Programming': 4 } },
        { name: 'Lead data engineer', needs: { 'Data modelling': 4, 'Programming': 4 } },
        { name: 'Principal data engineer', needs: { 'Data modelling': 4, 'Programming': 4 } },
      ],
    })
    const learner = await createUser({ roles: ['learner'] })
    await browserContext.loginAs(learner)
    const page = await browserContext.newPage()
    await page.setViewportSize(PHONE)
    await page.goto(`/framework/roles/${role.id}`)
    await page.assertTextContains('h1', 'Data engineer')
    const atLoad = await documentWidth(page)
    await page.assertAccessible()

    const region = page.getByRole('region', { name: 'Skills each level needs' })
    const size = await contentWidth(region)
    assert.isAbove(size.scrollWidth, size.clientWidth, 'the matrix is wider than the screen')

    const scrollable = await new AxeBuilder({ page })
      .withRules(['scrollable-region-focusable'])
      .analyze()
    assert.deepEqual(scrollable.violations, [])
    assert.includeMembers(
      scrollable.passes.map((rule) => rule.id),
      ['scrollable-region-focusable'],
      'axe found the scrollable region and it passes'
    )

    await tabUntil(page, 'the matrix region', (el) => el.role === 'region')
    assert.deepInclude(await activeElement(page), { labelledBy: 'matrix-heading' })
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(
      () => (document.querySelector('[aria-labelledby=matrix-heading]')?.scrollLeft ?? 0) > 0
    )

    const afterScrolling = await documentWidth(page)
    await page.assertAccessible()
    assert.isAtMost(
      atLoad.scrollWidth,
      atLoad.innerWidth + 1,
      'as loaded, the document is no wider than the viewport'
    )
    assert.isAtMost(
      afterScrolling.scrollWidth,
      afterScrolling.innerWidth + 1,
      'with the matrix scrolled, the document is no wider than the viewport'
    )
  })
})
