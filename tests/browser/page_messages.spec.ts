import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { createRound, createTeam, createTeamLead } from '#database/factories/fast_stream_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { afterAutofocus } from '#tests/support/focus'
import { textOf } from '#tests/support/page_text'

const DESKTOP = { width: 1280, height: 720 }
const PHONE = { width: 320, height: 640 }

/* A team lead with an open round and a skill to offer a placement in, and the offer form. */
async function placementForm() {
  const { agencyA } = await twoDepartments({ hrA: false })
  const team = await createTeam(agencyA, 'Vehicle tax')
  const lead = await createTeamLead(team, { organisation: agencyA })
  await createRound({ name: 'Open round' })
  await createSkill('User research', 'User-centred design')
  return { lead, url: '/fast-stream/team/placements/create' }
}

/* Every radio and checkbox on the page: its name and its size on screen. */
function choiceSizes(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('input[type=radio], input[type=checkbox]')).map(
      (input) => {
        const box = input.getBoundingClientRect()
        return { id: input.id, width: box.width, height: box.height }
      }
    )
  )
}

test.group('Page messages, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('after a form is saved the success banner has focus, so a screen reader reads it, at 1280 and 320 px', async ({
    browserContext,
    assert,
  }) => {
    const { departmentA, hrA } = await twoDepartments()
    for (const [index, size] of [DESKTOP, PHONE].entries()) {
      const page = await browserContext.visitAs(hrA, '/admin/users/create')
      await page.setViewportSize(size)
      await page.getByLabel('Full name').fill(`Margaret Hamilton ${index}`)
      await page
        .getByLabel('Email address', { exact: true })
        .fill(`margaret.${index}@example.gov.uk`)
      await page.getByLabel('Initial password').fill('a-long-initial-password')
      await page.getByLabel('Organisation').selectOption(String(departmentA.id))
      await page.getByRole('button', { name: 'Add person' }).click()
      await page.waitForURL((url) => !url.pathname.endsWith('/create'))
      await page.assertFocused('success-banner-title', 'the success banner has focus')
      const banner = page.locator('main [role=status]')
      assert.equal(await textOf(banner), 'Person added')
      await page.assertAccessible()
      await page.close()
    }
  })

  test('an error summary link moves focus to its field and shows the field’s label, at 1280 and 320 px', async ({
    browserContext,
    assert,
  }) => {
    const { lead, url } = await placementForm()
    for (const size of [DESKTOP, PHONE]) {
      const page = await browserContext.visitAs(lead, url)
      await page.setViewportSize(size)
      await page.getByRole('button', { name: 'Offer placement' }).click()
      await afterAutofocus(page)
      await page.assertFocused('error-summary-title', 'the error summary has focus')
      await page.assertAccessible()
      await page
        .getByRole('link', {
          name: 'Describe the placement: the team, the work and what the entrant will do',
        })
        .click()
      await page.assertFocused('field-description', 'the link moves focus to the field')
      const label = await page.locator('label[for=field-description]').boundingBox()
      const height = page.viewportSize()!.height
      assert.isAtLeast(label!.y, 0, 'the label is not above the top of the screen')
      assert.isAtMost(label!.y + label!.height, height, 'the label is on the screen')
      await page.close()
    }
  })

  test('radios and checkboxes are GOV.UK’s 40 px, and never under 24 px, at 1280 and 320 px', async ({
    browserContext,
    assert,
  }) => {
    const { lead, url } = await placementForm()
    const { hrA } = await twoDepartments()
    for (const [user, address] of [
      [lead, url],
      [hrA, '/admin/users/create'],
      [hrA, '/admin/users'],
    ] as const) {
      for (const size of [DESKTOP, PHONE]) {
        const page = await browserContext.visitAs(user, address)
        await page.setViewportSize(size)
        const sizes = await choiceSizes(page)
        assert.isNotEmpty(sizes, `${address} has radios or checkboxes`)
        for (const choice of sizes) {
          const where = `${choice.id} on ${address} at ${size.width} px`
          assert.isAtLeast(choice.width, 24, where)
          assert.isAtLeast(choice.height, 24, where)
        }
        if (address !== '/admin/users') {
          for (const choice of sizes) {
            assert.equal(Math.round(choice.width), 40, `${choice.id} on ${address}`)
            assert.equal(Math.round(choice.height), 40, `${choice.id} on ${address}`)
          }
        }
        await page.assertAccessible()
        await page.close()
      }
    }
  })

  test('an area’s section navigation shows its current page in bold, not only to screen readers', async ({
    browserContext,
    assert,
  }) => {
    const { hrA } = await twoDepartments()
    for (const size of [DESKTOP, PHONE]) {
      const page = await browserContext.visitAs(hrA, '/workforce/gaps')
      await page.setViewportSize(size)
      const links = page.getByRole('navigation', { name: 'Workforce planning' }).getByRole('link')
      const weights = await links.evaluateAll((all) =>
        all.map((link) => ({
          text: link.textContent?.trim(),
          current: link.getAttribute('aria-current'),
          weight: Number(getComputedStyle(link).fontWeight),
        }))
      )
      assert.deepEqual(
        weights.filter((link) => link.current === 'page').map((link) => link.text),
        ['Gap register']
      )
      for (const link of weights) {
        if (link.current) assert.isAtLeast(link.weight, 700, `${link.text} is bold`)
        else assert.isBelow(link.weight, 700, `${link.text} is not`)
      }
      await page.assertAccessible()
      await page.close()
    }
  })
})
