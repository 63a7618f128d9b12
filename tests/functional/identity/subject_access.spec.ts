import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { strFromU8, unzipSync } from 'fflate'
import { parse } from 'csv-parse/sync'
// The user factory first: loading #models/organisation before #models/user trips the models' import cycle.
import AuditEvent from '#models/audit_event'
import {
  NAMED_IN,
  PERSONAL_RECORDS,
  coveredUserColumns,
} from '#queries/identity/subject_access_query'
import { ANONYMISATION } from '#actions/identity/anonymise_person'
import { personWithRecordsInAlpha } from '#tests/support/fixtures/personal_data'

/* Every column of the database that is a foreign key to one of these tables, as "table.column". */
async function foreignKeysTo(tables: string[]) {
  const found: string[] = []
  if (db.connection().dialect.name === 'mysql') {
    const [rows] = await db.rawQuery(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE
       WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IN (${tables.map(() => '?').join(', ')})`,
      tables
    )
    for (const row of rows) found.push(`${row.t}.${row.c}`)
  } else {
    const names = await db
      .from('sqlite_master')
      .where('type', 'table')
      .whereNot('name', 'like', 'sqlite_%')
      .select('name')
    for (const { name } of names) {
      const keys = await db.rawQuery(`PRAGMA foreign_key_list("${name}")`)
      for (const key of keys) if (tables.includes(key.table)) found.push(`${name}.${key.from}`)
    }
  }
  return found.sort()
}

/* Every column named user_id, with or without a foreign key (the sessions table has none). */
async function userIdColumns() {
  const tables = await db.connection().getAllTables()
  const found: string[] = []
  for (const table of tables) {
    const columns = await db.connection().columnsInfo(table)
    if ('user_id' in columns) found.push(`${table}.user_id`)
  }
  return found.sort()
}

/* Zip downloads read as the bytes they are. */
ApiRequest.addParser('application/zip', (response, done) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => done(null, Buffer.concat(chunks)))
})

/* The archive a response carries, file by file. */
function filesOf(body: Buffer) {
  const files = unzipSync(new Uint8Array(body))
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

/* A department, its HR, a manager and a person with every kind of record. */
function personInAlpha() {
  return personWithRecordsInAlpha({
    name: '=HYPERLINK("http://evil.example")',
    email: 'pat.person@example.gov.uk',
  })
}

// Reads the schema only: no data, so no transaction.
test.group('Subject access: what the export covers', () => {
  test('every column that refers to a person is in the export, and every kind of record has an anonymisation rule', async ({
    assert,
  }) => {
    const toUsers = await foreignKeysTo(['users'])
    assert.isAbove(toUsers.length, 30)
    const covered = coveredUserColumns()
    const missing = toUsers.filter((column) => !covered.has(column))
    assert.deepEqual(
      missing,
      [],
      'columns referring to users that the subject access export leaves out'
    )

    const withUserId = await userIdColumns()
    const personal = new Set(
      PERSONAL_RECORDS.map((records) => `${records.table}.${records.column}`)
    )
    const named = new Set(NAMED_IN.map(({ table, column }) => `${table}.${column}`))
    assert.deepEqual(
      withUserId.filter((column) => !personal.has(column) && !named.has(column)),
      [],
      'user_id columns the export leaves out'
    )

    const toEntrants = await foreignKeysTo(['fast_stream_entrants', 'placement_shortlists'])
    assert.deepEqual(
      toEntrants.filter((column) => !personal.has(column)),
      [],
      'Fast Stream records of an entrant that the export leaves out'
    )

    const tables = new Set(PERSONAL_RECORDS.map((records) => records.table))
    assert.deepEqual(
      [...tables].filter((table) => !(table in ANONYMISATION)),
      [],
      'kinds of personal record without an anonymisation rule'
    )
  })
})

test.group('Subject access: the export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR download everything held about a person of their organisation, with no secrets, audited', async ({
    client,
    assert,
  }) => {
    const {
      hrA,
      person,
      course,
      skill,
      enrolment,
      completion,
      planItem,
      entrant,
      shortlist,
      match,
      about,
      by,
    } = await personInAlpha()
    await AuditEvent.query().where('action', 'subject_access_export').delete()

    const response = await client.get(`/admin/users/${person.id}/subject-access.zip`).loginAs(hrA)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/zip')
    response.assertHeader('cache-control', 'no-store')
    assert.match(
      response.header('content-disposition') ?? '',
      new RegExp(`^attachment; filename="subject-access-${person.id}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`)
    )
    const files = filesOf(response.body())
    const kinds = [
      ...PERSONAL_RECORDS.map((records) => records.kind),
      'audit_events_about',
      'audit_events_about_their_records',
      'audit_events_by',
      'staff_import_rows',
      'named_in',
    ]
    assert.sameMembers(Object.keys(files), [
      'subject-access.json',
      ...kinds.map((kind) => `${kind}.csv`),
    ])

    const document = JSON.parse(files['subject-access.json'])
    const records = document.records
    assert.equal(document.person.id, person.id)
    const ids = (kind: string) => records[kind].map((row: { id: number }) => row.id)
    assert.deepEqual(ids('profile'), [person.id])
    assert.equal(records.profile[0].email, 'pat.person@example.gov.uk')
    assert.notProperty(records.profile[0], 'password')
    assert.lengthOf(records.roles, 1)
    assert.lengthOf(records.role_levels, 1)
    assert.lengthOf(records.assessments, 2)
    assert.lengthOf(records.skill_claims, 1)
    assert.deepEqual(ids('enrolments'), [enrolment.id])
    // Ids come with the names they stand for.
    assert.equal(records.enrolments[0].course_title, course.title)
    assert.equal(records.assessments[0].skill_name, skill.name)
    assert.equal(records.profile[0].organisation_name, 'Alpha Agency')
    assert.equal(records.profile[0].line_manager_name, 'Sam Manager')
    assert.equal(records.enrolments[0].request_note, 'I need this for my new role')
    assert.deepEqual(ids('learning_record'), [completion.id])
    assert.deepEqual(ids('development_plan_items'), [planItem.id])
    assert.deepEqual(ids('fast_stream_entrant'), [entrant.id])
    assert.deepEqual(ids('fast_stream_shortlists'), [shortlist.id])
    assert.lengthOf(records.fast_stream_choices, 1)
    assert.lengthOf(records.fast_stream_team_rankings, 1)
    assert.deepEqual(ids('fast_stream_matches'), [match.id])
    assert.lengthOf(records.department_accounts, 1)
    assert.lengthOf(records.exports, 1)
    assert.include(ids('audit_events_about'), about.id)
    for (const event of records.audit_events_about) {
      assert.deepInclude(event, { subject_type: 'user', subject_id: String(person.id) })
    }
    const aboutRecords = records.audit_events_about_their_records
    assert.deepInclude(
      aboutRecords.map((event: { subject_type: string; subject_id: string }) => [
        event.subject_type,
        event.subject_id,
      ]),
      ['enrolment', String(enrolment.id)]
    )
    assert.include(ids('audit_events_by'), by.id)
    for (const event of records.audit_events_by) assert.equal(event.actor_id, person.id)
    assert.notProperty(records.audit_events_by[0], 'subject_label')

    // Two-step, invitation and token state, never their secrets or hashes.
    assert.lengthOf(records.two_step_verification, 1)
    assert.notProperty(records.two_step_verification[0], 'secret')
    assert.isNotNull(records.two_step_verification[0].confirmed_at)
    assert.lengthOf(records.recovery_codes, 10)
    assert.notProperty(records.recovery_codes[0], 'code_hash')
    assert.lengthOf(records.password_links, 1)
    assert.notProperty(records.password_links[0], 'secret_hash')
    assert.notProperty(records.password_links[0], 'selector')
    assert.lengthOf(records.access_tokens, 1)
    assert.notProperty(records.access_tokens[0], 'hash')
    const everything = Object.values(files).join('\n')
    for (const secret of await db
      .from('recovery_codes')
      .where('user_id', person.id)
      .select('code_hash')) {
      assert.notInclude(everything, secret.code_hash)
    }

    // Nothing names them as who did something: their manager's decisions are not theirs.
    assert.deepEqual(records.named_in, [])
    // A CSV per kind, through the one writer, which guards formulas.
    const profile: Record<string, string>[] = parse(files['profile.csv'], { columns: true })
    assert.equal(profile[0].full_name, `'=HYPERLINK("http://evil.example")`)
    const enrolments: Record<string, string>[] = parse(files['enrolments.csv'], { columns: true })
    assert.equal(enrolments[0].id, String(enrolment.id))
    assert.equal(enrolments[0].course_title, course.title)
    assert.notInclude(files['two_step_verification.csv'].split('\n')[0], 'secret')

    const events = await AuditEvent.query().where('action', 'subject_access_export')
    assert.lengthOf(events, 1)
    assert.equal(events[0].actorId, hrA.id)
    assert.equal(events[0].subjectType, 'user')
    assert.equal(events[0].subjectId, String(person.id))
  })

  test('where other records name a person as who did something, the export lists them by record only', async ({
    client,
    assert,
  }) => {
    const { admin, manager, enrolment, validated, planItem } = await personInAlpha()
    const response = await client
      .get(`/admin/users/${manager.id}/subject-access.zip`)
      .loginAs(admin)
    response.assertStatus(200)
    const records = JSON.parse(filesOf(response.body())['subject-access.json']).records
    assert.includeDeepMembers(records.named_in, [
      { table: 'enrolments', column: 'decided_by', record_id: enrolment.id },
      { table: 'skill_assessments', column: 'assessed_by', record_id: validated.id },
      { table: 'development_plan_items', column: 'agreed_by', record_id: planItem.id },
    ])
    assert.notInclude(JSON.stringify(records), 'I need this for my new role')
  })

  test('another department’s HR are answered 404, and a learner 403, with nothing audited', async ({
    client,
    assert,
  }) => {
    const { hrB, manager, person } = await personInAlpha()
    await AuditEvent.query().where('action', 'subject_access_export').delete()
    const other = await client.get(`/admin/users/${person.id}/subject-access.zip`).loginAs(hrB)
    other.assertStatus(404)
    const learner = await client
      .get(`/admin/users/${person.id}/subject-access.zip`)
      .loginAs(manager)
    learner.assertStatus(403)
    assert.lengthOf(await AuditEvent.query().where('action', 'subject_access_export'), 0)
  })

  test('a person downloads their own from their profile page', async ({ client, assert }) => {
    const { person, enrolment } = await personInAlpha()
    const page = await client.get('/profile').loginAs(person)
    page.assertTextIncludes('href="/profile/subject-access.zip"')
    page.assertTextIncludes('Download your data')

    const response = await client.get('/profile/subject-access.zip').loginAs(person)
    response.assertStatus(200)
    const records = JSON.parse(filesOf(response.body())['subject-access.json']).records
    assert.deepEqual(records.profile[0].id, person.id)
    assert.deepEqual(
      records.enrolments.map((row: { id: number }) => row.id),
      [enrolment.id]
    )
    const events = await AuditEvent.query()
      .where('action', 'subject_access_export')
      .where('subject_id', String(person.id))
    assert.lengthOf(events, 1)
    assert.equal(events[0].actorId, person.id)
  })
})
