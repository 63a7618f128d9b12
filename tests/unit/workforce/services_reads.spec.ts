import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createService } from '#database/factories/workforce_factory'
import { OrganisationScope } from '#services/organisation_scope'
import { servicePage } from '#queries/workforce/services_query'
import { queriesRunBy } from '#tests/support/query_count'

const noFilters = { organisationId: null, phase: null, overThreshold: null, compliant: null }

test.group('Reading the services register', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a page of the register is counted and read in one query, and a page past the end counts again', async ({
    assert,
  }) => {
    const organisation = await OrganisationFactory.create()
    for (const name of ['Apply for a thing', 'Book a thing', 'Check a thing']) {
      await createService(organisation, name)
    }
    const scope = new OrganisationScope(false, [{ id: organisation.id, path: organisation.path }])
    const first = await queriesRunBy(() => servicePage(scope, noFilters, 1, 2))
    assert.lengthOf(first.statements, 1)
    assert.equal(first.result.total, 3)
    assert.deepEqual(
      first.result.rows.map((row) => row.name),
      ['Apply for a thing', 'Book a thing']
    )
    const beyond = await queriesRunBy(() => servicePage(scope, noFilters, 3, 2))
    assert.lengthOf(beyond.statements, 2)
    assert.equal(beyond.result.total, 3)
    assert.lengthOf(beyond.result.rows, 0)
  })
})
