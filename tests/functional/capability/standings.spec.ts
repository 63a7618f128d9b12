import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { capabilityFixture } from '#tests/support/fixtures/insights'
import { countOf } from '#tests/support/database'
import { refreshStandings } from '#actions/capability/refresh_standings'
import { validateAssessment } from '#actions/capability/validate_assessment'
import { submitSelfAssessment } from '#actions/capability/submit_self_assessment'
import { retireFrameworkRecord } from '#actions/framework/retire_framework_record'
import {
  changeRoleRequirement,
  removeRoleRequirement,
} from '#actions/framework/save_role_requirement'
import { setUserActive } from '#actions/identity/save_user'
import RoleRequirement from '#models/role_requirement'
import SkillAssessment from '#models/skill_assessment'
import Skill from '#models/skill'
import type User from '#models/user'

type Standing = { requirements: number; below: number; organisationId: number }

/* Every standing, by person's name, as the table holds it. */
async function standings() {
  const rows = await db
    .from('capability_standings as cs')
    .join('users as u', 'u.id', 'cs.user_id')
    .select('u.full_name', 'cs.requirements', 'cs.below', 'cs.organisation_id')
  const result: Record<string, Standing> = {}
  for (const row of rows) {
    result[String(row.full_name)] = {
      requirements: Number(row.requirements),
      below: Number(row.below),
      organisationId: Number(row.organisation_id),
    }
  }
  return result
}

async function standingOf(name: string) {
  const all = await standings()
  return all[name]
}

/* The categories a person is below in, and those they are not. */
async function categoriesOf(user: User) {
  const rows = await db
    .from('capability_standing_categories')
    .where('user_id', user.id)
    .orderBy('category')
    .select('category', 'below')
  return rows.map((row) => `${row.category}: ${Number(row.below) ? 'below' : 'meets'}`)
}

/* What the table holds must equal a rebuild from nothing. */
async function assertSameAsRebuilt(assert: { deepEqual: (a: unknown, b: unknown) => void }) {
  const kept = await standings()
  await refreshStandings('everyone')
  assert.deepEqual(kept, await standings())
}

test.group('Capability standings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each active person with a role level has a standing worked out from their latest assessments', async ({
    assert,
  }) => {
    const { a, a1, b, people } = await capabilityFixture()
    const all = await standings()
    // Dora is deactivated: no standing. Everyone else in the fixture has a role level.
    assert.sameMembers(Object.keys(all), [
      'Alice Able',
      'Adam Ash',
      'Bob Baker',
      'Beth Bell',
      'Carl Cole',
      'Quentin Quill',
      'Sam Stone',
      'Rita Reed',
    ])
    assert.deepEqual(all['Alice Able'], { requirements: 2, below: 0, organisationId: a.id })
    assert.deepEqual(all['Adam Ash'], { requirements: 2, below: 2, organisationId: a.id })
    assert.deepEqual(all['Bob Baker'], { requirements: 2, below: 1, organisationId: a1.id })
    assert.deepEqual(all['Beth Bell'], { requirements: 0, below: 0, organisationId: a1.id })
    // A validated level counts over a later self-assessment.
    assert.deepEqual(all['Quentin Quill'], { requirements: 2, below: 1, organisationId: b.id })
    assert.deepEqual(await categoriesOf(people.quentin), [
      'Product and delivery: meets',
      'User-centred design: below',
    ])
    assert.deepEqual(await categoriesOf(people.beth), [])
    await assertSameAsRebuilt(assert)
  })

  test('assessments, validations, moves and leaving move a standing as they happen', async ({
    assert,
  }) => {
    const { b, people } = await capabilityFixture()
    const userFocus = await Skill.findByOrFail('name', 'User focus')
    const agile = await Skill.findByOrFail('name', 'Agile working')

    // Adam says he is at Agile working 3 and User focus 2: he meets both on his own word.
    const submitted = await submitSelfAssessment(people.adam, [
      { skillId: agile.id, level: 3 },
      { skillId: userFocus.id, level: 2 },
    ])
    assert.equal(submitted.type, 'submitted')
    assert.deepInclude(await standingOf('Adam Ash'), { below: 0 })

    // His line manager validates User focus at 1: the validated level counts.
    const selfFocus = await SkillAssessment.query()
      .where({ user_id: people.adam.id, skill_id: userFocus.id, source: 'self' })
      .firstOrFail()
    const manager = people.alice
    people.adam.lineManagerId = manager.id
    await people.adam.save()
    const validated = await validateAssessment(manager, selfFocus.id, { level: 1 })
    assert.equal(validated.type, 'validated')
    assert.deepInclude(await standingOf('Adam Ash'), { below: 1 })
    assert.deepEqual(await categoriesOf(people.adam), [
      'Product and delivery: meets',
      'User-centred design: below',
    ])

    // He moves to department B, then leaves.
    people.adam.organisationId = b.id
    await people.adam.save()
    assert.deepInclude(await standingOf('Adam Ash'), { organisationId: b.id })
    await setUserActive(people.adam, false)
    assert.notProperty(await standings(), 'Adam Ash')
    await setUserActive(people.adam, true)
    assert.deepInclude(await standingOf('Adam Ash'), { below: 1, organisationId: b.id })
    await assertSameAsRebuilt(assert)
  })

  test('changing the framework moves the standing of everyone it touches', async ({ assert }) => {
    await capabilityFixture()
    const userFocus = await Skill.findByOrFail('name', 'User focus')
    const agile = await Skill.findByOrFail('name', 'Agile working')

    // Retiring User focus: Quentin and Sam no longer fall short of it.
    await retireFrameworkRecord(userFocus)
    let all = await standings()
    assert.deepInclude(all['Quentin Quill'], { requirements: 1, below: 0 })
    assert.deepInclude(all['Sam Stone'], { requirements: 1, below: 1 })

    // Delivery managers now need only Agile working 2: Adam (self 2) meets it.
    const requirement = await RoleRequirement.query()
      .where('skill_id', agile.id)
      .where('level', 3)
      .firstOrFail()
    await changeRoleRequirement(requirement, 2)
    all = await standings()
    assert.deepInclude(all['Adam Ash'], { requirements: 1, below: 0 })

    // Removing it leaves delivery managers nothing live to meet.
    await removeRoleRequirement(requirement)
    all = await standings()
    assert.deepInclude(all['Sam Stone'], { requirements: 0, below: 0 })
    assert.deepInclude(all['Bob Baker'], { requirements: 2, below: 1 })
    await assertSameAsRebuilt(assert)
  })

  test('a change that is rolled back leaves the standing as it was', async ({ assert }) => {
    const { people } = await capabilityFixture()
    const before = await standings()
    assert.deepInclude(before['Sam Stone'], { requirements: 2, below: 2 })
    const agile = await Skill.findByOrFail('name', 'Agile working')
    const samsAssessments = (client: Pick<QueryClientContract, 'from'>) =>
      countOf(client.from('skill_assessments').where('user_id', people.sam.id))
    const validatedAgile = () => ({
      userId: people.sam.id,
      skillId: agile.id,
      level: 4,
      source: 'manager' as const,
      status: 'validated' as const,
      assessedAt: DateTime.utc(),
    })

    // The assessment is saved, then the change fails for another reason.
    const failure = await db
      .transaction(async (trx) => {
        await SkillAssessment.create(validatedAgile(), { client: trx })
        assert.equal(await samsAssessments(trx), 1)
        throw new Error('the form was refused after all')
      })
      .then(
        () => null,
        (error: Error) => error.message
      )
    assert.equal(failure, 'the form was refused after all')
    assert.equal(await samsAssessments(db), 0)
    assert.deepEqual(await standings(), before)

    // The same change committed moves the standing.
    await db.transaction(async (trx) => {
      await SkillAssessment.create(validatedAgile(), { client: trx })
    })
    assert.deepInclude(await standingOf('Sam Stone'), { requirements: 2, below: 1 })
  })
})
