import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class LearningSendReminders extends BaseCommand {
  static commandName = 'learning:send-reminders'
  static description =
    'E-mail a reminder to learners booked on sessions starting soon, and to people a course is required of before, on and after its due date. Run it from cron or a scheduler (hourly, say); each session is reminded once, and each person once per due date and kind of reminder'

  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Remind sessions that start within this many hours', default: 48 })
  declare hours: number

  async run() {
    if (!Number.isFinite(this.hours) || this.hours <= 0) {
      this.logger.error('--hours must be a positive number')
      this.exitCode = 1
      return
    }
    // Imported here: models need the booted application.
    const { sendReminders, sendRequirementReminders } =
      await import('#actions/learning/send_reminders')
    const result = await sendReminders({ hours: this.hours })
    this.logger.info(
      `Sent ${result.sent} reminder${result.sent === 1 ? '' : 's'} for ${result.sessions} session${result.sessions === 1 ? '' : 's'} starting within ${this.hours} hours`
    )
    const required = await sendRequirementReminders()
    this.logger.info(
      `Sent ${required.sent} required learning reminder${required.sent === 1 ? '' : 's'} for ${required.requirements} requirement${required.requirements === 1 ? '' : 's'} in force`
    )
    const failed = result.failed + required.failed
    if (failed) {
      this.logger.error(`${failed} could not be sent: see the log`)
      this.exitCode = 1
    }
  }
}
