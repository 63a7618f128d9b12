import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import type Placement from '#models/placement'
import Team from '#models/team'
import {
  clearanceLabels,
  clearanceValues,
  placementStatusLabels,
  roundStatusLabels,
} from '#enums/fast_stream'
import {
  MAX_PLACEMENT_SKILLS,
  offerPlacementValidator,
  updatePlacementValidator,
} from '#validators/fast_stream_team'
import { savePlacement, type SavePlacementResult } from '#actions/fast_stream/team/save_placement'
import { withdrawPlacement } from '#actions/fast_stream/team/withdraw_placement'
import { beforeMatch } from '#actions/fast_stream/placement_before_match'
import {
  placementFormChoices,
  roundsOpenForOffers,
  teamPlacementsPage,
} from '#queries/fast_stream/team_placements_query'
import { managedPlacement } from '#controllers/fast_stream/team/managed_placement'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  notEditableMessage,
  offersClosedMessage,
  placementFormError,
  savedMessage,
  withdrawalMessage,
} from '#services/placement_messages'

const clearanceOptions = clearanceValues.map((value) => ({
  value,
  label: clearanceLabels[value],
}))

function page(value: unknown) {
  const number = Number(value)
  return Number.isSafeInteger(number) && number > 0 ? number : 1
}

/*
 * A team lead's placements: the team's placements across rounds, offering
 * one in a round open to offers, changing it while the round takes
 * offers, and withdrawing it until the round is matched.
 */
export default class PlacementsController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('offer')
    const lead = auth.getUserOrFail()
    const team = await Team.query().where('id', lead.teamId!).preload('organisation').firstOrFail()
    return view.render('pages/fast_stream/team/index', {
      team,
      placements: await teamPlacementsPage(team.id, page(request.input('page'))),
      openRounds: await roundsOpenForOffers(),
      placementStatusLabels,
      roundStatusLabels,
    })
  }

  /* The team's placements across rounds as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('offer')
    return exportList(ctx, 'teamPlacements')
  }

  async create({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('offer')
    const lead = auth.getUserOrFail()
    const team = await Team.findOrFail(lead.teamId)
    return this.form(view, null, { team, roundId: request.input('round') })
  }

  async store({ auth, backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('offer')
    const input = await request.validateUsing(offerPlacementValidator)
    const result = await savePlacement(auth.getUserOrFail(), {
      ...input,
      isDigital: input.isDigital === 'yes',
    })
    return this.respond(result, { backWithErrors, response, session }, null)
  }

  async show({ bouncer, params, view }: HttpContext) {
    const placement = await managedPlacement(bouncer, params.id)
    return view.render('pages/fast_stream/team/show', {
      placement,
      editable:
        placement.round.offersOpen() &&
        (placement.status === 'offered' || placement.status === 'approved'),
      withdrawable:
        beforeMatch(placement.round) &&
        (placement.status === 'offered' || placement.status === 'approved'),
      clearanceLabels,
      placementStatusLabels,
      roundStatusLabels,
      zone: UK_ZONE,
    })
  }

  async edit({ bouncer, params, response, session, view }: HttpContext) {
    const placement = await managedPlacement(bouncer, params.id)
    if (placement.status !== 'offered' && placement.status !== 'approved') {
      session.flash('error', notEditableMessage(placement.status))
      return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
    }
    if (!placement.round.offersOpen()) {
      session.flash('error', offersClosedMessage(placement))
      return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
    }
    return this.form(view, placement, { team: placement.team })
  }

  async update({ auth, backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const placement = await managedPlacement(bouncer, params.id)
    const input = await request.validateUsing(updatePlacementValidator)
    const result = await savePlacement(
      auth.getUserOrFail(),
      { ...input, isDigital: input.isDigital === 'yes' },
      placement
    )
    return this.respond(result, { backWithErrors, response, session }, placement)
  }

  async withdraw({ bouncer, params, response, session }: HttpContext) {
    const placement = await managedPlacement(bouncer, params.id)
    session.flash(...withdrawalMessage(await withdrawPlacement(placement), placement.title))
    return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
  }

  private async form(
    view: HttpContext['view'],
    placement: Placement | null,
    context: { team: Team; roundId?: unknown }
  ) {
    const { onlyRoundId, ...choices } = await placementFormChoices(
      placement,
      context.team.organisationId
    )
    return view.render('pages/fast_stream/team/form', {
      placement,
      team: context.team,
      ...choices,
      roundId: context.roundId ?? onlyRoundId,
      chosenSkills: placement ? placement.skills.map((skill) => skill.id) : [],
      clearanceOptions,
      maxSkills: MAX_PLACEMENT_SKILLS,
    })
  }

  private respond(
    result: SavePlacementResult,
    ctx: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    existing: Placement | null
  ) {
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', savedMessage(result, existing !== null))
        return ctx.response.redirect().toRoute('fast_stream.team.show', { id: result.placement.id })
      case 'no_team':
        ctx.session.flash('error', 'You need to belong to a delivery team to offer placements')
        return ctx.response.redirect().toRoute('fast_stream.team.index')
      case 'offers_closed':
        if (!existing) return ctx.backWithErrors(placementFormError(result))
        ctx.session.flash('error', offersClosedMessage(existing))
        return ctx.response.redirect().toRoute('fast_stream.team.show', { id: existing.id })
      case 'not_editable':
        ctx.session.flash('error', notEditableMessage(result.status))
        return existing
          ? ctx.response.redirect().toRoute('fast_stream.team.show', { id: existing.id })
          : ctx.response.redirect().toRoute('fast_stream.team.index')
      case 'round_not_found':
      case 'skills_not_found':
      case 'starts_before_results':
      case 'starts_outside_window':
      case 'service_required':
      case 'service_not_found':
      case 'service_other_department':
      case 'service_not_digital':
        return ctx.backWithErrors(placementFormError(result))
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
