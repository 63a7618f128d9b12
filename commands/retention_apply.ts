import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Applies the keeping times (config/retention.ts): anonymises leavers past
 * theirs and deletes old audit events and password links. The schedule
 * runs it each day (start/scheduler.ts); `--dry-run` lists what it would
 * do and changes nothing.
 */
export default class RetentionApply extends BaseCommand {
  static commandName = 'retention:apply'
  static description =
    'Anonymise leavers past their keeping time and delete records past theirs (--dry-run changes nothing)'

  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'List what would be done, and change nothing' })
  declare dryRun: boolean

  async run() {
    // Imported here: queries need the booted application.
    const { applyRetention } = await import('#actions/identity/apply_retention')
    const outcome = await applyRetention({ dryRun: this.dryRun ?? false })
    const verb = outcome.dryRun ? 'Would anonymise' : 'Anonymised'
    this.logger.info(
      `${verb} ${outcome.leavers.length} leaver${outcome.leavers.length === 1 ? '' : 's'} who left before ${outcome.cutoffs.leftBefore}`
    )
    for (const leaver of outcome.leavers) {
      this.logger.info(
        `  person ${leaver.id} (organisation ${leaver.organisationId}), left on ${leaver.leftOn}`
      )
    }
    this.logger.info(
      `${outcome.dryRun ? 'Would delete' : 'Deleted'} ${outcome.auditEventsDeleted} audit event${outcome.auditEventsDeleted === 1 ? '' : 's'} from before ${outcome.cutoffs.auditEventsBefore}`
    )
    this.logger.info(
      `${outcome.dryRun ? 'Would delete' : 'Deleted'} ${outcome.passwordLinksDeleted} password link${outcome.passwordLinksDeleted === 1 ? '' : 's'} that ran out before ${outcome.cutoffs.passwordLinksBefore}`
    )
  }
}
