import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { DateTime } from 'luxon'
import PlacementRound from '#models/placement_round'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import {
  placementStatusLabels,
  placementStatusValues,
  programmeLabels,
  programmeValues,
  roundStatusLabels,
  type PlacementStatus,
} from '#enums/fast_stream'
import {
  closeRoundValidator,
  fromUkDateTime,
  roundValidator,
  toUkDateTime,
} from '#validators/fast_stream_admin'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import {
  POSTING_WINDOW_MAX_MONTHS,
  saveRound,
  type RoundDateField,
  type SaveRoundResult,
} from '#actions/fast_stream/admin/save_round'
import { closePreferences } from '#actions/fast_stream/admin/close_preferences'
import {
  roundFigures,
  roundPlacementsPage,
  roundsPage,
} from '#queries/fast_stream/admin_rounds_query'

const ORDER_MESSAGES = {
  preferencesOpenAt: 'Entrants can start choosing only once teams can offer placements',
  preferencesCloseAt: 'Entrants’ choices must close after they open',
  resultsAt: 'Results must be published after entrants’ choices close',
  nextRoundOn: 'The next round must start after the day this round’s results are published',
  postingStartsOn: 'Postings must start after the day this round’s results are published',
  postingEndsOn: 'Postings must end after the day they start',
  postingWindowLength: `Postings must end within ${POSTING_WINDOW_MAX_MONTHS} months of the day they start`,
} as const

/* The form field each date problem is shown under. */
const ORDER_FIELDS: Record<RoundDateField, string> = {
  preferencesOpenAt: 'preferencesOpenAt',
  preferencesCloseAt: 'preferencesCloseAt',
  resultsAt: 'resultsAt',
  nextRoundOn: 'nextRoundOn',
  postingStartsOn: 'postingStartsOn',
  postingEndsOn: 'postingEndsOn',
  postingWindowLength: 'postingEndsOn',
}

const programmeOptions = programmeValues.map((value) => ({ value, label: programmeLabels[value] }))

/* Round statuses whose results page (run, adjust, publish) is worth a link. */
const HAS_RESULTS = new Set(['closed', 'matched', 'published'])

function page(value: unknown) {
  const number = Number(value)
  return Number.isSafeInteger(number) && number > 0 ? number : 1
}

/* The round form's fields as a round: UK times made into instants. */
function roundFromForm(form: {
  name: string
  programme?: (typeof programmeValues)[number]
  placementsOpenAt: string
  preferencesOpenAt: string
  preferencesCloseAt: string
  resultsAt: string
  nextRoundOn?: Date
  postingStartsOn: Date
  postingEndsOn: Date
  maxPreferences: number
  rules?: ('excludePreviousDepartments' | 'enforceDigital')[]
}) {
  const rules = form.rules ?? []
  return {
    name: form.name,
    programme: form.programme,
    placementsOpenAt: fromUkDateTime(form.placementsOpenAt),
    preferencesOpenAt: fromUkDateTime(form.preferencesOpenAt),
    preferencesCloseAt: fromUkDateTime(form.preferencesCloseAt),
    resultsAt: fromUkDateTime(form.resultsAt),
    nextRoundOn: form.nextRoundOn
      ? DateTime.fromJSDate(form.nextRoundOn, { zone: 'utc' }).startOf('day')
      : null,
    postingStartsOn: DateTime.fromJSDate(form.postingStartsOn, { zone: 'utc' }).startOf('day'),
    postingEndsOn: DateTime.fromJSDate(form.postingEndsOn, { zone: 'utc' }).startOf('day'),
    maxPreferences: form.maxPreferences,
    excludePreviousDepartments: rules.includes('excludePreviousDepartments'),
    enforceDigital: rules.includes('enforceDigital'),
  }
}

/*
 * Placement rounds for the Fast Stream team: the list with counts, adding
 * and changing a round's dates and rules, the round's page with its
 * placements by status, and closing a round to entrants' choices.
 */
export default class RoundsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/rounds/index', {
      rounds: await roundsPage(page(request.input('page'))),
      roundStatusLabels,
      programmeLabels,
      zone: UK_ZONE,
    })
  }

  /* Every round as CSV, with its placement and shortlist counts. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    return exportList(ctx, 'rounds')
  }

  /* A round's placements as CSV: one status's, when the page shows one. */
  async placementsCsv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await findRound(ctx.params.id)
    return exportList(ctx, 'roundPlacements', { roundId: String(round.id) })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/rounds/form', {
      round: null,
      values: {},
      programmeOptions,
    })
  }

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const form = await request.validateUsing(roundValidator)
    const result = await saveRound(roundFromForm(form), UK_ZONE)
    return this.respond(result, { backWithErrors, response, session }, 'Round added')
  }

  async show({ bouncer, params, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await findRound(params.id)
    const figures = await roundFigures(round.id)
    const asked = request.input('status')
    const status: PlacementStatus = placementStatusValues.includes(asked)
      ? asked
      : figures.placements.offered.placements
        ? 'offered'
        : 'approved'
    return view.render('pages/fast_stream/admin/rounds/show', {
      round,
      figures,
      status,
      placements: await roundPlacementsPage(round.id, status, page(request.input('page'))),
      statusTabs: placementStatusValues.map((value) => ({
        value,
        label: placementStatusLabels[value],
        count: figures.placements[value].placements,
      })),
      roundStatusLabels,
      placementStatusLabels,
      programmeLabels,
      hasResults: HAS_RESULTS.has(round.status),
      closesEarly: DateTime.now() < round.preferencesCloseAt,
      zone: UK_ZONE,
    })
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await findRound(params.id)
    return view.render('pages/fast_stream/admin/rounds/form', {
      round,
      programmeLabels,
      values: {
        placementsOpenAt: toUkDateTime(round.placementsOpenAt),
        preferencesOpenAt: toUkDateTime(round.preferencesOpenAt),
        preferencesCloseAt: toUkDateTime(round.preferencesCloseAt),
        resultsAt: toUkDateTime(round.resultsAt),
        nextRoundOn: round.nextRoundOn?.toISODate() ?? null,
        postingStartsOn: round.postingStartsOn?.toISODate() ?? null,
        postingEndsOn: round.postingEndsOn?.toISODate() ?? null,
      },
    })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await findRound(params.id)
    const form = await request.validateUsing(roundValidator)
    const result = await saveRound(roundFromForm(form), UK_ZONE, round)
    return this.respond(result, { backWithErrors, response, session }, 'Round updated')
  }

  async close({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await findRound(params.id)
    const { confirmEarly } = await request.validateUsing(closeRoundValidator)
    const result = await closePreferences(round, confirmEarly === true)
    switch (result.type) {
      case 'closed':
        session.flash(
          'success',
          result.early
            ? `Preferences closed early: ${round.name} is ready to be matched`
            : `Preferences closed: ${round.name} is ready to be matched`
        )
        return response.redirect().toRoute('fast_stream.admin.rounds.show', { id: round.id })
      case 'not_open':
        session.flash('error', 'Preferences are already closed for this round')
        return response.redirect().toRoute('fast_stream.admin.rounds.show', { id: round.id })
      case 'needs_confirmation':
        return backWithErrors({
          confirmEarly: `Entrants can choose until ${round.preferencesCloseAt.setZone(UK_ZONE).toFormat(UkFormats.dateTime)}: select the box to confirm closing early`,
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private respond(
    result: SaveRoundResult,
    ctx: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', `${message}: ${result.round.name}`)
        return ctx.response
          .redirect()
          .toRoute('fast_stream.admin.rounds.show', { id: result.round.id })
      case 'name_taken':
        return ctx.backWithErrors({ name: 'There is already a round with this name' })
      case 'dates_out_of_order':
        return ctx.backWithErrors({ [ORDER_FIELDS[result.field]]: ORDER_MESSAGES[result.field] })
      case 'placements_outside_window':
        return ctx.backWithErrors({
          postingStartsOn: `${result.count === 1 ? '1 placement' : `${result.count} placements`} of this round ${result.count === 1 ? 'starts' : 'start'} outside these dates, such as “${result.first.title}” on ${result.first.startsOn.toFormat(UkFormats.date)}: choose dates that include ${result.count === 1 ? 'its start' : 'their starts'}`,
        })
      case 'round_matched':
        ctx.session.flash(
          'error',
          'The round has been matched: its dates and rules can no longer change'
        )
        return ctx.response.redirect().back()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

export async function findRound(id: unknown) {
  const round = await PlacementRound.find(idParam(id))
  if (!round) throw new RecordNotFoundException()
  return round
}
