/*
 * Times, counts and money as pages show them, written from Intl formatters
 * made once rather than per value. Each gives exactly what the Luxon or
 * `toLocaleString` call named beside it gives (tests/unit/shared/uk_format.spec.ts
 * compares them over many dates, both sides of every clock change); those
 * calls build a zone, a locale and a parsed format on every cell, which on
 * a list page is most of the time spent writing the page. Pure: no
 * framework imports.
 */
import { Info, type DateTime } from 'luxon'
import { UK_ZONE } from '#domain/shared/uk_time'

/* The wall-clock fields of an instant in UK time. */
type UkFields = { year: number; month: number; day: number; hour: number; minute: number }

const ukClock = new Intl.DateTimeFormat('en-US', {
  timeZone: UK_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
})

/* Luxon's own month and weekday names (standalone, as its "LLL" and "ccc" tokens write them), per locale. */
const monthNames = new Map<string, string[]>()
const weekdayNames = new Map<string, string[]>()
function shortMonth(locale: string, month: number) {
  let names = monthNames.get(locale)
  if (!names) monthNames.set(locale, (names = Info.months('short', { locale })))
  return names[month - 1]
}
function shortWeekday(locale: string, weekday: number) {
  let names = weekdayNames.get(locale)
  if (!names) weekdayNames.set(locale, (names = Info.weekdays('short', { locale })))
  return names[weekday - 1]
}

function ukFields(millis: number): UkFields {
  const fields: UkFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0 }
  for (const part of ukClock.formatToParts(millis)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
        fields[part.type] = Number(part.value)
    }
  }
  return fields
}

/* ISO weekday (Monday 1 … Sunday 7) of a calendar date. */
function isoWeekday(year: number, month: number, day: number) {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

const year4 = (year: number) => String(year).padStart(4, '0')
const two = (value: number) => String(value).padStart(2, '0')

/* "Tue 15 Jun 2027": `value.setZone(UK_ZONE).setLocale('en-GB').toFormat('ccc d LLL yyyy')`. */
export function ukShortWeekdayDate(value: DateTime) {
  if (!value.isValid) return value.setZone(UK_ZONE).setLocale('en-GB').toFormat('ccc d LLL yyyy')
  const { year, month, day } = ukFields(value.toMillis())
  return `${shortWeekday('en-GB', isoWeekday(year, month, day))} ${day} ${shortMonth('en-GB', month)} ${year4(year)}`
}

/* "9:30am", "4pm", "midday", "midnight": the time of day in UK time, GOV.UK style. */
export function ukTimeOfDay(value: DateTime) {
  const { hour, minute } = value.isValid
    ? ukFields(value.toMillis())
    : { hour: Number.NaN, minute: Number.NaN }
  if (hour === 12 && minute === 0) return 'midday'
  if (hour === 0 && minute === 0) return 'midnight'
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  const minutes = minute ? `:${two(minute)}` : ''
  return `${twelve}${minutes}${hour < 12 ? 'am' : 'pm'}`
}

/* "3 Jun 2027", in the value's own zone and locale: `value.toFormat('d LLL yyyy')`. */
export function dayMonthYear(value: DateTime) {
  if (!value.isValid) return value.toFormat('d LLL yyyy')
  return `${value.day} ${shortMonth(value.locale!, value.month)} ${year4(value.year)}`
}

/* "3 Jun 2027 at 09:30", in the value's own zone and locale: `value.toFormat("d LLL yyyy 'at' HH:mm")`. */
export function dayMonthYearAtTime(value: DateTime) {
  if (!value.isValid) return value.toFormat("d LLL yyyy 'at' HH:mm")
  return `${dayMonthYear(value)} at ${two(value.hour)}:${two(value.minute)}`
}

const count = new Intl.NumberFormat('en-GB')
const wholePounds = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
})
const poundsAndPence = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

/* "12,345": `value.toLocaleString('en-GB')`. */
export function ukCount(value: number) {
  return count.format(value)
}

/* "Free", "£450" or "£450.50", from pence. */
export function ukCost(pence: number) {
  if (!pence) return 'Free'
  return `£${(pence % 100 === 0 ? wholePounds : poundsAndPence).format(pence / 100)}`
}

const tenths = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })
const sterling = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })

/* "42.5": `value.toLocaleString('en-GB', { maximumFractionDigits: 1 })`. */
export function ukTenths(value: number) {
  return tenths.format(value)
}

/* "£1,234.50": `(pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' })`. */
export function ukSterling(pence: number) {
  return sterling.format(pence / 100)
}
