import { clearanceValues, placementStatusValues, roundStatusValues } from '#enums/fast_stream'
import type { IneligibilityCode, UnmatchedCode } from '#domain/fast_stream/matching_engine'
import type { PlacementSort } from '#queries/fast_stream/placement_search_query'
import type { ClosedReason } from '#queries/fast_stream/shortlist_query'
import type { MatchOutcome } from '#queries/fast_stream/match_results_query'
import type { MatchState } from '#actions/fast_stream/matching/run_match'
import {
  answer,
  arrayOf,
  body,
  bodyProblems,
  boolean,
  dataOf,
  date,
  dateTime,
  id,
  idInPath,
  integer,
  named,
  object,
  oneOfValues,
  orNull,
  pagingParameters,
  problemAnswer,
  problems,
  problemWith,
  query,
  schemaRef,
  sharedSchemas,
  text,
} from './components.js'
import type { ApiArea, Schema } from './types.js'

const TAG = 'Fast Stream'

/* Every member of a union of strings, checked complete by the compiler. */
const keysOf = <T extends string>(map: Record<T, true>) => Object.keys(map) as T[]

const placementSorts = keysOf<PlacementSort>({
  title: true,
  start: true,
  department: true,
  capacity: true,
})
const ineligibilityCodes = keysOf<IneligibilityCode>({
  clearance: true,
  previous_department: true,
  not_digital: true,
})
const closedReasons = keysOf<ClosedReason>({
  round_not_open: true,
  not_yet_open: true,
  deadline_passed: true,
})
const matchOutcomes = keysOf<MatchOutcome>({ matched: true, unmatched: true, adjusted: true })
const matchStates = keysOf<MatchState>({
  open: true,
  ready: true,
  running: true,
  stalled: true,
  matched: true,
  published: true,
})
const unmatchedCodes = keysOf<UnmatchedCode | 'removed_by_hand' | 'posting_overlap'>({
  no_preferences: true,
  no_eligible_choice: true,
  choices_filled: true,
  removed_by_hand: true,
  posting_overlap: true,
})

/* The list meta every page of a list has, and the facets the placement search adds. */
const listMetaFields = sharedSchemas.ListMeta.properties!

const clearance = (description?: string) => oneOfValues(clearanceValues, description)
const roundStatus = (description?: string) => oneOfValues(roundStatusValues, description)

const department = object(
  { id: id(), code: text('A short code, such as `dft`.'), name: text() },
  { description: 'The department: the organisation at the top of the placement’s tree.' }
)

/* Whether the rules of the round let the caller take a placement. */
const eligibilityFields = (forEveryone: boolean) => {
  const eligible = 'Whether the round’s rules let the caller take the placement.'
  return {
    eligible: forEveryone
      ? orNull(boolean(`${eligible} Null for the Fast Stream team.`))
      : boolean(eligible),
    ineligibleCode: orNull(
      oneOfValues(ineligibilityCodes, 'Which rule keeps the caller out; null when none does.')
    ),
    ineligibleReason: orNull(text('The same, in words the entrant can act on.')),
  }
}

const rankingForbidden = {
  description: 'The caller is neither a team lead nor in the Fast Stream team.',
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
}

const rankingNotFound = {
  description:
    'There is no such placement, or it is another team’s: both answer the same, so a team lead cannot learn which placements exist.',
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
}

const roundSummary = object({ id: id(), name: text(), status: roundStatus() })

const statusUrl = {
  type: 'string',
  format: 'uri-reference',
  description: 'Where to watch the match: `GET /rounds/{id}/match`.',
} satisfies Schema

/* Fast Stream placement rounds: searching and choosing placements, ranking applicants, matching. */
export const fastStream: ApiArea = {
  tag: {
    name: TAG,
    description:
      'Placement rounds of the Fast Stream: entrants search a round’s placements and rank their choices; team leads rank the applicants to their team’s placements; the Fast Stream team runs the match; entrants read their result.',
  },
  schemas: {
    MatchStats: object(
      {
        entrants: integer('Entrants with a submitted list.', { min: 0 }),
        matched: integer('Entrants given a placement.', { min: 0 }),
        unmatched: integer('Entrants without a placement.', { min: 0 }),
        firstChoice: integer('Of those matched, given their first choice.', { min: 0 }),
        topThree: integer('Of those matched, given one of their first three choices.', {
          min: 0,
        }),
        adjusted: integer('Entrants moved by hand since the match.', { min: 0 }),
        placesOffered: integer('Places in the round’s approved placements.', { min: 0 }),
        placesFilled: integer(undefined, { min: 0 }),
        needDigital: integer('Entrants who still need a digital placement.', { min: 0 }),
        needDigitalMatchedDigital: integer('Of those, given a digital placement.', { min: 0 }),
      },
      {
        description:
          'The figures of a round’s result as it stands, hand moves included: the same shape when the match is run and when it is read.',
      }
    ),
    Placement: object({
      id: id(),
      roundId: id('The round’s id.'),
      title: text(),
      description: text(),
      location: text('Where the entrant will work.'),
      startsOn: date(),
      capacity: integer('How many entrants it takes.', { min: 1 }),
      clearanceRequired: clearance('The security clearance it needs.'),
      digital: boolean('Whether it is a digital placement.'),
      team: named('The team offering it.'),
      organisation: named('The organisation of that team.'),
      department,
      service: orNull(
        named(
          'The service of the register it works in, a digitally delivered one of the team’s department (every Future Leaders placement names one); null when it names none.'
        )
      ),
      skills: arrayOf(named(), 'The skills it develops, by name.'),
      shortlistRank: orNull(
        integer('Where it is on the caller’s list, 1 first; null when it is not on it.', {
          min: 1,
        })
      ),
      ...eligibilityFields(true),
    }),
    Preferences: object({
      round: object({
        id: id(),
        name: text(),
        status: roundStatus(),
        preferencesOpenAt: dateTime('When the round starts taking choices.'),
        preferencesCloseAt: dateTime('The deadline for choices.'),
        maxPreferences: integer('How many placements a list may hold.', { min: 1 }),
        open: boolean('Whether the list can change now.'),
      }),
      submitted: boolean('Whether the list has been submitted.'),
      submittedAt: orNull(dateTime()),
      placements: arrayOf(
        object({
          rank: integer('1 for the first choice.', { min: 1 }),
          id: id('The placement’s id.'),
          title: text(),
          location: text(),
          department,
          digital: boolean(),
          clearanceRequired: clearance(),
          offered: boolean(
            'Whether the placement is still approved: one withdrawn or not approved stays on the list but cannot be matched.'
          ),
          ...eligibilityFields(false),
        }),
        'The placements on the list, best first.'
      ),
    }),
    PreferencesRequest: object(
      {
        placements: {
          ...arrayOf(id(), 'The ids of the placements, best first. An empty list clears it.'),
          maxItems: 255,
        },
        submit: {
          ...boolean(
            'Submit the list as well. Saving without it leaves a submitted list submitted.'
          ),
          default: false,
        },
      },
      { optional: ['submit'] }
    ),
    Ranking: object({
      placement: object({ id: id(), title: text(), status: oneOfValues(placementStatusValues) }),
      round: roundSummary,
      ranking: arrayOf(id(), 'The team’s saved ranking, as entrant ids, best first.'),
      applicants: arrayOf(
        object({
          position: integer('Where the applicant stands in the team’s order, 1 first.', {
            min: 1,
          }),
          rank: orNull(integer('The team’s rank; null when not ranked.', { min: 1 })),
          entrant: object({
            id: id(),
            name: text(),
            email: { type: 'string' },
            scheme: text('The entrant’s scheme.'),
            cohort: text('The entrant’s cohort.'),
            clearance: clearance('The clearance the entrant holds.'),
          }),
          choice: integer('Where the entrant put this placement on their list, 1 first.', {
            min: 1,
          }),
          submittedAt: dateTime('When the entrant submitted their list.'),
          previousDepartments: arrayOf(
            text(),
            'Codes of the departments of the entrant’s earlier postings.'
          ),
          hadDigital: boolean('Whether the entrant has had a digital posting.'),
          needsDigital: boolean('Whether the entrant still needs a digital placement.'),
          eligible: boolean('Whether the round’s rules let the entrant take this placement.'),
          ineligibleCode: orNull(
            oneOfValues(ineligibilityCodes, 'Which rule keeps them out; null when none does.')
          ),
          ineligibleReason: orNull(text('Why they may not; null when they may.')),
        }),
        'Everyone who put the placement on a submitted list: the ranked ones in the team’s order, then the rest by their choice and when they submitted.'
      ),
    }),
    RankingRequest: object({
      entrants: {
        ...arrayOf(
          id(),
          'Entrant ids, best first. Applicants left out are not ranked; an empty list ranks no one.'
        ),
        maxItems: 5000,
      },
    }),
    MatchStatus: object({
      status: oneOfValues(
        matchStates,
        '`open` while the round takes choices, `ready` once closed, `running` while a queued match runs, `stalled` when a queued match has not finished in time (run it again), `matched`, `published`.'
      ),
      matchedAt: orNull(dateTime('When the current result was made; null without one.')),
      publishedAt: orNull(dateTime()),
      postingWindow: orNull(
        object(
          {
            startsOn: date('The first day of the round’s postings.'),
            endsOn: date('The day they end: the next posting may start on it.'),
          },
          {
            description:
              'The dates the round’s postings run: publishing writes them into each posting, and entrants whose earlier postings overlap them are left out of the match. Null for a round without one.',
          }
        )
      ),
      stats: orNull(schemaRef('MatchStats')),
    }),
    Match: object({
      id: id(),
      entrant: object({ id: id(), name: text(), scheme: text() }),
      placement: orNull(
        object(
          {
            id: id(),
            title: text(),
            team: text('The team’s name.'),
            organisation: text('The organisation’s name.'),
            location: text(),
            digital: boolean(),
          },
          { description: 'The placement given; null when none.' }
        )
      ),
      choice: orNull(
        integer('Where the entrant ranked the placement, 1 first; null without one.', { min: 1 })
      ),
      unmatched: orNull(
        object(
          {
            code: oneOfValues(
              unmatchedCodes,
              'Why the entrant has no placement: `posting_overlap` when an earlier posting of theirs overlaps the round’s posting window, so they were left out of the match.'
            ),
            reason: text(),
          },
          { description: 'Why there is no placement; null when there is one.' }
        )
      ),
      adjusted: orNull(
        object(
          {
            by: orNull(text('Who moved the entrant.')),
            at: dateTime(),
            reason: orNull(
              text(
                'Why they moved the entrant; null for a move made before reasons were asked for.'
              )
            ),
          },
          { description: 'Set when the Fast Stream team moved the entrant by hand.' }
        )
      ),
    }),
    MyPlacement: object({
      result: orNull(
        object(
          {
            round: object({ id: id(), name: text(), publishedAt: orNull(dateTime()) }),
            placement: orNull(
              object({
                id: id(),
                title: text(),
                team: text(),
                organisation: text(),
                location: text(),
                startsOn: date(),
                digital: boolean(),
              })
            ),
            choice: orNull(integer(undefined, { min: 1 })),
            reason: orNull(text('Why there is no placement; null when there is one.')),
          },
          {
            description:
              'The result of the latest published round the entrant was matched in; null before there is one.',
          }
        )
      ),
      pending: arrayOf(
        object({ id: id(), name: text(), resultsAt: dateTime('When results are due.') }),
        'Rounds the entrant submitted a list to whose results are still to come, soonest first.'
      ),
      postings: arrayOf(
        object({
          id: id(),
          title: text(),
          team: orNull(text()),
          organisation: text(),
          startsOn: date(),
          endsOn: orNull(date()),
          digital: boolean(),
        }),
        'The entrant’s postings, latest first.'
      ),
    }),
  },
  paths: {
    '/rounds/{id}/placements': {
      get: {
        operationId: 'listRoundPlacements',
        summary: 'Search a round’s placements',
        description:
          'The round’s approved placements with the filters of the placement search page. Entrants see open rounds, each placement with whether they may take it; the Fast Stream team sees any round, without eligibility. Empty filters are ignored.',
        tags: [TAG],
        parameters: [
          idInPath('round'),
          pagingParameters[0],
          query('perPage', 'How many placements a page holds, from 1 to 100.', {
            ...integer(undefined, { min: 1, max: 100 }),
            default: 20,
          }),
          query(
            'q',
            'Words in the placement’s title or description, or the name of its team, organisation or department.',
            text(undefined, { max: 100 })
          ),
          query('department', 'Only placements in this department.', id()),
          query(
            'location',
            'Only placements in this town or city, in any case.',
            text(undefined, { max: 120 })
          ),
          query('skill', 'Only placements that develop this skill.', id()),
          query('digitalOnly', 'Only digital placements.', boolean()),
          query(
            'myClearance',
            'Only placements the caller’s clearance meets (for entrants).',
            boolean()
          ),
          query('sort', 'By title (the default), start date, department or places.', {
            ...oneOfValues(placementSorts),
          }),
        ],
        responses: {
          200: answer(
            'A page of placements, with the departments to filter by.',
            object({
              data: arrayOf(schemaRef('Placement')),
              meta: object({
                ...listMetaFields,
                departments: arrayOf(
                  object({
                    id: id(),
                    name: text(),
                    count: integer('Placements that match the other filters.', { min: 0 }),
                  }),
                  'Every department with placements in the round, by name.'
                ),
              }),
            })
          ),
          ...problems(401),
          403: {
            description: 'The caller is neither an entrant nor in the Fast Stream team.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          404: {
            description: 'There is no such round, or it is not open and the caller is an entrant.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          ...problems(422),
        },
      },
    },
    '/rounds/{id}/preferences': {
      get: {
        operationId: 'getMyPreferences',
        summary: 'The caller’s choices in a round',
        description:
          'The entrant’s ranked list for the round, best first, with whether each placement is still offered and whether they may take it. An entrant sees a round while it is open, or once they have a list in it, as on the shortlist page; an open round where they have no list gives an empty one.',
        tags: [TAG],
        parameters: [idInPath('round')],
        responses: {
          200: answer('The list.', dataOf(schemaRef('Preferences'))),
          ...problems(401),
          403: {
            description: 'The caller is not a Fast Stream entrant.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          404: {
            description:
              'There is no such round, or it is not open and the entrant has no list in it.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
        },
      },
      put: {
        operationId: 'replaceMyPreferences',
        summary: 'Replace the caller’s choices in a round',
        description:
          'Replaces the entrant’s whole list, best first, and submits it when asked, while the round takes choices. Every entry must be an approved placement of the round, listed once, and the list no longer than the round allows; otherwise nothing changes and each problem is named.',
        tags: [TAG],
        parameters: [idInPath('round')],
        requestBody: body(schemaRef('PreferencesRequest')),
        responses: {
          ...bodyProblems(),
          200: answer('The list, saved.', dataOf(schemaRef('Preferences'))),
          ...problems(401),
          403: {
            description: 'The caller is not a Fast Stream entrant.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          404: {
            description:
              'There is no such round, or it is not open and the entrant has no list in it.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          422: problemAnswer(
            'The round is not taking choices now, and `code` says why (as when booking for a session has closed); or a field breaks a rule, or an entry is not a placement the list may hold: the `rule` is `exists`, `round`, `approved` or `distinct` for an entry, `maxLength` or `required` for the list.',
            {
              anyOf: [
                schemaRef('ValidationProblem'),
                problemWith({
                  code: oneOfValues(
                    closedReasons,
                    '`not_yet_open` before choices open, `deadline_passed` after the deadline, `round_not_open` once the round has closed.'
                  ),
                }),
              ],
            }
          ),
        },
      },
    },
    '/placements/{id}/rankings': {
      get: {
        operationId: 'getPlacementRanking',
        summary: 'A team’s ranking of its applicants',
        description:
          'Everyone who put the placement on a submitted list, in the team’s order, with where they ranked it and whether the round’s rules let them take it. For the team lead of the placement’s team and the Fast Stream team.',
        tags: [TAG],
        parameters: [idInPath('placement')],
        responses: {
          200: answer('The applicants and the saved ranking.', dataOf(schemaRef('Ranking'))),
          ...problems(401),
          403: rankingForbidden,
          404: rankingNotFound,
        },
      },
      put: {
        operationId: 'rankApplicants',
        summary: 'Rank a placement’s applicants',
        description:
          'Replaces the team’s ranking with the entrants given, best first. Each must have put the placement on a submitted list. Allowed until the round is matched.',
        tags: [TAG],
        parameters: [idInPath('placement')],
        requestBody: body(schemaRef('RankingRequest')),
        responses: {
          ...bodyProblems(),
          200: answer('The applicants and the new ranking.', dataOf(schemaRef('Ranking'))),
          ...problems(401),
          403: rankingForbidden,
          404: rankingNotFound,
          409: {
            description: 'The round has been matched: the ranking can no longer change.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          422: problemAnswer(
            'A field breaks a rule, or an entry cannot be ranked: the `rule` is `exists` (no such entrant), `applicant` (they did not put the placement on a submitted list) or `distinct` (listed twice).',
            schemaRef('ValidationProblem')
          ),
        },
      },
    },
    '/rounds/{id}/match': {
      post: {
        operationId: 'runMatch',
        summary: 'Run a round’s match',
        description:
          'For the Fast Stream team: matches the round’s entrants to its placements once the round has closed, and again while the result is unpublished (the new result replaces the old one, hand moves included). A small round is matched at once; a large one is queued.',
        tags: [TAG],
        parameters: [idInPath('round')],
        responses: {
          200: answer(
            'The round is matched; these are the figures.',
            dataOf(
              object({
                status: { type: 'string', const: 'matched' },
                stats: schemaRef('MatchStats'),
              })
            )
          ),
          202: {
            ...answer(
              'The match is queued. Watch it at `statusUrl`.',
              dataOf(
                object({
                  status: { type: 'string', const: 'running' },
                  entrants: integer('Entrants to match.', { min: 0 }),
                  statusUrl,
                })
              )
            ),
            headers: {
              Location: {
                description: 'Where to watch the match, the same as `statusUrl`.',
                schema: { type: 'string', format: 'uri-reference' },
              },
            },
          },
          ...problems(401, 403, 404, 422),
          409: problemAnswer(
            'The round is still open to choices, is being matched now (`statusUrl` says where to watch), or is published.',
            {
              allOf: [schemaRef('Problem'), { type: 'object', properties: { statusUrl } }],
            }
          ),
        },
      },
      get: {
        operationId: 'getMatchStatus',
        summary: 'Where a round’s match stands',
        description:
          'For the Fast Stream team: the round’s match state, with the figures once there is a result. Not cached.',
        tags: [TAG],
        parameters: [idInPath('round')],
        responses: {
          200: answer('The match state.', dataOf(schemaRef('MatchStatus'))),
          ...problems(401, 403, 404),
        },
      },
    },
    '/rounds/{id}/matches': {
      get: {
        operationId: 'listMatches',
        summary: 'List a round’s matches',
        description:
          'Each entrant of the round with the placement they were given, or why not, by name. The Fast Stream team sees every match; a team lead sees the matches to their team’s placements once the round is published. Empty filters are ignored.',
        tags: [TAG],
        parameters: [
          idInPath('round'),
          ...pagingParameters,
          query(
            'outcome',
            'Only entrants given a placement, without one, or moved by hand.',
            oneOfValues(matchOutcomes)
          ),
        ],
        responses: {
          200: answer(
            'A page of matches.',
            object({ data: arrayOf(schemaRef('Match')), meta: schemaRef('ListMeta') })
          ),
          ...problems(401),
          403: {
            description:
              'The caller is neither in the Fast Stream team nor a team lead, or is a team lead and the round is not published.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          ...problems(404, 422),
        },
      },
    },
    '/me/placement': {
      get: {
        operationId: 'getMyPlacement',
        summary: 'The caller’s placement',
        description:
          'For an entrant: the result of the latest published round they were matched in, the rounds whose results are still to come, and their postings.',
        tags: [TAG],
        responses: {
          200: answer('The entrant’s result and postings.', dataOf(schemaRef('MyPlacement'))),
          ...problems(401),
          403: {
            description: 'The caller is not a Fast Stream entrant.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
        },
      },
    },
  },
}
