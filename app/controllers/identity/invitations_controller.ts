import type { HttpContext } from '@adonisjs/core/http'
import { workProgress } from '#controllers/identity/work_progress'
import User from '#models/user'
import StaffImport, { StaffImportStatuses } from '#models/staff_import'
import InvitationRun from '#models/invitation_run'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { peopleFilters } from '#queries/identity/people_query'
import {
  invitee,
  issueInvitations,
  mailInvitations,
  revokeInvitation,
} from '#actions/identity/send_invitations'
import { startInvitationRun } from '#actions/identity/run_invitations'
import { invitePeopleValidator, selectedPeople } from '#validators/password_links'
import {
  invitationSentMessage,
  invitationSummary,
  notInvitedMessage,
  outcomeSummary,
  runPeopleHref,
} from '#services/invitation_messages'

/*
 * Invitations, for department HR (the people of their organisations) and
 * capability admins (everyone): to one person from their page, to the
 * people ticked on the people list or everyone it found, and to everyone
 * a staff import added. Large runs are queued and show their progress.
 */
export default class InvitationsController {
  /* Sends a person an invitation, or a new one in place of the one they have. */
  async store({ auth, bouncer, params, response, session }: HttpContext) {
    const person = await this.personInScope(bouncer, params.id)
    await bouncer.with('UserPolicy').authorize('invite', person)
    const actor = auth.getUserOrFail()
    const outcome = await issueInvitations([invitee(person)], {
      actor,
      source: 'person page',
      resend: true,
    })
    const refused = outcome.notInvited[0]
    if (refused) {
      session.flash('error', notInvitedMessage(refused.reason, person.fullName))
    } else {
      await mailInvitations(outcome.sent, actor.fullName)
      const sent = invitationSentMessage(
        person.email,
        outcome.replaced > 0,
        outcome.sent[0].expiresAt
      )
      session.flash('success', sent)
    }
    return response.redirect().toRoute('users.show', { id: person.id })
  }

  /* Withdraws a person's open invitation. */
  async destroy({ auth, bouncer, params, response, session }: HttpContext) {
    const person = await this.personInScope(bouncer, params.id)
    await bouncer.with('UserPolicy').authorize('invite', person)
    const result = await revokeInvitation(invitee(person), auth.getUserOrFail())
    switch (result.type) {
      case 'revoked':
        session.flash(
          'success',
          `${person.fullName}’s invitation has been withdrawn: its link no longer works`
        )
        break
      case 'none_open':
        session.flash('error', `${person.fullName} has no invitation to withdraw`)
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('users.show', { id: person.id })
  }

  /* From the people list: the people ticked (sent now), or everyone the filters found (a run). */
  async many(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, backWithErrors } = ctx
    await bouncer.with('UserPolicy').authorize('create')
    const input = await request.validateUsing(invitePeopleValidator)
    const actor = auth.getUserOrFail()
    const scope = await ctx.organisationScope()

    if (input.who === 'found') {
      const filters: Record<string, unknown> = peopleFilters(request.input('filters', {}) ?? {})
      delete filters.page
      const run = await startInvitationRun(actor, { filters })
      return response.redirect().toRoute('invitations.show', { id: run.id })
    }

    const ids = selectedPeople(input)
    if (!ids.length) {
      return backWithErrors({
        people: 'Select the people to invite, or choose everyone found by the filters',
      })
    }
    const query = User.query().whereIn('id', ids).preload('roles').orderBy('full_name')
    scope.apply(query, 'organisation_id')
    const found = await query
    // Someone outside the person's organisations answers as if they did not exist.
    if (found.length !== ids.length) throw new RecordNotFoundException()
    // Capability admins (for HR) and oneself are left out, and named.
    const allowed: User[] = []
    const forbidden: string[] = []
    for (const person of found) {
      if (await bouncer.with('UserPolicy').allows('invite', person)) allowed.push(person)
      else forbidden.push(person.fullName)
    }
    const outcome = await issueInvitations(allowed.map(invitee), {
      actor,
      source: 'people list',
    })
    await mailInvitations(outcome.sent, actor.fullName)
    session.flash('invitationSummary', outcomeSummary(outcome, forbidden))
    return response.redirect().back()
  }

  /* At the end of a staff import: everyone it added. */
  async fromImport({ auth, bouncer, organisationScope, params, response, session }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const scope = await organisationScope()
    const query = StaffImport.query().where('id', idParam(params.id))
    if (!scope.everything) scope.apply(query, 'scope_organisation_id')
    const staffImport = await query.first()
    if (!staffImport) throw new RecordNotFoundException()
    if (staffImport.status !== StaffImportStatuses.Applied || staffImport.createdPeople === 0) {
      session.flash('error', 'Only an applied import that added people can invite them')
      return response.redirect().toRoute('staffImports.show', { id: staffImport.id })
    }
    const run = await startInvitationRun(actor, { staffImport })
    return response.redirect().toRoute('invitations.show', { id: run.id })
  }

  async show({ bouncer, organisationScope, params, view }: HttpContext) {
    const run = await this.runInScope({ bouncer, organisationScope }, params.id)
    const staffImport = run.staffImportId ? await StaffImport.find(run.staffImportId) : null
    const requester = run.requestedBy ? await User.find(run.requestedBy) : null
    return view.render('pages/admin/invitations/show', {
      run,
      staffImport,
      requester,
      summary: invitationSummary(run.invited, run.notInvited),
      peopleHref: runPeopleHref(run),
    })
  }

  /* What the run's page polls while a job works through it. */
  async progress({ bouncer, organisationScope, params, response }: HttpContext) {
    const run = await this.runInScope({ bouncer, organisationScope }, params.id)
    return workProgress(response, run, run.processed, run.total)
  }

  /* People outside the administrator's scope answer 404, as if they did not exist. */
  private async personInScope(bouncer: HttpContext['bouncer'], id: unknown) {
    await bouncer.with('UserPolicy').authorize('viewList')
    const person = await User.query().where('id', idParam(id)).preload('roles').first()
    if (!person || !(await bouncer.with('UserPolicy').allows('view', person))) {
      throw new RecordNotFoundException()
    }
    return person
  }

  /* HR see the runs of their organisation's tree; a capability admin's runs only admins. */
  private async runInScope(
    { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
    id: unknown
  ) {
    await bouncer.with('UserPolicy').authorize('create')
    const scope = await organisationScope()
    const query = InvitationRun.query().where('id', idParam(id))
    if (!scope.everything) scope.apply(query, 'scope_organisation_id')
    const run = await query.first()
    if (!run) throw new RecordNotFoundException()
    return run
  }
}
