import { DateTime } from 'luxon'
import { UK_ZONE } from '#domain/shared/uk_time'

/* A GOV.UK-style date: day, month and year typed separately. */
export type DateParts = { day?: string | null; month?: string | null; year?: string | null }

/*
 * Reads a date typed as day, month and year into a real date in UK time, or
 * says what is wrong with it in the words the form shows ("The due date
 * must include a month"); null when all three are blank. The example is
 * how the form shows a date in numbers, like "27 3 2027".
 */
export function dateFromParts(
  { day, month, year }: { day: string; month: string; year: string },
  label: string,
  example: string
): { date: DateTime } | { error: string } | null {
  const missing = [!day && 'a day', !month && 'a month', !year && 'a year'].filter(Boolean)
  if (missing.length === 3) return null
  if (missing.length) return { error: `${label} must include ${missing.join(' and ')}` }
  if (![day, month, year].every((part) => /^\d+$/.test(part))) {
    return { error: `${label} must be a real date, in numbers, like ${example}` }
  }
  if (year.length !== 4) return { error: 'The year must include 4 numbers' }
  const date = DateTime.fromObject(
    { year: Number(year), month: Number(month), day: Number(day) },
    { zone: UK_ZONE }
  )
  if (!date.isValid) return { error: `${label} must be a real date` }
  return { date }
}
