import type { MatchOutcome, PlacementSort } from '#enums/fast_stream'
import type { ClosedReason } from '#queries/fast_stream/shortlist_query'
import { apiPreferencesValidator } from '#validators/fast_stream_entrant'
import { apiRankingValidator } from '#validators/fast_stream_team'
import {
  MatchStatusTransformer,
  MatchTransformer,
  MyPlacementTransformer,
  PlacementTransformer,
  PreferencesTransformer,
  RankingTransformer,
} from '#transformers/fast_stream_transformer'
import {
  answer,
  arrayOf,
  body,
  bodyProblems,
  boolean,
  dataOf,
  id,
  idInPath,
  integer,
  keysOf,
  listOf,
  object,
  oneOfValues,
  pagingParameters,
  problemAnswer,
  problems,
  readById,
  problemWith,
  query,
  requestSchema,
  schemaRef,
  sharedSchemas,
  text,
} from './components.js'
import type { ApiArea, Schema } from './types.js'

const TAG = 'Fast Stream'

const placementSorts = keysOf<PlacementSort>({
  title: true,
  start: true,
  department: true,
  capacity: true,
})
const closedReasons = keysOf<ClosedReason>({
  round_not_open: true,
  not_yet_open: true,
  deadline_passed: true,
})
const matchOutcomes = keysOf<MatchOutcome>({ matched: true, unmatched: true, adjusted: true })

/* The list meta every page of a list has, and the facets the placement search adds. */
const listMetaFields = sharedSchemas.ListMeta.properties!

const rankingForbidden = problemAnswer(
  'The caller is neither a team lead nor in the Fast Stream team.'
)

const rankingNotFound = problemAnswer(
  'There is no such placement, or it is another team’s: both answer the same, so a team lead cannot learn which placements exist.'
)

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
    ...MatchStatusTransformer.schemas,
    ...PlacementTransformer.schemas,
    ...PreferencesTransformer.schemas,
    PreferencesRequest: requestSchema(apiPreferencesValidator, {
      placements: {
        description: 'The ids of the placements, best first. An empty list clears it.',
        items: { exclusiveMinimum: 0 },
      },
      submit: {
        description:
          'Submit the list as well. Saving without it leaves a submitted list submitted.',
        default: false,
      },
    }),
    ...RankingTransformer.schemas,
    RankingRequest: requestSchema(apiRankingValidator, {
      entrants: {
        description:
          'Entrant ids, best first. Applicants left out are not ranked; an empty list ranks no one.',
        items: { exclusiveMinimum: 0 },
      },
    }),
    ...MatchTransformer.schemas,
    ...MyPlacementTransformer.schemas,
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
          403: problemAnswer('The caller is neither an entrant nor in the Fast Stream team.'),
          404: problemAnswer(
            'There is no such round, or it is not open and the caller is an entrant.'
          ),
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
          403: problemAnswer('The caller is not a Fast Stream entrant.'),
          404: problemAnswer(
            'There is no such round, or it is not open and the entrant has no list in it.'
          ),
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
          403: problemAnswer('The caller is not a Fast Stream entrant.'),
          404: problemAnswer(
            'There is no such round, or it is not open and the entrant has no list in it.'
          ),
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
          409: problemAnswer('The round has been matched: the ranking can no longer change.'),
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
            'The round is matched: the match as `GET /rounds/{id}/match` gives it, `status` `matched`, with the figures.',
            dataOf(schemaRef('MatchStatus'))
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
      get: readById(
        {
          operationId: 'getMatchStatus',
          summary: 'Where a round’s match stands',
          description:
            'For the Fast Stream team: the round’s match state, with the figures once there is a result. Not cached.',
          tags: [TAG],
        },
        { what: 'round', answer: 'The match state.', schema: 'MatchStatus' },
        [401, 403, 404]
      ),
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
          200: answer('A page of matches.', listOf(schemaRef('Match'))),
          ...problems(401),
          403: problemAnswer(
            'The caller is neither in the Fast Stream team nor a team lead, or is a team lead and the round is not published.'
          ),
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
          403: problemAnswer('The caller is not a Fast Stream entrant.'),
        },
      },
    },
  },
}
