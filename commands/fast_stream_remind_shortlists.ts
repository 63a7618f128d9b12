import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class FastStreamRemindShortlists extends BaseCommand {
  static commandName = 'fast-stream:remind-shortlists'
  static description =
    'E-mail entrants who started a list of placements but have not submitted it, when choices close soon. Run daily (the scheduler does); each entrant is reminded once per round'

  static options: CommandOptions = { startApp: true }

  @flags.number({
    description: 'Remind about rounds whose choices close within this many hours',
    default: 72,
  })
  declare hours: number

  async run() {
    if (!Number.isFinite(this.hours) || this.hours <= 0) {
      this.logger.error('--hours must be a positive number')
      this.exitCode = 1
      return
    }
    // Imported here: models need the booted application.
    const { remindShortlists } = await import('#actions/fast_stream/entrant/remind_shortlists')
    const result = await remindShortlists({ hours: this.hours })
    this.logger.info(
      `Sent ${result.sent} reminder${result.sent === 1 ? '' : 's'} for ${result.rounds} round${result.rounds === 1 ? '' : 's'} whose choices close within ${this.hours} hours`
    )
    if (result.failed) {
      this.logger.error(`${result.failed} could not be sent: see the log`)
      this.exitCode = 1
    }
  }
}
