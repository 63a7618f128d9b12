import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { readOrganisationSeed } from '#database/seeders/main_seeder'
import { upsertOrganisationTree } from '#services/organisation_tree'
import { readExemplars, seedExemplars } from '#database/demo/services'

const PROGRAMMES: [string, RegExp][] = [
  ['co', /Electoral Registration/],
  ['opg', /power of attorney/i],
  ['rpa', /Rural payments/i],
  ['dvla', /Vehicle/],
  ['dwp', /Carer's Allowance/],
  ['slc', /Student finance/],
  ['lr', /Property/],
]

test.group('Exemplar services seed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('names the seven exemplar programmes against organisations in the tree', ({ assert }) => {
    const exemplars = readExemplars()
    const codes = new Set(readOrganisationSeed().map((entry: any) => entry.code))
    assert.lengthOf(exemplars, 7)
    for (const exemplar of exemplars) assert.isTrue(codes.has(exemplar.organisation))
    for (const [code, name] of PROGRAMMES) {
      assert.isTrue(
        exemplars.some((entry) => entry.organisation === code && name.test(entry.name)),
        `${code} ${name}`
      )
    }
  })

  test('seeds the seven as exemplars once, however often it runs', async ({ assert }) => {
    await db.transaction((trx) => upsertOrganisationTree(readOrganisationSeed(), trx))
    const first = await seedExemplars(db.connection())
    assert.equal(first.added, 7)
    const again = await seedExemplars(db.connection())
    assert.equal(again.added, 0)
    const rows = await db
      .from('services as s')
      .join('organisations as o', 'o.id', 's.organisation_id')
      .select('o.code', 's.name', 's.is_exemplar', 's.annual_transactions')
    assert.lengthOf(rows, 7)
    assert.isTrue(rows.every((row) => Boolean(row.is_exemplar)))
    assert.sameMembers(
      rows.map((row) => row.code),
      PROGRAMMES.map(([code]) => code)
    )
  })
})
