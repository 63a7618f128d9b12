import { BaseCommand } from '@adonisjs/core/ace'
import { counted } from '#domain/shared/wording'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Works every active person's standing against their role level out again
 * from the assessments and the framework. The service keeps standings up
 * to date as things change, and the daily snapshot rebuilds them; run this
 * after loading people or assessments straight into the database.
 */
export default class CapabilityStandings extends BaseCommand {
  static commandName = 'capability:standings'
  static description =
    "Rebuild every person's standing against their role level (what the capability dashboards count)"

  static options: CommandOptions = { startApp: true }

  async run() {
    // Imported here: queries need the booted application.
    const { refreshStandings } = await import('#actions/capability/refresh_standings')
    const db = await this.app.container.make('lucid.db')
    const started = performance.now()
    await refreshStandings('everyone')
    const row = await db.from('capability_standings').count('* as total').first()
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    this.logger.info(
      `Standings rebuilt for ${counted(Number(row?.total ?? 0), 'person', 'people')} in ${seconds} s`
    )
  }
}
