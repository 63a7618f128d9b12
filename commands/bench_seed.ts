import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Fills the database with a whole civil service of benchmark data (see
 * bench/README.md). Never in production, and never over people already
 * there unless --fresh says to empty the data tables first.
 */
export default class BenchSeed extends BaseCommand {
  static commandName = 'bench:seed'
  static description =
    'Generate deterministic whole-civil-service benchmark data (people, learning, capability, workforce, Fast Stream)'

  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'People in the civil service', default: 550_000 })
  declare people: number

  @flags.number({
    description: 'Organisations, the 46 of the reference tree included',
    default: 466,
  })
  declare organisations: number

  @flags.number({ description: 'Courses in the catalogue', default: 3000 })
  declare courses: number

  @flags.number({
    description: 'Enrolments, spread over sessions past and future',
    default: 2_500_000,
  })
  declare enrolments: number

  @flags.number({ description: 'Fast Stream entrants', default: 4000 })
  declare entrants: number

  @flags.number({
    description: 'Fast Stream placements offered in each of the two rounds',
    default: 1500,
  })
  declare placements: number

  @flags.number({
    description: 'At least this many services (more are added in the largest agencies)',
    default: 500,
  })
  declare services: number

  @flags.number({
    description: 'Months of performance figures for every service, up to last month',
    default: 60,
  })
  declare performanceMonths: number

  @flags.number({ description: 'Seed: the same seed (and day) gives the same data', default: 2013 })
  declare seed: number

  @flags.boolean({ description: 'Empty every data table first (migrations are kept)' })
  declare fresh: boolean

  async run() {
    // Imported here: they need the booted application.
    const { default: app } = await import('@adonisjs/core/services/app')
    const { checkSizes, generateBenchData } = await import('#database/bench/generate')
    const { countPeople, emptyDataTables } = await import('#database/bench/loader')

    if (app.inProduction) {
      this.logger.error(
        'bench:seed refuses to run in production: it writes made-up people with a published password.'
      )
      this.exitCode = 1
      return
    }
    const sizes = {
      people: this.people,
      organisations: this.organisations,
      courses: this.courses,
      enrolments: this.enrolments,
      entrants: this.entrants,
      placements: this.placements,
      services: this.services,
      performanceMonths: this.performanceMonths,
      seed: this.seed,
    }
    const problems = checkSizes(sizes)
    if (problems.length) {
      for (const problem of problems) this.logger.error(problem)
      this.exitCode = 1
      return
    }

    const existing = await countPeople()
    if (existing > 0 && !this.fresh) {
      this.logger.error(
        `The database already holds ${existing.toLocaleString('en-GB')} ${existing === 1 ? 'person' : 'people'}. bench:seed only fills an empty database: ` +
          'run it again with --fresh to empty every data table first (this deletes all the rows; the migrations stay).'
      )
      this.exitCode = 1
      return
    }
    if (this.fresh) {
      this.logger.info('Emptying the data tables (--fresh)')
      await emptyDataTables()
    }

    try {
      await generateBenchData(sizes, { log: (line) => this.logger.info(line) })
    } catch (error) {
      this.logger.error(
        `Benchmark data not complete: ${(error as Error).message}. Rows written so far stay; run again with --fresh.`
      )
      this.exitCode = 1
    }
  }
}
