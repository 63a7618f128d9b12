import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { column } from '@adonisjs/lucid/orm'
import { DateTime } from 'luxon'
import TimestampedModel, { CreatedModel } from '#models/timestamped_model'
import Team from '#models/team'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createUser } from '#database/factories/user_factory'
import {
  createCapabilityPlan,
  createPlanLine,
  createService,
} from '#database/factories/workforce_factory'
import Service from '#models/service'
import { createRole, createSkill } from '#database/factories/framework_factory'
import SkillClaim from '#models/skill_claim'

/* The teams table through a model that declares only its own columns. */
class TeamRow extends TimestampedModel {
  static table = 'teams'

  @column()
  declare organisationId: number

  @column()
  declare name: string
}

/* The user_roles table (no updated_at) through a model that declares only its own columns. */
class UserRoleRow extends CreatedModel {
  static table = 'user_roles'

  @column()
  declare userId: number

  @column()
  declare role: string
}

const LONG_AGO = DateTime.fromISO('2020-01-02T03:04:05Z', { zone: 'utc' })

test.group('Models with an id and timestamps', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a model extending TimestampedModel writes and reads the id, createdAt and updatedAt it inherits', async ({
    assert,
  }) => {
    const organisation = await OrganisationFactory.create()
    assert.equal(TeamRow.primaryKey, 'id')
    assert.isTrue(TeamRow.$getColumn('id')?.isPrimary)

    const written = await TeamRow.create({ organisationId: organisation.id, name: 'Payments' })
    assert.isAbove(written.id, 0)
    assert.isTrue(DateTime.isDateTime(written.createdAt))
    assert.isTrue(DateTime.isDateTime(written.updatedAt))

    const row = await db.from('teams').where('id', written.id).firstOrFail()
    assert.equal(row.name, 'Payments')
    assert.isNotNull(row.created_at)
    assert.isNotNull(row.updated_at)

    const dated = await TeamRow.create({
      organisationId: organisation.id,
      name: 'Benefits',
      createdAt: LONG_AGO,
      updatedAt: LONG_AGO,
    })
    const read = await TeamRow.findOrFail(dated.id)
    assert.equal(read.id, dated.id)
    assert.equal(read.createdAt.toMillis(), LONG_AGO.toMillis())
    assert.equal(read.updatedAt.toMillis(), LONG_AGO.toMillis())

    read.name = 'Benefits and pensions'
    await read.save()
    const changed = await TeamRow.findOrFail(dated.id)
    assert.equal(changed.createdAt.toMillis(), LONG_AGO.toMillis())
    assert.isAbove(changed.updatedAt.toMillis(), LONG_AGO.toMillis())
  })

  test('a model extending CreatedModel writes and reads its id and createdAt, and has no updatedAt', async ({
    assert,
  }) => {
    const user = await createUser()
    assert.isFalse(UserRoleRow.$hasColumn('updatedAt'))

    const written = await UserRoleRow.create({ userId: user.id, role: 'course_admin' })
    assert.isAbove(written.id, 0)
    assert.isTrue(DateTime.isDateTime(written.createdAt))

    const dated = await UserRoleRow.create({
      userId: user.id,
      role: 'team_lead',
      createdAt: LONG_AGO,
    })
    const read = await UserRoleRow.findOrFail(dated.id)
    assert.equal(read.role, 'team_lead')
    assert.equal(read.createdAt.toMillis(), LONG_AGO.toMillis())
  })

  test('an audited model records one audit event per change, without its timestamps', async ({
    assert,
  }) => {
    const organisation = await OrganisationFactory.create()
    const team = await Team.create({ organisationId: organisation.id, name: 'Digital' })
    team.name = 'Digital services'
    await team.save()

    const events = await db
      .from('audit_events')
      .where({ subject_type: 'team', subject_id: String(team.id) })
      .orderBy('id')
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update']
    )
    assert.notProperty(JSON.parse(events[0].after), 'createdAt')
    assert.notProperty(JSON.parse(events[0].after), 'updatedAt')
    assert.deepEqual(JSON.parse(events[1].before), { name: 'Digital' })
    assert.deepEqual(JSON.parse(events[1].after), { name: 'Digital services' })
  })

  test('a person added, changed and removed is written to the audit trail once each time', async ({
    assert,
  }) => {
    const person = await createUser()
    person.fullName = 'Ada Byron'
    await person.save()
    await person.delete()

    const events = await db
      .from('audit_events')
      .where({ subject_type: 'user', subject_id: String(person.id) })
      .orderBy('id')
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update', 'delete']
    )
  })
})

test.group('Columns the databases hand back in their own types', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('true-or-false columns read as booleans and decimal or big integer columns as numbers', async ({
    assert,
  }) => {
    const organisation = await OrganisationFactory.create()
    const written = await createService(organisation, 'Apply for a passport', {
      isExemplar: true,
      hasDigitalChannel: false,
      annualTransactions: 7_500_000_000,
    })
    const read = await Service.findOrFail(written.id)
    assert.strictEqual(read.isExemplar, true)
    assert.strictEqual(read.hasDigitalChannel, false)
    assert.strictEqual(read.annualTransactions, 7_500_000_000)
  })
})

/* The organisations the audit trail filed a record's creation under: one, once. */
async function auditedOrganisations(subjectType: string, subjectId: number) {
  const events = await db
    .from('audit_events')
    .where({ subject_type: subjectType, subject_id: String(subjectId), action: 'create' })
  return events.map((event) => event.organisation_id)
}

test.group('Audited records and the organisation they belong to', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a record that belongs to an organisation is audited in it', async ({ assert }) => {
    const organisation = await OrganisationFactory.create()
    const team = await Team.create({ organisationId: organisation.id, name: 'Payments' })
    assert.deepEqual(await auditedOrganisations('team', team.id), [organisation.id])
    const person = await createUser({ organisation })
    assert.deepEqual(await auditedOrganisations('user', person.id), [organisation.id])
  })

  test('a plan line is audited in its plan’s organisation', async ({ assert }) => {
    const organisation = await OrganisationFactory.create()
    const { role } = await createRole({ levels: [] })
    const plan = await createCapabilityPlan(organisation, 2026)
    const line = await createPlanLine(plan, role)
    assert.deepEqual(await auditedOrganisations('plan_line', line.id), [organisation.id])
  })

  test('a record that belongs to a person is audited in their organisation', async ({ assert }) => {
    const organisation = await OrganisationFactory.create()
    const person = await createUser({ organisation })
    const skill = await createSkill()
    const claim = await SkillClaim.create({
      userId: person.id,
      skillId: skill.id,
      level: 2,
      status: 'pending',
    })
    assert.deepEqual(await auditedOrganisations('skill_claim', claim.id), [organisation.id])

    const loaded = await SkillClaim.query().where('id', claim.id).preload('user').firstOrFail()
    assert.equal(loaded.user.id, person.id)
    await claim.load('user')
    assert.equal(claim.user.email, person.email)
  })
})

test.group('Reading audited models', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an audited model adds no work to reading its rows: no hook runs on a find or fetch, and booting again registers nothing', async ({
    assert,
  }) => {
    const organisation = await OrganisationFactory.create()
    await Team.createMany([
      { organisationId: organisation.id, name: 'Payments' },
      { organisationId: organisation.id, name: 'Benefits' },
    ])
    const hooks = () =>
      Object.fromEntries(
        Object.entries(Team.$hooks.all()).map(([event, handlers]) => [event, handlers.size])
      )
    const registered = hooks()
    for (const event of Object.keys(registered)) {
      assert.notMatch(event, /find|fetch|paginate/, `a ${event} hook runs on reads`)
    }

    const eventsBefore = await db.from('audit_events').count('* as total').first()
    const teams = await Team.query().where('organisation_id', organisation.id)
    await Team.findOrFail(teams[0].id)
    Team.boot()
    assert.lengthOf(teams, 2)
    assert.deepEqual(hooks(), registered)
    const eventsAfter = await db.from('audit_events').count('* as total').first()
    assert.equal(Number(eventsAfter.total), Number(eventsBefore.total))
  })
})
