import env from '#start/env'
import { UK_ZONE } from '#domain/shared/uk_time'

/*
 * Work the service does by the clock, from inside its web processes.
 * SCHEDULER_ENABLED turns it off (the test suite does; so may instances
 * that should leave the schedule to others). SNAPSHOT_CRON is when the
 * day's snapshot of the key measures is taken, read in UK time: five
 * fields (minute hour day month weekday), 02:30 by default. Entrants with
 * a list of placements not yet submitted are reminded at 08:00 each day,
 * once per round, when choices close within three days.
 */
const schedulerConfig = {
  enabled: env.get('SCHEDULER_ENABLED', true),
  timezone: UK_ZONE,
  snapshots: {
    cron: env.get('SNAPSHOT_CRON', '30 2 * * *'),
    /* Held while a snapshot is taken, so instances that fire together take it once. */
    lockName: 'insights:snapshots',
    lockTtl: '15m',
  },
  shortlistReminders: {
    cron: '0 8 * * *',
  },
  /* Leavers past their keeping time anonymised, old records deleted (config/retention.ts): 03:15 unless set. */
  retention: {
    cron: env.get('RETENTION_CRON', '15 3 * * *'),
  },
} as const

export default schedulerConfig
