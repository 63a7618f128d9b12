import { test } from '@japa/runner'
import { emptyDataTables } from '#database/bench/loader'
import { DEMO_SSO } from '#database/demo/single_sign_on'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Organisation from '#models/organisation'
import DemoSeeder, { DEMO_PASSWORD } from '#database/seeders/demo_seeder'
import MainSeeder, { readOrganisationSeed } from '#database/seeders/main_seeder'
import {
  parseOrganisationTreeEntries,
  upsertOrganisationTree,
  type OrganisationTreeEntry,
} from '#services/organisation_tree'
import { rowCount } from '#tests/support/database'

const MINISTERIAL_DEPARTMENTS = [
  "Attorney General's Office",
  'Cabinet Office',
  'Department for Business, Innovation and Skills',
  'Department for Communities and Local Government',
  'Department for Culture, Media and Sport',
  'Department for Education',
  'Department for Environment, Food and Rural Affairs',
  'Department for International Development',
  'Department for Transport',
  'Department for Work and Pensions',
  'Department of Energy and Climate Change',
  'Department of Health',
  'Foreign and Commonwealth Office',
  'HM Treasury',
  'Home Office',
  'Ministry of Defence',
  'Ministry of Justice',
  'Northern Ireland Office',
  'Office of the Advocate General for Scotland',
  'Office of the Leader of the House of Commons',
  'Office of the Leader of the House of Lords',
  'Scotland Office',
  'Wales Office',
  'UK Export Finance',
]

const TRANSACTIONAL = ['bis', 'defra', 'dft', 'dwp', 'hmrc', 'ho', 'moj']

const DEPARTMENTS_WITH_PEOPLE = ['co', 'bis', 'defra', 'dft', 'dwp', 'hmrc', 'ho', 'moj']

const entry = (code: string, parent: string | null): OrganisationTreeEntry => ({
  code,
  name: `Test organisation ${code}`,
  type: parent ? 'agency' : 'ministerial_department',
  parent,
  isTransactional: false,
})

test.group('Seed data: the organisation tree file', () => {
  test('lists the 24 ministerial departments of 2012–13 and HMRC', ({ assert }) => {
    const entries = readOrganisationSeed()
    const ministerial = entries.filter((item) => item.type === 'ministerial_department')
    assert.sameMembers(
      ministerial.map((item) => item.name),
      MINISTERIAL_DEPARTMENTS
    )
    assert.isTrue(ministerial.every((item) => item.parent === null))

    const hmrc = entries.find((item) => item.code === 'hmrc')
    assert.equal(hmrc?.name, 'HM Revenue and Customs')
    assert.equal(hmrc?.type, 'non_ministerial_department')
    assert.isNull(hmrc?.parent)
  })

  test('places the agencies the strategy names under their departments', ({ assert }) => {
    const byCode = new Map(readOrganisationSeed().map((item) => [item.code, item]))
    const expected: Record<string, [string, string]> = {
      dvla: ['Driver and Vehicle Licensing Agency', 'dft'],
      dsa: ['Driving Standards Agency', 'dft'],
      ch: ['Companies House', 'bis'],
      lr: ['Land Registry', 'bis'],
      rpa: ['Rural Payments Agency', 'defra'],
      opg: ['Office of the Public Guardian', 'moj'],
    }
    for (const [code, [name, parent]] of Object.entries(expected)) {
      const agency = byCode.get(code)
      assert.equal(agency?.name, name)
      assert.equal(agency?.type, 'agency')
      assert.equal(agency?.parent, parent)
    }
    assert.equal(byCode.get('gds')?.parent, 'co')
  })

  test('marks exactly the seven transactional departments', ({ assert }) => {
    const transactional = readOrganisationSeed().filter((item) => item.isTransactional)
    assert.sameMembers(
      transactional.map((item) => item.code),
      TRANSACTIONAL
    )
  })

  test('has unique codes and parents that exist', ({ assert }) => {
    const entries = readOrganisationSeed()
    const codes = entries.map((item) => item.code)
    assert.lengthOf(new Set(codes), codes.length)
    for (const item of entries) {
      if (item.parent) assert.include(codes, item.parent, `${item.code} has an unknown parent`)
    }
  })

  test('rejects malformed entries', ({ assert }) => {
    assert.throws(() => parseOrganisationTreeEntries({}), /JSON array/)
    assert.throws(
      () => parseOrganisationTreeEntries([{ ...entry('ok', null), type: 'quango' }]),
      /unknown type/
    )
    assert.throws(() => parseOrganisationTreeEntries([{ ...entry('Bad Code', null) }]), /lowercase/)
  })
})

test.group('Seed data: upsertOrganisationTree', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('builds parent ids, materialised paths and depths, parents first', async ({ assert }) => {
    const tree = await upsertOrganisationTree([
      entry('t-grandchild', 't-child'),
      entry('t-child', 't-root'),
      entry('t-root', null),
    ])
    const root = tree.get('t-root')!
    const child = tree.get('t-child')!
    const grandchild = tree.get('t-grandchild')!

    assert.equal(root.path, '/')
    assert.equal(root.depth, 0)
    assert.isNull(root.parentId)
    assert.equal(child.path, `/${root.id}/`)
    assert.equal(child.depth, 1)
    assert.equal(child.parentId, root.id)
    assert.equal(grandchild.path, `/${root.id}/${child.id}/`)
    assert.equal(grandchild.depth, 2)

    const stored = await Organisation.findByOrFail('code', 't-grandchild')
    assert.equal(stored.path, grandchild.path)
    assert.deepEqual(stored.ancestorIds, [root.id, child.id])
  })

  test('is idempotent: a second run keeps ids and writes nothing', async ({ assert }) => {
    const entries = [entry('t-root', null), entry('t-child', 't-root'), entry('t-other', 't-root')]
    const first = await upsertOrganisationTree(entries)
    const organisations = await rowCount('organisations')
    const audits = await rowCount('audit_events')
    const created = await db
      .from('audit_events')
      .where('subject_type', 'organisation')
      .where('action', 'create')
    assert.isAtLeast(created.length, 3)

    const second = await upsertOrganisationTree(entries)
    for (const [code, organisation] of first) assert.equal(second.get(code)?.id, organisation.id)
    assert.equal(await rowCount('organisations'), organisations)
    assert.equal(await rowCount('audit_events'), audits)
  })

  test('updates changed entries and moves their descendants', async ({ assert }) => {
    await upsertOrganisationTree([
      entry('t-root', null),
      entry('t-other-root', null),
      entry('t-child', 't-root'),
      entry('t-grandchild', 't-child'),
    ])

    const moved = await upsertOrganisationTree([
      { ...entry('t-child', 't-other-root'), name: 'Renamed child' },
    ])
    const otherRoot = await Organisation.findByOrFail('code', 't-other-root')
    const child = moved.get('t-child')!
    assert.equal(child.name, 'Renamed child')
    assert.equal(child.parentId, otherRoot.id)
    assert.equal(child.path, `/${otherRoot.id}/`)

    const grandchild = await Organisation.findByOrFail('code', 't-grandchild')
    assert.equal(grandchild.path, `/${otherRoot.id}/${child.id}/`)
    assert.equal(grandchild.depth, 2)

    const updates = await db
      .from('audit_events')
      .where('subject_type', 'organisation')
      .where('action', 'update')
      .where('subject_id', String(child.id))
    assert.lengthOf(updates, 1)
  })

  test('refuses unknown parents and cycles', async ({ assert }) => {
    await assert.rejects(
      () => upsertOrganisationTree([entry('t-orphan', 't-missing')]),
      /unknown parent/
    )
    await assert.rejects(
      () => upsertOrganisationTree([entry('t-a', 't-b'), entry('t-b', 't-a')]),
      /own ancestor/
    )
    await assert.rejects(
      () => upsertOrganisationTree([entry('t-a', null), entry('t-a', null)]),
      /appears twice/
    )
  })

  test('the main seeder builds the whole tree from the data file, repeatably', async ({
    assert,
  }) => {
    await new MainSeeder(db.connection()).run()
    const entries = readOrganisationSeed()
    const organisations = await Organisation.query().whereIn(
      'code',
      entries.map((item) => item.code)
    )
    assert.lengthOf(organisations, entries.length)
    const byCode = new Map(organisations.map((organisation) => [organisation.code, organisation]))
    assert.equal(byCode.get('dvla')!.path, `/${byCode.get('dft')!.id}/`)
    assert.equal(byCode.get('ida')!.path, `/${byCode.get('co')!.id}/${byCode.get('gds')!.id}/`)
    assert.equal(byCode.get('ida')!.depth, 2)

    const audits = await rowCount('audit_events')
    const total = await rowCount('organisations')
    await new MainSeeder(db.connection()).run()
    assert.equal(await rowCount('audit_events'), audits)
    assert.equal(await rowCount('organisations'), total)
  }).timeout(30000)
})

test.group('Seed data: demo seeder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates a realistic, well-formed population', async ({ assert }) => {
    const before = await db.from('users').max('id as id').first()
    const lastId = Number(before?.id ?? 0)

    await new DemoSeeder(db.connection()).run()

    const people = await db
      .from('users')
      .join('organisations', 'organisations.id', 'users.organisation_id')
      .where('users.id', '>', lastId)
      .select(
        'users.id',
        'users.email',
        'users.grade',
        'users.profession',
        'users.team_id',
        'users.organisation_id',
        'users.line_manager_id',
        'organisations.code as organisation_code',
        'organisations.path as organisation_path'
      )
    assert.isAtLeast(people.length, 240)
    assert.isTrue(
      people.every((person) => /@([a-z0-9-]+\.)*demo\.example$/.test(person.email)),
      'every demo e-mail is at demo.example or one of its departments (hmrc.demo.example)'
    )
    assert.isTrue(people.every((person) => person.grade && person.profession))

    const byId = new Map(people.map((person) => [person.id, person]))
    const byEmail = new Map(people.map((person) => [person.email, person]))

    // Line management: one SCS at the top of each organisation's tree, everyone else managed
    // by someone in the same organisation, and every manager has 3 to 8 reports.
    const tops = people.filter((person) => person.line_manager_id === null)
    const organisationsWithPeople = new Set(people.map((person) => person.organisation_id))
    assert.equal(tops.length, organisationsWithPeople.size)
    assert.sameMembers(
      tops.map((person) => person.organisation_id),
      [...organisationsWithPeople]
    )
    assert.isTrue(tops.every((person) => person.grade.startsWith('SCS')))
    const reportCounts = new Map<number, number>()
    for (const person of people) {
      if (person.line_manager_id === null) continue
      const manager = byId.get(person.line_manager_id)
      assert.exists(manager, `${person.email} has a manager among the demo people`)
      assert.equal(
        manager.organisation_id,
        person.organisation_id,
        `${person.email} is managed in-house`
      )
      reportCounts.set(manager.id, (reportCounts.get(manager.id) ?? 0) + 1)
    }
    for (const reports of reportCounts.values()) {
      assert.isAtLeast(reports, 3)
      assert.isAtMost(reports, 8)
    }

    // Departments (with their agencies) that have people.
    const codes = new Set(people.map((person) => person.organisation_code))
    for (const code of [...DEPARTMENTS_WITH_PEOPLE, 'dvla', 'ch', 'lr', 'opg', 'rpa', 'gds']) {
      assert.isTrue(codes.has(code), `${code} has demo people`)
    }

    // Named accounts and their roles.
    const roleRows = await db
      .from('user_roles')
      .whereIn(
        'user_id',
        people.map((person) => person.id)
      )
      .select('user_id', 'role')
    const rolesOf = (email: string) =>
      roleRows.filter((row) => row.user_id === byEmail.get(email)?.id).map((row) => row.role)

    assert.sameMembers(rolesOf('admin@demo.example'), ['capability_admin', 'learner'])
    assert.equal(byEmail.get('admin@demo.example').organisation_code, 'gds')
    assert.sameMembers(rolesOf('courses@demo.example'), ['course_admin', 'learner'])
    assert.equal(byEmail.get('courses@demo.example').organisation_code, 'gds')
    assert.sameMembers(rolesOf('faststream@demo.example'), ['fast_stream_admin', 'learner'])
    assert.equal(byEmail.get('faststream@demo.example').organisation_code, 'co')
    for (const code of DEPARTMENTS_WITH_PEOPLE) {
      const email = `hr.${code}@demo.example`
      assert.sameMembers(rolesOf(email), ['department_hr', 'learner'], email)
      assert.equal(byEmail.get(email).organisation_code, code)
    }

    const teamLeads = people.filter((person) =>
      /^teamlead\.[a-z]+@demo\.example$/.test(person.email)
    )
    assert.isAtLeast(teamLeads.length, 3)
    for (const lead of teamLeads) {
      assert.sameMembers(rolesOf(lead.email), ['team_lead', 'learner'])
      assert.isNotNull(lead.team_id)
    }

    // Fast Stream entrants: learners with a line manager in their home organisation.
    const entrants = people.filter((person) => /^entrant\d{3}@demo\.example$/.test(person.email))
    assert.lengthOf(entrants, 120)
    for (const entrant of entrants) {
      assert.sameMembers(rolesOf(entrant.email), ['learner'], entrant.email)
      assert.isNotNull(entrant.line_manager_id, `${entrant.email} has a line manager`)
    }

    const learners = Array.from({ length: 50 }, (_, index) => {
      const email = `learner${String(index + 1).padStart(2, '0')}@demo.example`
      assert.sameMembers(rolesOf(email), ['learner'], email)
      return byEmail.get(email)
    })
    assert.isAtLeast(new Set(learners.map((learner) => learner.organisation_code)).size, 8)
    const learnerIds = new Set(learners.map((learner) => learner.id))
    const learnerManagers = learners.filter((learner) =>
      learners.some((other) => other.line_manager_id === learner.id && learnerIds.has(other.id))
    )
    assert.isAtLeast(learnerManagers.length, 8)

    // People of a department that signs in with its own account have that department's addresses.
    const departmentAccounts = people.filter((person) =>
      /@[a-z]+\.demo\.example$/.test(person.email)
    )
    assert.sameMembers(
      departmentAccounts.map((person) => person.email),
      DEMO_SSO.accounts.filter((account) => account.inService).map((account) => account.email)
    )
    const generic = people.filter(
      (person) =>
        !/^(admin|courses|faststream|hr\.|teamlead\.|learner\d|entrant\d)/.test(person.email) &&
        !departmentAccounts.includes(person)
    )
    assert.isTrue(
      generic.every((person) => /^[a-z'-]+\.[a-z'-]+\d+@demo\.example$/.test(person.email))
    )
    assert.isTrue(generic.every((person) => rolesOf(person.email).join() === 'learner'))

    // Delivery teams belong to the organisation of the people in them.
    const teams = await db.from('teams').whereIn(
      'id',
      people.filter((person) => person.team_id).map((person) => person.team_id)
    )
    assert.isAtLeast(teams.length, DEPARTMENTS_WITH_PEOPLE.length)
    const teamById = new Map(teams.map((team) => [team.id, team]))
    for (const person of people.filter((candidate) => candidate.team_id)) {
      assert.equal(teamById.get(person.team_id).organisation_id, person.organisation_id)
    }
    assert.isTrue(teams.every((team) => team.location))

    // One summary audit event, and working sign-in with the shared password.
    const summary = await db.from('audit_events').where('subject_type', 'demo_data')
    assert.lengthOf(summary, 1)
    assert.equal(summary[0].action, 'create')
    const admin = await User.verifyCredentials('admin@demo.example', DEMO_PASSWORD)
    assert.equal(admin.email, 'admin@demo.example')
  }).timeout(60000)

  test('running it twice adds nothing', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const tables = ['organisations', 'teams', 'users', 'user_roles', 'audit_events']
    const counts = await Promise.all(tables.map(rowCount))

    await new DemoSeeder(db.connection()).run()
    assert.deepEqual(await Promise.all(tables.map(rowCount)), counts)
  }).timeout(60000)

  test('refuses to run in production', async ({ assert, cleanup }) => {
    Object.defineProperty(app, 'inProduction', { configurable: true, get: () => true })
    cleanup(() => {
      delete (app as { inProduction?: boolean }).inProduction
    })
    const users = await rowCount('users')
    await assert.rejects(() => new DemoSeeder(db.connection()).run(), /production/)
    assert.equal(await rowCount('users'), users)
  })
})

/*
 * Seeding twice from empty, each time committed, as `npm run demo` does:
 * the demo's own actions (booking, starting courses, unpacking packages)
 * open their transactions on the default connection, so the seeder cannot
 * run inside a transaction of the test's own.
 */
test.group('Seed data: demo seeder, twice from empty', (group) => {
  group.each.setup(async () => {
    await emptyDataTables()
    return () => emptyDataTables()
  })

  test('is deterministic', async ({ assert }) => {
    const snapshot = async () => {
      await emptyDataTables()
      await new DemoSeeder(db.connection()).run()
      return db
        .from('users')
        .where('email', 'like', '%@demo.example')
        .orderBy('email')
        .select('email', 'full_name', 'grade', 'profession')
    }
    const first = await snapshot()
    assert.isAtLeast(first.length, 240)
    assert.deepEqual(await snapshot(), first)
  }).timeout(120000)
})
