import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import RoleAssignment from '#models/role_assignment'
import SkillAssessment from '#models/skill_assessment'
import Skill from '#models/skill'
import type User from '#models/user'

async function current(user: User, roleLevelId: number) {
  await RoleAssignment.create({
    userId: user.id,
    roleLevelId,
    kind: 'current',
    status: 'confirmed',
    activeKind: 'current',
  })
}

async function assess(
  user: User,
  skill: Skill,
  level: number,
  source: 'self' | 'manager',
  daysAgo: number
) {
  await SkillAssessment.create({
    userId: user.id,
    skillId: skill.id,
    level,
    source,
    status: source === 'self' ? 'submitted' : 'validated',
    assessedAt: DateTime.now().minus({ days: daysAgo }),
  })
}

/*
 * Department A (with agency A1) and department B. Manager Max line-manages
 * Alice (A) and Bob (A1); Carol (A1) and Quentin (B) report to no one here.
 *   Delivery manager needs Agile working 3, User focus 2.
 *   Senior delivery manager needs Agile working 4, Strategic thinking 3.
 * Alice: Agile validated 3 (self 2 earlier) → meets; User focus self 1 → below.
 * Bob: Agile self 4 but latest validation 2 (an older one said 3) → below; User focus none → below.
 * Carol (senior): Agile validated 4, Strategic self 3 → meets everything.
 * Quentin: Agile self 1, User focus none.
 */
async function fixture() {
  const a = await OrganisationFactory.merge({ name: 'Department A' }).create()
  const a1 = await createChildOrganisation(a, { name: 'Agency A1' })
  const b = await OrganisationFactory.merge({ name: 'Department B' }).create()
  const { levels } = await createRole({
    role: 'Delivery manager',
    levels: [
      { name: 'Delivery manager', needs: { 'Agile working': 3, 'User focus': 2 } },
      {
        name: 'Senior delivery manager',
        needs: { 'Agile working': 4, 'Strategic thinking': 3 },
      },
    ],
  })
  const [dm, sdm] = levels
  const agile = await Skill.findByOrFail('name', 'Agile working')
  const userFocus = await Skill.findByOrFail('name', 'User focus')
  const strategic = await Skill.findByOrFail('name', 'Strategic thinking')

  const max = await createUser({ organisation: a, overrides: { fullName: 'Max Manager' } })
  const alice = await createUser({
    organisation: a,
    overrides: { fullName: 'Alice Able', lineManagerId: max.id },
  })
  const bob = await createUser({
    organisation: a1,
    overrides: { fullName: 'Bob Baker', lineManagerId: max.id },
  })
  const carol = await createUser({ organisation: a1, overrides: { fullName: 'Carol Cole' } })
  const quentin = await createUser({ organisation: b, overrides: { fullName: 'Quentin Quill' } })
  const hrA = await createUser({ roles: ['department_hr', 'learner'], organisation: a })
  const hrB = await createUser({ roles: ['department_hr', 'learner'], organisation: b })
  const admin = await createUser({ roles: ['capability_admin', 'learner'] })

  await current(alice, dm.id)
  await current(bob, dm.id)
  await current(carol, sdm.id)
  await current(quentin, dm.id)

  await assess(alice, agile, 2, 'self', 20)
  await assess(alice, agile, 3, 'manager', 10)
  await assess(alice, userFocus, 1, 'self', 5)
  await assess(bob, agile, 3, 'manager', 30)
  await assess(bob, agile, 4, 'self', 20)
  await assess(bob, agile, 2, 'manager', 10)
  await assess(carol, agile, 4, 'manager', 10)
  await assess(carol, strategic, 3, 'self', 10)
  await assess(quentin, agile, 1, 'self', 10)

  return { a, a1, b, dm, sdm, max, alice, bob, carol, quentin, hrA, hrB, admin }
}

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
    const { alice } = await fixture()
    const page = await client.get('/capability/team').loginAs(alice)
    page.assertStatus(403)
    const csv = await client.get('/capability/team.csv').loginAs(alice)
    csv.assertStatus(403)
  })

  test('a line manager sees only their direct reports, with validated levels counting over self-assessed ones', async ({
    client,
    assert,
  }) => {
    const { max } = await fixture()
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
    const { hrA, hrB } = await fixture()
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
    const { hrA, a1, sdm, b } = await fixture()
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
    const { max, alice, bob, hrA, sdm, carol } = await fixture()
    const response = await client.get('/capability/team.csv').loginAs(max)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response.text().trim().split('\n')
    assert.deepEqual(lines, [
      'person,email,role level,skill,required,level,validated,gap',
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

  test('line managers and HR see the Team skills link; others do not', async ({
    client,
    assert,
  }) => {
    const { max, hrA, carol } = await fixture()
    const managerHome = await client.get('/').loginAs(max)
    assert.include(managerHome.text(), 'href="/capability/team"')
    const hrHome = await client.get('/').loginAs(hrA)
    assert.include(hrHome.text(), 'href="/capability/team"')
    const learnerHome = await client.get('/').loginAs(carol)
    assert.notInclude(learnerHome.text(), 'href="/capability/team"')
  })
})
