import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldContext } from '@vinejs/vine/types'
import { reportOutOfBounds, type DateKind } from '#validators/date_bounds'
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

type PartsOptions = {
  label: string
  example: string
  optional: boolean
  /* 'day' gives the Date isoDay gives; 'instant' the day as yyyy-mm-dd, bounded as instants are. */
  kind: DateKind
  /* A sibling field that, when filled in, makes this date required. */
  requiredWith?: string
}

/* The day, month and year of a date input, each as typed without spaces. */
function partsOf(value: unknown) {
  const parts = (value && typeof value === 'object' ? value : {}) as DateParts
  const text = (part: unknown) => (typeof part === 'string' ? part.trim() : '')
  return { day: text(parts.day), month: text(parts.month), year: text(parts.year) }
}

/* True when a date input was left empty (or not sent). */
export function datePartsBlank(value: unknown) {
  const { day, month, year } = partsOf(value)
  return !day && !month && !year
}

/*
 * Reads a form's day, month and year into the day it names, or reports what
 * is wrong in GOV.UK's words. No date at all breaks `required` (the form's
 * own "Enter …" message) unless the field is optional, when it is left out.
 */
const realDayFromParts = vine.createRule(
  (value: unknown, options: PartsOptions, field: FieldContext) => {
    const read = dateFromParts(partsOf(value), options.label, options.example)
    if (!read) {
      const other = options.requiredWith ? field.parent?.[options.requiredWith] : undefined
      const wanted = typeof other === 'string' && other.trim() !== ''
      if (options.optional && !wanted) field.mutate(undefined, field)
      else field.report('Enter the {{ field }}', 'required', field)
      return
    }
    if ('error' in read) {
      field.report(read.error, 'dateParts', field)
      return
    }
    if (reportOutOfBounds(read.date, options.kind, field)) return
    const { year, month, day } = read.date
    field.mutate(
      options.kind === 'day' ? new Date(Date.UTC(year, month - 1, day)) : read.date.toISODate(),
      field
    )
  }
)

/*
 * A calendar day a form asks for as GOV.UK's day, month and year, within the
 * dates people may enter (ADR 9): the same Date isoDay gives for the API's
 * yyyy-mm-dd. `label` starts its messages ("The start date"); `example` is a
 * date in numbers as the form shows it ("7 9 2026").
 */
export function dayFromParts(label: string, example: string) {
  return vine
    .any()
    .use(realDayFromParts({ label, example, optional: false, kind: 'day' }))
    .transform((value) => value as Date)
}

/* dayFromParts for a date the form may leave blank. */
export function optionalDayFromParts(label: string, example: string) {
  return vine
    .any()
    .optional()
    .use(realDayFromParts({ label, example, optional: true, kind: 'day' }))
    .transform((value) => value as Date | undefined)
}

/*
 * The day of a moment a form asks for as a date input and a time (a
 * session's start), as yyyy-mm-dd, bounded as instants are (ADR 9).
 */
export function instantDayFromParts(label: string, example: string) {
  return vine
    .any()
    .use(realDayFromParts({ label, example, optional: false, kind: 'instant' }))
    .transform((value) => value as string)
}

/* instantDayFromParts for a day the form may leave blank, unless `requiredWith` is filled in. */
export function optionalInstantDayFromParts(label: string, example: string, requiredWith?: string) {
  return vine
    .any()
    .optional()
    .use(realDayFromParts({ label, example, optional: true, kind: 'instant', requiredWith }))
    .transform((value) => value as string | undefined)
}
