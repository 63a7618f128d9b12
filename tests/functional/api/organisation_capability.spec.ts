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
import { bearer } from '#tests/support/api'

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

const URL = (id: number) => `/api/v1/organisations/${id}/capability`

test.group('API: organisation capability', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR of a department gets its figures per skill and role level, agencies included', async ({
    client,
    assert,
  }) => {
    const { a, hrA, dm, sdm } = await fixture()
    const response = await client.get(URL(a.id)).header('Authorization', await bearer(hrA))
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(data.organisation, { id: a.id, name: 'Department A' })
    assert.equal(data.people, 3)
    assert.equal(data.peopleMeetingAll, 1)
    assert.deepEqual(
      data.bySkill.map((row: any) => [
        row.skill.name,
        row.assessedAgainst,
        row.below,
        row.totalGap,
      ]),
      [
        ['Agile working', 3, 1, 1],
        ['Strategic thinking', 1, 0, 0],
        ['User focus', 2, 2, 3],
      ]
    )
    assert.deepEqual(data.byRoleLevel, [
      { roleLevel: { id: dm.id, name: 'Delivery manager' }, people: 2, peopleMeetingAll: 0 },
      {
        roleLevel: { id: sdm.id, name: 'Senior delivery manager' },
        people: 1,
        peopleMeetingAll: 1,
      },
    ])
  })

  test('an agency on its own counts only its people', async ({ client, assert }) => {
    const { a1, hrA } = await fixture()
    const response = await client.get(URL(a1.id)).header('Authorization', await bearer(hrA))
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.people, 2)
    assert.equal(data.peopleMeetingAll, 1)
    const agile = data.bySkill.find((row: any) => row.skill.name === 'Agile working')
    assert.deepEqual([agile.assessedAgainst, agile.below, agile.totalGap], [2, 1, 1])
  })

  test('HR of another department gets 404 both ways', async ({ client }) => {
    const { a, b, hrA, hrB } = await fixture()
    const fromB = await client.get(URL(a.id)).header('Authorization', await bearer(hrB))
    fromB.assertStatus(404)
    const fromA = await client.get(URL(b.id)).header('Authorization', await bearer(hrA))
    fromA.assertStatus(404)
  })

  test('a capability admin sees any department; a learner is refused with 403', async ({
    client,
    assert,
  }) => {
    const { b, admin, alice } = await fixture()
    const response = await client.get(URL(b.id)).header('Authorization', await bearer(admin))
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.people, 1)
    assert.equal(data.peopleMeetingAll, 0)
    assert.deepEqual(
      data.bySkill.map((row: any) => [row.skill.name, row.below, row.totalGap]),
      [
        ['Agile working', 1, 2],
        ['User focus', 1, 2],
      ]
    )
    const learner = await client.get(URL(b.id)).header('Authorization', await bearer(alice))
    learner.assertStatus(403)
    const anonymous = await client.get(URL(b.id))
    anonymous.assertStatus(401)
  })
})
