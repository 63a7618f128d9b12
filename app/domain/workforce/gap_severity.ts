/*
 * How severe a suggested capability gap is. One person one level short of
 * a skill is not critical, however few people the role has: severity comes
 * from how many people are short (as a share of those the requirement
 * applies to, and as a number) and from how far short they are on average.
 * A headcount gap is short by whole posts, so its distance is always the
 * greatest. Pure: no framework imports; the suggestions action gathers the
 * counts in SQL.
 */
import type { GapSeverity } from '../../enums/workforce.js'
import { counted } from '#domain/shared/wording'

/* How widely a role or skill is short, most first. */
export const gapBreadths = ['most', 'many', 'some', 'few'] as const
export type GapBreadth = (typeof gapBreadths)[number]

/*
 * Where the breadth bands start: a share of the people (in per cent) and at
 * least a number of them, or, in a large organisation, a number alone.
 * Anything below "some" is "few".
 */
export const GAP_BREADTH_BANDS: ReadonlyArray<{
  breadth: Exclude<GapBreadth, 'few'>
  percent: number
  atLeast: number
  orAtLeast: number
}> = [
  { breadth: 'most', percent: 50, atLeast: 5, orAtLeast: 50 },
  { breadth: 'many', percent: 30, atLeast: 3, orAtLeast: 20 },
  { breadth: 'some', percent: 15, atLeast: 2, orAtLeast: 10 },
]

/* People short by this many levels on average, or more, are far short ("deep"). */
export const DEEP_GAP_AVERAGE_LEVELS = 2

/* Severity by breadth, for a shallow gap and for a deep one. */
const SEVERITY: Record<GapBreadth, { shallow: GapSeverity; deep: GapSeverity }> = {
  most: { shallow: 'high', deep: 'critical' },
  many: { shallow: 'medium', deep: 'high' },
  some: { shallow: 'low', deep: 'medium' },
  few: { shallow: 'low', deep: 'low' },
}

/* Below a skill's required level before a gap is suggested at all: 3 people, or 20% of them. */
export const SKILL_GAP_PEOPLE = 3
export const SKILL_GAP_PERCENT = 20

export type SkillShortfall = {
  /* People whose current role level needs the skill. */
  people: number
  /* Of them, those below the level their role needs. */
  below: number
  /* Levels short, added up over the people below. */
  levelsShort: number
}

export type HeadcountShortfall = {
  postsNeeded: number
  /* Posts neither filled nor being recruited. */
  postsShort: number
}

/* How widely `short` of `of` people (or posts) are short. */
export function gapBreadth(short: number, of: number): GapBreadth {
  if (short <= 0 || of <= 0) return 'few'
  for (const band of GAP_BREADTH_BANDS) {
    const shareReached = short * 100 >= band.percent * of && short >= band.atLeast
    if (shareReached || short >= band.orAtLeast) return band.breadth
  }
  return 'few'
}

/* Whether the people below are, on average, far short of the level. */
export function isDeepGap(below: number, levelsShort: number) {
  return below > 0 && levelsShort >= DEEP_GAP_AVERAGE_LEVELS * below
}

/* Whether enough people are below a skill's level to suggest a gap: 3 people, or 20% of them. */
export function suggestsSkillGap({ people, below }: SkillShortfall) {
  if (below <= 0 || people <= 0) return false
  return below >= SKILL_GAP_PEOPLE || below * 100 >= SKILL_GAP_PERCENT * people
}

/* The severity of a skill gap; null when no one is below the level. */
export function skillGapSeverity(shortfall: SkillShortfall): GapSeverity | null {
  const { people, below, levelsShort } = shortfall
  if (below <= 0 || people <= 0) return null
  const depth = isDeepGap(below, levelsShort) ? 'deep' : 'shallow'
  return SEVERITY[gapBreadth(Math.min(below, people), people)][depth]
}

/* The severity of a headcount gap: a missing post is as far short as can be. */
export function headcountGapSeverity({
  postsNeeded,
  postsShort,
}: HeadcountShortfall): GapSeverity | null {
  if (postsShort <= 0 || postsNeeded <= 0) return null
  return SEVERITY[gapBreadth(Math.min(postsShort, postsNeeded), postsNeeded)].deep
}

/* Levels short on average, to one decimal place, for the gap's description. */
export function averageLevelsShort({ below, levelsShort }: SkillShortfall) {
  return below > 0 ? Math.round((levelsShort / below) * 10) / 10 : 0
}

/* A suggested skill gap's description: the figures its severity comes from. */
export function describeSkillShortfall(shortfall: SkillShortfall) {
  const { people, below, levelsShort } = shortfall
  return (
    `${below} of ${counted(people, 'person', 'people')} ${below === 1 ? 'is' : 'are'} below the required level, ` +
    `${counted(levelsShort, 'level')} short in all ` +
    `(${averageLevelsShort(shortfall)} on average).`
  )
}
