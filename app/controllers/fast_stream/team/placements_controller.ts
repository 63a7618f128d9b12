import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import type Placement from '#models/placement'
import Team from '#models/team'
import {
  clearanceLabels,
  clearanceValues,
  placementStatusLabels,
  programmeLabels,
  roundStatusLabels,
  type PlacementStatus,
} from '#enums/fast_stream'
import {
  MAX_PLACEMENT_SKILLS,
  offerPlacementValidator,
  updatePlacementValidator,
} from '#validators/fast_stream_team'
import { savePlacement, type SavePlacementResult } from '#actions/fast_stream/team/save_placement'
import {
  withdrawPlacement,
  type WithdrawPlacementResult,
} from '#actions/fast_stream/team/withdraw_placement'
import { beforeMatch } from '#actions/fast_stream/placement_before_match'
import {
  digitallyDeliveredServices,
  roundsOpenForOffers,
  skillGroups,
  teamPlacementsPage,
} from '#queries/fast_stream/team_placements_query'
import { managedPlacement } from '#controllers/fast_stream/team/managed_placement'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'

const clearanceOptions = clearanceValues.map((value) => ({
  value,
  label: clearanceLabels[value],
}))

const NOT_EDITABLE: Record<PlacementStatus, string> = {
  offered: 'This placement can be changed',
  approved: 'This placement can be changed',
  rejected: 'This placement was not approved: offer a new one instead',
  withdrawn: 'This placement was withdrawn: offer a new one instead',
}

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
      session.flash('error', NOT_EDITABLE[placement.status])
      return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
    }
    if (!placement.round.offersOpen()) {
      session.flash('error', closedMessage(placement))
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
    const result: WithdrawPlacementResult = await withdrawPlacement(placement)
    switch (result.type) {
      case 'withdrawn':
        session.flash('success', `Placement withdrawn: ${placement.title}`)
        return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
      case 'not_withdrawable':
        session.flash(
          'error',
          `This placement is ${placementStatusLabels[result.status].toLowerCase()}: it cannot be withdrawn`
        )
        return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
      case 'round_matched':
        session.flash(
          'error',
          'The round has been matched: the placement can no longer be withdrawn'
        )
        return response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private async form(
    view: HttpContext['view'],
    placement: Placement | null,
    context: { team: Team; roundId?: unknown }
  ) {
    const rounds = placement ? [] : await roundsOpenForOffers()
    const programmes = new Set(
      placement ? [placement.round.programme] : rounds.map((round) => round.programme)
    )
    return view.render('pages/fast_stream/team/form', {
      placement,
      team: context.team,
      rounds: rounds.map((round) => ({
        value: round.id,
        label: `${round.name}${programmes.size > 1 ? `, ${programmeLabels[round.programme]}` : ''} (offers close ${round.preferencesCloseAt.setZone(UK_ZONE).toFormat(UkFormats.dateTime)})`,
      })),
      // Future Leaders placements name their service; Fast Stream ones may.
      services:
        programmes.has('future_leaders') || placement?.serviceId
          ? await digitallyDeliveredServices(context.team.organisationId)
          : null,
      serviceRequired: programmes.size === 1 && programmes.has('future_leaders'),
      roundId: context.roundId ?? (rounds.length === 1 ? rounds[0].id : null),
      skillGroups: await skillGroups(),
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
      case 'saved': {
        const { placement } = result
        ctx.session.flash(
          'success',
          existing
            ? `Placement updated: ${placement.title}.${result.backToApproval ? ' It goes back to the Fast Stream team for approval.' : ''}`
            : `Placement offered: ${placement.title}. The Fast Stream team will review it.`
        )
        return ctx.response.redirect().toRoute('fast_stream.team.show', { id: placement.id })
      }
      case 'no_team':
        ctx.session.flash('error', 'You need to belong to a delivery team to offer placements')
        return ctx.response.redirect().toRoute('fast_stream.team.index')
      case 'round_not_found':
        return ctx.backWithErrors({ roundId: 'Select the round to offer the placement in' })
      case 'offers_closed':
        if (existing) {
          ctx.session.flash('error', closedMessage(existing))
          return ctx.response.redirect().toRoute('fast_stream.team.show', { id: existing.id })
        }
        return ctx.backWithErrors({
          roundId: `${result.round.name} is not open for offers: select a round that is`,
        })
      case 'not_editable':
        ctx.session.flash('error', NOT_EDITABLE[result.status])
        return existing
          ? ctx.response.redirect().toRoute('fast_stream.team.show', { id: existing.id })
          : ctx.response.redirect().toRoute('fast_stream.team.index')
      case 'skills_not_found':
        return ctx.backWithErrors({
          skillIds: 'Select the skills the placement develops from the list',
        })
      case 'starts_before_results':
        return ctx.backWithErrors({
          startsOn: `The placement must start on or after ${result.resultsOn.toFormat(UkFormats.date)}, when the round’s results are published`,
        })
      case 'starts_outside_window':
        return ctx.backWithErrors({
          startsOn: `The placement must start within the round’s postings: on or after ${result.startsOn.toFormat(UkFormats.date)} and before ${result.endsOn.toFormat(UkFormats.date)}`,
        })
      case 'service_required':
        return ctx.backWithErrors({
          serviceId:
            'Select the service the placement works in: a Future Leaders placement is in a digitally delivered service',
        })
      case 'service_not_found':
        return ctx.backWithErrors({
          serviceId: 'Select the service the placement works in from the list',
        })
      case 'service_other_department':
        return ctx.backWithErrors({
          serviceId: `${result.service} is run by another department: select a service of your own department`,
        })
      case 'service_not_digital':
        return ctx.backWithErrors({
          serviceId: `${result.service} is not digitally delivered: select a service in beta or live that people can use online`,
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

function closedMessage(placement: Placement) {
  return `${placement.round.name} no longer takes offers or changes: placements can change only until entrants’ choices close`
}
