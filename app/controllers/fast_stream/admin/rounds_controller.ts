import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { DateTime } from 'luxon'
import PlacementRound from '#models/placement_round'
import { found, idParam } from '#services/params'
import {
  placementStatusLabels,
  programmeLabels,
  programmeValues,
  roundStatusLabels,
} from '#enums/fast_stream'
import {
  closeRoundValidator,
  roundFormValues,
  roundFromForm,
  roundValidator,
} from '#validators/fast_stream_admin'
import { UK_ZONE } from '#domain/shared/uk_time'
import { saveRound, type SaveRoundResult } from '#actions/fast_stream/admin/save_round'
import { closePreferences } from '#actions/fast_stream/admin/close_preferences'
import {
  roundFigures,
  roundPlacementsPage,
  roundsPage,
} from '#queries/fast_stream/admin_rounds_query'
import {
  closeEarlyMessage,
  dateOrderError,
  outsideWindowMessage,
  placementTabs,
  preferencesClosedMessage,
} from '#services/round_messages'

const programmeOptions = programmeValues.map((value) => ({ value, label: programmeLabels[value] }))

/* Round statuses whose results page (run, adjust, publish) is worth a link. */
const HAS_RESULTS = new Set(['closed', 'matched', 'published'])

function page(value: unknown) {
  const number = Number(value)
  return Number.isSafeInteger(number) && number > 0 ? number : 1
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
    const { status, statusTabs } = placementTabs(figures, request.input('status'))
    return view.render('pages/fast_stream/admin/rounds/show', {
      round,
      figures,
      status,
      placements: await roundPlacementsPage(round.id, status, page(request.input('page'))),
      statusTabs,
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
      values: roundFormValues(round),
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
        session.flash('success', preferencesClosedMessage(round, result.early))
        return response.redirect().toRoute('fast_stream.admin.rounds.show', { id: round.id })
      case 'not_open':
        session.flash('error', 'Preferences are already closed for this round')
        return response.redirect().toRoute('fast_stream.admin.rounds.show', { id: round.id })
      case 'needs_confirmation':
        return backWithErrors({ confirmEarly: closeEarlyMessage(round) })
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
        return ctx.backWithErrors(dateOrderError(result.field))
      case 'placements_outside_window':
        return ctx.backWithErrors({
          postingStartsOn: outsideWindowMessage(result.count, result.first),
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
  const round = found(await PlacementRound.find(idParam(id)))
  return round
}
