import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import DemoSeeder from '#database/seeders/demo_seeder'
import Service from '#models/service'
import { servicePerformance } from '#queries/workforce/service_performance_query'
import { UK_ZONE } from '#domain/shared/uk_time'
import { figureProblems, type PerformanceFigures } from '#domain/workforce/service_performance'
import workforceConfig from '#config/workforce'

const serviceNamed = (name: string) => Service.query().where('name', name).firstOrFail()

test.group('Demo service performance', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every service with a Service Manager has two years of figures up to last month, each period’s figures agreeing', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const managed = await Service.query().whereNotNull('service_manager_id')
    assert.isAbove(managed.length, 10)
    const lastMonth = DateTime.now().setZone(UK_ZONE).minus({ months: 1 }).toFormat('yyyy-MM')
    for (const service of managed) {
      const { periods } = await servicePerformance(service)
      if (service.reportingPeriod === 'quarterly') {
        assert.lengthOf(periods, 8, service.name)
        continue
      }
      assert.equal(periods[0].period.key, lastMonth, service.name)
      assert.includeMembers([23, 24], [periods.length], service.name)
      // Read oldest first, each against the one before, as reporting it would be.
      const oldestFirst = [...periods].reverse()
      oldestFirst.forEach((row, index) => {
        const previous: PerformanceFigures | null = oldestFirst[index - 1]?.figures ?? null
        assert.deepEqual(
          figureProblems(row.figures, {
            previous,
            factor: workforceConfig.servicePerformance.outlierFactor,
            hasNote: row.notes !== null,
          }),
          [],
          `${service.name} ${row.period.key}`
        )
      })
    }
  }).timeout(60_000)

  test('one service misses a month, one explains a surge, one reports quarterly, two are published, and a trained Service Manager’s service improves', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const licence = await servicePerformance(await serviceNamed('Renew your driving licence'))
    assert.lengthOf(licence.missing, 1)

    const passport = await servicePerformance(await serviceNamed('Renew a passport'))
    const surge = passport.periods.filter((row) => row.notes?.startsWith('A surge'))
    assert.lengthOf(surge, 1)
    const index = passport.periods.indexOf(surge[0])
    assert.isAbove(
      surge[0].figures.totalTransactions,
      3 * passport.periods[index + 1].figures.totalTransactions
    )

    const register = await serviceNamed('Search the register')
    assert.equal(register.reportingPeriod, 'quarterly')
    const published = await Service.query().where('performance_published', true).orderBy('name')
    assert.deepEqual(
      published.map((service) => service.name),
      ['Self Assessment online', 'Tax your vehicle']
    )

    const taxYourVehicle = await servicePerformance(await serviceNamed('Tax your vehicle'))
    const [latest] = taxYourVehicle.periods
    const yearBefore = taxYourVehicle.periods[12]
    assert.isAbove(latest.indicators.digitalTakeUp!, yearBefore.indicators.digitalTakeUp!)
    assert.isBelow(
      latest.indicators.costPerTransactionPence!,
      yearBefore.indicators.costPerTransactionPence!
    )
  }).timeout(60_000)
})
