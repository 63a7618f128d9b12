import { DateTime } from 'luxon'

/* A time some days from now at a UK clock time (9:30 unless given), stored as the application stores times. */
export function daysAhead(days: number, hour = 9, minute = 30) {
  return DateTime.now()
    .setZone('Europe/London')
    .plus({ days })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toLocal()
}

/* The yyyy-mm-dd date some days from now in UK time. */
export function dayAhead(days: number) {
  return DateTime.now().setZone('Europe/London').plus({ days }).toISODate()!
}
