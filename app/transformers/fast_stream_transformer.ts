import type { DateTime } from 'luxon'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type PlacementRound from '#models/placement_round'
import type Placement from '#models/placement'
import { clearanceValues, placementStatusValues, roundStatusValues } from '#enums/fast_stream'
import type { IneligibilityCode, UnmatchedCode } from '#domain/fast_stream/matching_engine'
import type { MatchState } from '#actions/fast_stream/matching/run_match'
import type { Ineligible, PlacementRow } from '#queries/fast_stream/placement_search_query'
import type {
  EntrantMatchRow,
  EntrantResult,
  PendingRound,
  PostingRow,
  ResultSummary,
} from '#queries/fast_stream/match_results_query'
import type { Applicant } from '#queries/fast_stream/team_applicants_query'
import type { shortlistOverview } from '#queries/fast_stream/shortlist_query'
import {
  arrayOf,
  boolean,
  date,
  dateTime,
  id,
  integer,
  keysOf,
  named,
  object,
  oneOfValues,
  orNull,
  schemaRef,
  text,
} from '#openapi/components'

/*
 * Placement rounds as the JSON API shows them: placements and whether the
 * caller may take each, an entrant's choices, a team's ranking of its
 * applicants, the match and an entrant's result.
 */

/* An instant as the API gives it: ISO 8601 in UTC. */
const instant = (value: DateTime) => value.toUTC().toISO()

const ineligibilityCodes = keysOf<IneligibilityCode>({
  clearance: true,
  previous_department: true,
  not_digital: true,
})
export const matchStates = keysOf<MatchState>({
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

/* The caller's eligibility as the API gives it: null throughout when it was not judged (undefined). */
function eligibility(ineligible: Ineligible | null | undefined) {
  return {
    eligible: ineligible === undefined ? null : ineligible === null,
    ineligibleCode: ineligible?.code ?? null,
    ineligibleReason: ineligible?.reason ?? null,
  }
}

/*
 * A placement with the caller's eligibility: judged for an entrant (null
 * when nothing keeps them out), not judged (undefined) for the team.
 */
export type PlacementRecord = { row: PlacementRow; ineligible: Ineligible | null | undefined }

/* A round's approved placement, and whether the caller may take it. */
export class PlacementTransformer extends BaseTransformer<PlacementRecord> {
  static schemas = {
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
  }

  toObject() {
    const { row, ineligible } = this.resource
    return {
      id: row.id,
      roundId: row.roundId,
      title: row.title,
      description: row.description,
      location: row.location,
      startsOn: row.startsOn.toISODate(),
      capacity: row.capacity,
      clearanceRequired: row.clearanceRequired,
      digital: row.isDigital,
      team: { id: row.teamId, name: row.teamName },
      organisation: { id: row.organisationId, name: row.organisationName },
      department: row.department,
      service: row.service,
      skills: row.skills,
      shortlistRank: row.shortlistRank,
      ...eligibility(ineligible),
    }
  }
}

/* An entrant's list for a round, as the shortlist query reads it. */
export type PreferencesRecord = Awaited<ReturnType<typeof shortlistOverview>>

/* An entrant's ranked choices in a round, best first. */
export class PreferencesTransformer extends BaseTransformer<PreferencesRecord> {
  static schemas = {
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
  }

  toObject() {
    const overview = this.resource
    const { round } = overview
    return {
      round: {
        id: round.id,
        name: round.name,
        status: round.status,
        preferencesOpenAt: instant(round.preferencesOpenAt),
        preferencesCloseAt: instant(round.preferencesCloseAt),
        maxPreferences: round.maxPreferences,
        open: overview.closed === null,
      },
      submitted: overview.submittedAt !== null,
      submittedAt: overview.submittedAt ? instant(overview.submittedAt) : null,
      placements: overview.entries.map((entry) => ({
        rank: entry.rank,
        id: entry.id,
        title: entry.title,
        location: entry.location,
        department: entry.department,
        digital: entry.isDigital,
        clearanceRequired: entry.clearanceRequired,
        offered: entry.offered,
        ...eligibility(entry.ineligible),
      })),
    }
  }
}

/* A team's placement, its round, and everyone who put it on a submitted list. */
export type RankingRecord = { placement: Placement; applicants: Applicant[] }

/* A team's ranking of a placement's applicants: the saved order, then everyone in the team's order. */
export class RankingTransformer extends BaseTransformer<RankingRecord> {
  static schemas = {
    Ranking: object({
      placement: object({ id: id(), title: text(), status: oneOfValues(placementStatusValues) }),
      round: object({ id: id(), name: text(), status: roundStatus() }),
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
  }

  toObject() {
    const { placement, applicants } = this.resource
    return {
      placement: { id: placement.id, title: placement.title, status: placement.status },
      round: {
        id: placement.round.id,
        name: placement.round.name,
        status: placement.round.status,
      },
      ranking: applicants
        .filter((applicant) => applicant.teamRank !== null)
        .map((applicant) => applicant.entrantId),
      applicants: applicants.map((applicant) => ({
        position: applicant.position,
        rank: applicant.teamRank,
        entrant: {
          id: applicant.entrantId,
          name: applicant.name,
          email: applicant.email,
          scheme: applicant.scheme,
          cohort: applicant.cohort,
          clearance: applicant.clearance,
        },
        choice: applicant.choice,
        submittedAt: instant(applicant.submittedAt),
        previousDepartments: applicant.previousDepartments,
        hadDigital: applicant.hadDigital,
        needsDigital: applicant.needsDigital,
        ...eligibility(applicant.ineligible),
      })),
    }
  }
}

/* A round's match as it stands: its state, and its figures once there is a result. */
export type MatchStatusRecord = {
  round: PlacementRound
  state: MatchState
  stats: ResultSummary | null
}

/*
 * Where a round's match stands. The same shape when the match is run and
 * when it is read; its figures (`MatchStats`) too.
 */
export class MatchStatusTransformer extends BaseTransformer<MatchStatusRecord> {
  static schemas = {
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
  }

  toObject() {
    const { round, state, stats } = this.resource
    const hasResult = state === 'matched' || state === 'published'
    return {
      status: state,
      matchedAt: hasResult && round.matchedAt ? instant(round.matchedAt) : null,
      publishedAt: round.publishedAt ? instant(round.publishedAt) : null,
      postingWindow: round.postingWindow,
      stats: stats
        ? {
            entrants: stats.entrants,
            matched: stats.matched,
            unmatched: stats.unmatched,
            firstChoice: stats.firstChoice,
            topThree: stats.topThree,
            adjusted: stats.adjusted,
            placesOffered: stats.placesOffered,
            placesFilled: stats.placesFilled,
            needDigital: stats.needDigital,
            needDigitalMatchedDigital: stats.needDigitalMatchedDigital,
          }
        : null,
    }
  }
}

/* An entrant of a round with the placement they were given, or why not. */
export class MatchTransformer extends BaseTransformer<EntrantMatchRow> {
  static schemas = {
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
  }

  toObject() {
    const row = this.resource
    return {
      id: row.matchId,
      entrant: { id: row.entrantId, name: row.name, scheme: row.scheme },
      placement: row.placement
        ? {
            id: row.placement.id,
            title: row.placement.title,
            team: row.placement.team,
            organisation: row.placement.organisation,
            location: row.placement.location,
            digital: row.placement.digital,
          }
        : null,
      choice: row.choice,
      unmatched: row.placement ? null : { code: row.unmatchedCode, reason: row.unmatchedReason },
      adjusted: row.adjustedAt
        ? { by: row.adjustedBy, at: instant(row.adjustedAt), reason: row.adjustedReason }
        : null,
    }
  }
}

/* An entrant's latest published result, rounds still to come, and postings. */
export type MyPlacementRecord = {
  latest: EntrantResult | null
  pending: PendingRound[]
  postings: PostingRow[]
}

/* What an entrant may know of their own placement. */
export class MyPlacementTransformer extends BaseTransformer<MyPlacementRecord> {
  static schemas = {
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
  }

  toObject() {
    const { latest, pending, postings } = this.resource
    return {
      result: latest
        ? {
            round: {
              id: latest.round.id,
              name: latest.round.name,
              publishedAt: latest.round.publishedAt ? instant(latest.round.publishedAt) : null,
            },
            placement: latest.placement
              ? {
                  id: latest.placement.id,
                  title: latest.placement.title,
                  team: latest.placement.team,
                  organisation: latest.placement.organisation,
                  location: latest.placement.location,
                  startsOn: latest.placement.startsOn.toISODate(),
                  digital: latest.placement.digital,
                }
              : null,
            choice: latest.choice,
            reason: latest.reason,
          }
        : null,
      pending: pending.map((round) => ({
        id: round.id,
        name: round.name,
        resultsAt: instant(round.resultsAt),
      })),
      postings: postings.map((posting) => ({
        id: posting.id,
        title: posting.title,
        team: posting.team,
        organisation: posting.organisation,
        startsOn: posting.startsOn.toISODate(),
        endsOn: posting.endsOn?.toISODate() ?? null,
        digital: posting.digital,
      })),
    }
  }
}
