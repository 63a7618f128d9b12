import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Takes today's snapshot of the dashboards' key measures, for trend lines.
 * Run it once a day from cron or a scheduler, for example
 * `15 2 * * * cd /srv/app && node ace insights:snapshot`.
 */
export default class InsightsSnapshot extends BaseCommand {
  static commandName = 'insights:snapshot'
  static description =
    "Take today's snapshot of the key measures per department and for all of government. Run it daily from cron or a scheduler; a second run the same day adds nothing"

  static options: CommandOptions = { startApp: true }

  async run() {
    // Imported here: queries need the booted application.
    const { takeSnapshots } = await import('#actions/insights/take_snapshots')
    const result = await takeSnapshots()
    if (result.written === 0) {
      this.logger.info(
        `The snapshot for ${result.takenOn} was already taken: nothing added, nothing changed`
      )
      return
    }
    this.logger.info(
      `Took the snapshot for ${result.takenOn}: ${result.written} measure${result.written === 1 ? '' : 's'} recorded`
    )
  }
}
