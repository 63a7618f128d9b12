/*
 * A capability plan's figures and when they are frozen. In post and open
 * campaign posts are counted from people and campaigns, so they move as
 * people join, leave and are recruited; the reasons a plan records and the
 * decision on it rest on the figures as they stood. A sent plan's figures
 * are frozen on sending, and again on approval if they changed in between;
 * drafts and returned plans show today's. Pure: no framework imports.
 */
import type { PlanStatus } from '../../enums/workforce.js'

/* One plan line's figures, frozen or counted today. */
export type LineFigures = {
  postsNeeded: number
  /* In post as the plan uses it: HR's override, else the count. */
  inPost: number
  /* In post counted from people's current role levels. */
  inPostComputed: number
  inPostOverridden: boolean
  /* Posts needed less in post, never below 0. */
  vacancies: number
  plannedToRecruit: number
  plannedToTrain: number
  /* Posts in the organisation tree's open recruitment campaigns. */
  campaignPosts: number
}

export type FigureTotals = Omit<LineFigures, 'inPostOverridden'>

const NUMBERS = [
  'postsNeeded',
  'inPost',
  'inPostComputed',
  'vacancies',
  'plannedToRecruit',
  'plannedToTrain',
  'campaignPosts',
] as const

/* Whether a plan in this status shows frozen figures: sent or approved. */
export function showsFrozenFigures(status: PlanStatus) {
  return status === 'submitted' || status === 'approved'
}

/* The sum of each figure over the lines. */
export function totalsOf(lines: LineFigures[]): FigureTotals {
  const totals = Object.fromEntries(NUMBERS.map((key) => [key, 0])) as FigureTotals
  for (const line of lines) for (const key of NUMBERS) totals[key] += line[key]
  return totals
}

/*
 * Whether the figures moved between two takes, lines keyed by role
 * profile: a line added or gone, or any figure changed.
 */
export function figuresChanged(
  before: Map<number, LineFigures>,
  after: Map<number, LineFigures>
): boolean {
  if (before.size !== after.size) return true
  for (const [roleProfileId, was] of before) {
    const now = after.get(roleProfileId)
    if (!now) return true
    if (was.inPostOverridden !== now.inPostOverridden) return true
    if (NUMBERS.some((key) => was[key] !== now[key])) return true
  }
  return false
}
