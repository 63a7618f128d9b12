import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Removes large exports whose files have passed their keeping time
 * (EXPORTS_KEEP_DAYS, 7 days unless set). Run it daily from cron or a
 * scheduler, for example `30 2 * * * cd /srv/app && node ace exports:prune`.
 */
export default class ExportsPrune extends BaseCommand {
  static commandName = 'exports:prune'
  static description =
    'Remove exports, and their files, that are past their keeping time. Run it daily from cron or a scheduler'

  static options: CommandOptions = { startApp: true }

  async run() {
    // Imported here: queries need the booted application.
    const { pruneExports } = await import('#services/exports')
    const removed = await pruneExports()
    this.logger.info(`Removed ${removed} export${removed === 1 ? '' : 's'} past their keeping time`)
  }
}
