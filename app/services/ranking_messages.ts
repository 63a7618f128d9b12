import type { RankingProblem } from '#actions/fast_stream/team/rank_applicants'

/*
 * What a team is told when ranking a placement's applicants is refused:
 * the page's message and the API's problems, side by side in one place.
 */

/* Each problem with a ranking sent to the API: the rule it breaks, named as the rest of the API names rules, and its message. */
export const RANKING_PROBLEMS: Record<
  RankingProblem['code'],
  { rule: string; message: (entrantId: number) => string }
> = {
  duplicate: {
    rule: 'distinct',
    message: (entrantId) => `Entrant ${entrantId} is listed more than once`,
  },
  unknown_entrant: {
    rule: 'exists',
    message: (entrantId) => `There is no entrant with the id ${entrantId}`,
  },
  not_applicant: {
    rule: 'applicant',
    message: (entrantId) =>
      `Entrant ${entrantId} has not put this placement on a submitted shortlist`,
  },
}

/* A ranking the page sent that no longer fits the applicants. */
export const RANKING_STALE =
  'The applicants changed while you were ranking them: check the list and save again'

/* A matched round's rankings are fixed: the page's message and the API's. */
export const RANKING_ROUND_MATCHED = {
  page: 'The round has been matched: the ranking can no longer change',
  api: 'The round has been matched: the ranking can no longer change.',
} as const
