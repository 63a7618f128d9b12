import type { ApiClient } from '@japa/api-client'
import type { Locator, Page } from 'playwright'
import type User from '#models/user'
import { submitAs } from '#tests/support/forms'

/*
 * A day as a form's GOV.UK date input sends it: day, month and year boxes,
 * "2026-09-07" as { day: '7', month: '9', year: '2026' }; blank boxes for
 * no date. Text that is not yyyy-mm-dd goes in the day box, as someone
 * might type it there.
 */
export function dateParts(iso: string | null | undefined) {
  if (!iso) return { day: '', month: '', year: '' }
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso)
  if (!match) return { day: iso, month: '', year: '' }
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] }
}

/* The date input whose question is `legend`. */
export function dateGroup(page: Page | Locator, legend: string | RegExp) {
  return page.getByRole('group', { name: legend, exact: true })
}

/* What the date input whose question is `legend` shows: its day, month and year. */
export async function dateTyped(page: Page | Locator, legend: string | RegExp) {
  const group = dateGroup(page, legend)
  return {
    day: await group.getByLabel('Day', { exact: true }).inputValue(),
    month: await group.getByLabel('Month', { exact: true }).inputValue(),
    year: await group.getByLabel('Year', { exact: true }).inputValue(),
  }
}

/* Types a day (yyyy-mm-dd) into the date input whose question is `legend`. */
export async function fillDate(page: Page | Locator, legend: string | RegExp, iso: string) {
  const parts = dateParts(iso)
  const group = dateGroup(page, legend)
  await group.getByLabel('Day', { exact: true }).fill(parts.day)
  await group.getByLabel('Month', { exact: true }).fill(parts.month)
  await group.getByLabel('Year', { exact: true }).fill(parts.year)
}

/*
 * A form's fields with each named date (yyyy-mm-dd, or '' for none) as its
 * date input sends it; other fields, and dates already in parts, unchanged.
 */
export function withDateParts<T extends Record<string, unknown>>(fields: T, names: string[]) {
  const sent: Record<string, unknown> = { ...fields }
  for (const name of names) {
    const value = sent[name]
    if (typeof value === 'string' || value === null) sent[name] = dateParts(value)
  }
  return sent as T
}

/* The dates the service's forms ask for with GOV.UK's date input. */
export const FORM_DATES = [
  'startsOn',
  'endsOn',
  'startedOn',
  'dueOn',
  'plannedOn',
  'advertisedOn',
  'siftingOn',
  'interviewingOn',
  'offersOn',
  'closedOn',
  'nextRoundOn',
  'postingStartsOn',
  'postingEndsOn',
  'startDate',
  'endDate',
  'closesDate',
]

/*
 * submitAs, with the named dates of every form sent (yyyy-mm-dd in the test)
 * as the form's date inputs send them.
 */
export function submitWithDatesAs(client: ApiClient, user: User, names = FORM_DATES) {
  const as = submitAs(client, user)
  const parts = (fields?: Record<string, unknown>) =>
    fields === undefined ? undefined : withDateParts(fields, names)
  return {
    post: (url: string, fields?: Record<string, unknown>) => as.post(url, parts(fields)),
    put: (url: string, fields?: Record<string, unknown>) => as.put(url, parts(fields)),
    patch: (url: string, fields?: Record<string, unknown>) => as.patch(url, parts(fields)),
    delete: (url: string, fields?: Record<string, unknown>) => as.delete(url, parts(fields)),
  }
}

/* The day, month and year a page's date input shows for the field `name`. */
export function dateShown(html: string, name: string) {
  const part = (key: string) => {
    const input = new RegExp(`<input\\b[^>]*\\sname="${name}\\[${key}\\]"[^>]*>`).exec(html)?.[0]
    return input ? (/\svalue="([^"]*)"/.exec(input)?.[1] ?? '') : null
  }
  return { day: part('day'), month: part('month'), year: part('year') }
}
