import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Loads a backup written by db:backup into the configured database
 * (docs/backup.md). A database that already has tables is replaced only
 * with --force. Stop the service first.
 */
export default class DbRestore extends BaseCommand {
  static commandName = 'db:restore'
  static description =
    'Load a backup written by db:backup into the configured database (one with tables only with --force); stop the service first'

  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'The backup file to load' })
  declare from: string | undefined

  @flags.boolean({ description: 'Replace a database that already has tables' })
  declare force: boolean | undefined

  async run() {
    if (!this.from) {
      this.logger.error(
        'Give the backup file to load with --from, for example --from backups/today.sql'
      )
      return this.failed()
    }
    // Imported here: the database settings need the booted application.
    const { restoreDatabase } = await import('#services/database_backup')
    const result = await restoreDatabase(this.from, { force: this.force })
    switch (result.type) {
      case 'restored':
        this.logger.success(
          `Restored ${result.database} from ${this.from} in ${result.milliseconds} ms`
        )
        return
      case 'not_empty':
        this.logger.error(
          `${result.database} already has ${result.tables} tables: nothing was changed. Give --force to replace them`
        )
        return this.failed()
      case 'failed':
        this.logger.error(`Nothing was restored: ${result.message}`)
        return this.failed()
      default: {
        const unexpected: never = result
        throw new Error(`Unexpected result ${JSON.stringify(unexpected)}`)
      }
    }
  }

  private failed() {
    this.exitCode = 1
  }
}
