import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Writes a consistent copy of the configured database to a file while the
 * service runs (docs/backup.md): SQLite's online backup API, or mysqldump
 * in one transaction for MySQL.
 */
export default class DbBackup extends BaseCommand {
  static commandName = 'db:backup'
  static description =
    'Write a consistent copy of the database to a file while the service runs (SQLite: a database file; MySQL: a mysqldump file)'

  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'The file to write, for example backups/2026-12-07.sql' })
  declare to: string | undefined

  async run() {
    if (!this.to) {
      this.logger.error('Give the file to write with --to, for example --to backups/today.sql')
      return this.failed()
    }
    // Imported here: the database settings need the booted application.
    const { backupDatabase } = await import('#services/database_backup')
    const result = await backupDatabase(this.to)
    switch (result.type) {
      case 'written':
        this.logger.success(
          `Wrote a ${result.dialect === 'sqlite' ? 'SQLite' : 'MySQL'} backup to ${result.file} (${result.bytes} bytes in ${result.milliseconds} ms)`
        )
        return
      case 'failed':
        this.logger.error(`No backup was written: ${result.message}`)
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
