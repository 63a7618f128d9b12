import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import {
  csvRows,
  fileColumns,
  MY_EXPORTS,
  privateExports,
  assertDatedCsvName,
  queuedExport,
} from '#tests/support/exports'

/*
 * Three skills in use across two categories, needed by one, two and no
 * role levels, and one retired skill.
 */
async function someSkills() {
  await createSkill('User research', 'User-centred design')
  await createSkill('Data modelling', 'Data')
  await createRole({
    role: 'Service designer',
    levels: [
      { name: 'Service designer', needs: { 'User research': 2, 'Data modelling': 1 } },
      { name: 'Senior service designer', needs: { 'User research': 3 } },
    ],
  })
  await createSkill('Content design', 'User-centred design')
  const retired = await createSkill('Punched cards', 'Data')
  retired.retiredAt = DateTime.fromISO('2025-01-01T00:00:00Z')
  await retired.save()
}

test.group('Exports: the framework’s skills', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('anyone signed in downloads the skills in use, by category and name, with the role levels needing each', async ({
    client,
    assert,
  }) => {
    await someSkills()
    const learner = await createUser()
    await assertPageIncludes(client, learner, '/framework/skills', [
      'href="/framework/skills.csv"',
      MY_EXPORTS,
    ])

    const response = await client.get('/framework/skills.csv').loginAs(learner)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/csv/)
    assertDatedCsvName(assert, response, 'framework-skills')
    assert.deepEqual(csvRows(response.text()), [
      ['Skill', 'Category', 'Description', 'Role levels needing it'],
      ['Data modelling', 'Data', 'About Data modelling.', '1'],
      ['Content design', 'User-centred design', 'About Content design.', '0'],
      ['User research', 'User-centred design', 'About User research.', '2'],
    ])

    const anonymous = await client.get('/framework/skills.csv').redirects(0)
    anonymous.assertStatus(302)
    anonymous.assertHeader('location', '/sign-in')
  })
})

test.group('Exports: the framework’s skills as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group, { jobThreshold: 2, batchSize: 1 })

  test('the job writes the skills a row at a time, in the page’s order', async ({
    client,
    assert,
  }) => {
    await someSkills()
    const learner = await createUser()
    const { asked, record } = await queuedExport(client.get('/framework/skills.csv'), learner)
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    assert.equal(record.kind, 'skills')
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 3)
    assert.deepEqual(await fileColumns(record, [0, 3]), [
      ['Skill', 'Role levels needing it'],
      ['Data modelling', '1'],
      ['Content design', '0'],
      ['User research', '2'],
    ])
  })
})
