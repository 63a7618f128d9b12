/*
 * The service's clock: work that runs at set times, started inside each
 * web process when SCHEDULER_ENABLED is on (config/scheduler.ts). Today
 * that is the daily snapshot of the key measures, which feeds the trend
 * lines, and the daily reminder to entrants who have not submitted their
 * list of placements, and the keeping times applied (retention). Every
 * instance keeps the same schedule; the snapshot job makes sure the day's
 * snapshot is taken once, each reminder is claimed by one run before it is
 * sent, and a leaver is anonymised once (their row is locked and checked).
 */
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { Cron } from 'croner'
import schedulerConfig from '#config/scheduler'

/* A piece of work the schedule runs. */
export type ScheduledTask = {
  name: string
  /* Five cron fields, read in the schedule's time zone. */
  cron: string
  run: () => Promise<unknown>
}

/* Queues the day's snapshot; a queue worker takes it. */
export const snapshotTask: ScheduledTask = {
  name: 'insights:snapshot',
  cron: schedulerConfig.snapshots.cron,
  run: async () => {
    const { default: TakeSnapshots } = await import('#jobs/take_snapshots')
    await TakeSnapshots.dispatch({})
  },
}

/* Reminds entrants, once per round, to submit the list of placements they started. */
export const shortlistRemindersTask: ScheduledTask = {
  name: 'fast-stream:remind-shortlists',
  cron: schedulerConfig.shortlistReminders.cron,
  run: async () => {
    const { remindShortlists } = await import('#actions/fast_stream/entrant/remind_shortlists')
    await remindShortlists()
  },
}

/* Applies the keeping times: anonymises leavers past theirs, deletes old audit events and links. */
export const retentionTask: ScheduledTask = {
  name: 'retention:apply',
  cron: schedulerConfig.retention.cron,
  run: async () => {
    const { applyRetention } = await import('#actions/identity/apply_retention')
    await applyRetention()
  },
}

/*
 * Starts a task on its pattern in the schedule's time zone. A run still
 * going when the next one is due is not overlapped, and a failure is
 * logged rather than stopping the schedule. `paused` only works out when
 * it would run, for checking a pattern.
 */
export function scheduleTask(
  task: ScheduledTask,
  options: { timezone?: string; paused?: boolean } = {}
): Cron {
  return new Cron(
    task.cron,
    {
      name: task.name,
      timezone: options.timezone ?? schedulerConfig.timezone,
      paused: options.paused ?? false,
      protect: true,
      unref: true,
      catch: (error) => logger.error({ err: error, task: task.name }, 'A scheduled task failed'),
    },
    async () => {
      await task.run()
    }
  )
}

if (schedulerConfig.enabled) {
  const jobs: Cron[] = []
  app.ready(() => {
    jobs.push(
      scheduleTask(snapshotTask),
      scheduleTask(shortlistRemindersTask),
      scheduleTask(retentionTask)
    )
    for (const job of jobs) {
      logger.info(`Scheduled ${job.name}: next run ${job.nextRun()?.toISOString() ?? 'never'}`)
    }
  })
  app.terminating(() => {
    for (const job of jobs.splice(0)) job.stop()
  })
}
