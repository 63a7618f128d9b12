import { test } from '@japa/runner'
import { capabilityFixture } from '#tests/support/fixtures/capability'
import testUtils from '@adonisjs/core/services/test_utils'

/* The text of a table's rows, tags stripped and spaces collapsed, for plain assertions. */
function rowsOf(html: string) {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) =>
    match[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

test.group('Team skills matrix', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('someone who manages no one and has no HR role is refused with 403', async ({ client }) => {
    const { alice } = await capabilityFixture()
    const page = await client.get('/capability/team').loginAs(alice)
    page.assertStatus(403)
    const csv = await client.get('/capability/team.csv').loginAs(alice)
    csv.assertStatus(403)
  })

  test('a line manager sees only their direct reports, with validated levels counting over self-assessed ones', async ({
    client,
    assert,
  }) => {
    const { max } = await capabilityFixture()
    const page = await client.get('/capability/team').loginAs(max)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Alice Able')
    assert.include(html, 'Bob Baker')
    assert.notInclude(html, 'Carol Cole')
    assert.notInclude(html, 'Quentin Quill')
    assert.notInclude(html, 'Strategic thinking')
    assert.include(html, '<caption')
    assert.include(html, 'class="relative overflow-x-auto" tabindex="0"')

    const rows = rowsOf(html)
    const alice = rows.find((row) => row.startsWith('Alice Able'))!
    const bob = rows.find((row) => row.startsWith('Bob Baker'))!
    // Columns are Agile working then User focus.
    assert.equal(
      alice,
      'Alice Able ’s development plan Delivery manager 3 of 3 needed ▼ 1 * self-assessed of 2 needed (below the level)'
    )
    assert.equal(
      bob,
      'Bob Baker ’s development plan Delivery manager ▼ 2 of 3 needed (below the level) ▼ None of 2 needed (below the level)'
    )
    const totals = rows.find((row) => row.startsWith('People below the level'))!
    assert.equal(totals, 'People below the level (all pages) 1 of 2 2 of 2')
    assert.include(html, 'Self-assessed: the person’s own level')
  })

  test('department HR sees their organisation and its agencies but never another department', async ({
    client,
    assert,
  }) => {
    const { hrA, hrB } = await capabilityFixture()
    const page = await client.get('/capability/team').loginAs(hrA)
    page.assertStatus(200)
    const html = page.text()
    for (const name of ['Alice Able', 'Bob Baker', 'Carol Cole']) assert.include(html, name)
    assert.notInclude(html, 'Quentin Quill')
    assert.include(html, '<strong>3</strong> people')
    const totals = rowsOf(html).find((row) => row.startsWith('People below the level'))!
    // Agile working, Strategic thinking, User focus.
    assert.equal(totals, 'People below the level (all pages) 1 of 3 0 of 1 2 of 2')

    const other = await client.get('/capability/team').loginAs(hrB)
    assert.include(other.text(), 'Quentin Quill')
    assert.notInclude(other.text(), 'Alice Able')
    assert.include(other.text(), '<strong>1</strong> person')
  })

  test('filters by organisation subtree, role level and team, and keeps them in the URL', async ({
    client,
    assert,
  }) => {
    const { hrA, a1, sdm, b } = await capabilityFixture()
    const agency = await client.get('/capability/team').qs({ organisationId: a1.id }).loginAs(hrA)
    assert.include(agency.text(), 'Bob Baker')
    assert.include(agency.text(), 'Carol Cole')
    assert.notInclude(agency.text(), 'Alice Able')
    assert.include(agency.text(), `href="/capability/team.csv?organisationId=${a1.id}"`)

    const senior = await client.get('/capability/team').qs({ roleLevelId: sdm.id }).loginAs(hrA)
    assert.include(senior.text(), 'Carol Cole')
    assert.notInclude(senior.text(), 'Alice Able')
    assert.include(senior.text(), 'needs 4')

    const noTeam = await client.get('/capability/team').qs({ teamId: 999999 }).loginAs(hrA)
    assert.include(noTeam.text(), 'No one with a current role level matches these filters.')

    const outside = await client.get('/capability/team').qs({ organisationId: b.id }).loginAs(hrA)
    outside.assertStatus(404)
  })

  test('the CSV has one row per person and required skill, with the same filters', async ({
    client,
    assert,
  }) => {
    const { max, alice, bob, hrA, sdm, carol } = await capabilityFixture()
    const response = await client.get('/capability/team.csv').loginAs(max)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response.text().trim().split('\n')
    assert.deepEqual(lines, [
      'Person,Email,Role level,Skill,Required,Level,Validated,Gap',
      `Alice Able,${alice.email},Delivery manager,Agile working,3,3,yes,0`,
      `Alice Able,${alice.email},Delivery manager,User focus,2,1,no,1`,
      `Bob Baker,${bob.email},Delivery manager,Agile working,3,2,yes,1`,
      `Bob Baker,${bob.email},Delivery manager,User focus,2,,no,2`,
    ])

    const filtered = await client
      .get('/capability/team.csv')
      .qs({ roleLevelId: sdm.id })
      .loginAs(hrA)
    assert.deepEqual(filtered.text().trim().split('\n').slice(1), [
      `Carol Cole,${carol.email},Senior delivery manager,Agile working,4,4,yes,0`,
      `Carol Cole,${carol.email},Senior delivery manager,Strategic thinking,3,3,no,0`,
    ])
  })

  test('a blank filter means any: a role level with all organisations and all teams filters the page and its CSV', async ({
    client,
    assert,
  }) => {
    const { hrA, sdm, carol } = await capabilityFixture()
    // What the filter form sends when only a role level is chosen.
    const sent = { organisationId: '', roleLevelId: String(sdm.id), teamId: '' }
    const page = await client.get('/capability/team').qs(sent).loginAs(hrA)
    page.assertStatus(200)
    assert.include(page.text(), 'Carol Cole')
    assert.notInclude(page.text(), 'Alice Able')
    assert.notInclude(page.text(), 'Bob Baker')
    assert.include(page.text(), `href="/capability/team.csv?roleLevelId=${sdm.id}"`)

    const csv = await client.get('/capability/team.csv').qs(sent).loginAs(hrA)
    csv.assertStatus(200)
    assert.deepEqual(csv.text().trim().split('\n').slice(1), [
      `Carol Cole,${carol.email},Senior delivery manager,Agile working,4,4,yes,0`,
      `Carol Cole,${carol.email},Senior delivery manager,Strategic thinking,3,3,no,0`,
    ])
  })

  test('line managers and HR find Team skills among the Skills pages; others do not', async ({
    client,
    assert,
  }) => {
    // Team skills is one of the Skills section's pages, listed on each of them.
    const { max, hrA, carol } = await capabilityFixture()
    const teamSkills = 'href="/capability/team" class="section-link"'
    const managers = await client.get('/capability/gaps').loginAs(max)
    assert.include(managers.text(), teamSkills)
    const hrs = await client.get('/capability/gaps').loginAs(hrA)
    assert.include(hrs.text(), teamSkills)
    const learners = await client.get('/capability/gaps').loginAs(carol)
    assert.include(learners.text(), 'href="/capability/plan" class="section-link"')
    assert.notInclude(learners.text(), 'href="/capability/team"')
  })
})
