import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import InvitationRun, { InvitationRunStatuses } from '#models/invitation_run'
import User from '#models/user'
import type StaffImport from '#models/staff_import'
import SendInvitations from '#jobs/send_invitations'
import { OrganisationScope } from '#services/organisation_scope'
import { applyPeopleFilters, peopleFilters } from '#queries/identity/people_query'
import {
  INVITATION_BATCH,
  issueInvitations,
  mailInvitations,
  type Invitee,
} from '#actions/identity/send_invitations'
import type { NotInvitedReason } from '#domain/identity/password_links'
import { Roles } from '#enums/roles'

/*
 * Runs of many invitations at once. Up to INLINE_RUN people are invited
 * within the request; more go to a queued job (ADR 5), which works in
 * batches of INVITATION_BATCH, each committed with its audit events, and
 * counts its progress on the run for the run's page to poll. Working
 * through people in order of id, a run stopped part way is finished by
 * running it again: those already invited are left alone.
 */
export const INLINE_RUN = 200

export type RunSource = { staffImport: StaffImport } | { filters: Record<string, unknown> }

/*
 * The people a run is about, in the requester's scope and whom they may
 * invite (as UserPolicy.invite: never themselves, and department HR no
 * capability admin): a query over `users`.
 */
function candidates(run: InvitationRun, scope: OrganisationScope) {
  const query = db.from('users')
  scope.apply(query, 'users.organisation_id')
  if (run.requestedBy) query.whereNot('users.id', run.requestedBy)
  if (!scope.everything) {
    query.whereNotIn(
      'users.id',
      db.from('user_roles').where('role', Roles.CapabilityAdmin).select('user_id')
    )
  }
  if (run.staffImportId !== null) {
    query.whereIn(
      'users.email',
      db
        .from('staff_import_rows')
        .where('staff_import_id', run.staffImportId)
        .where('outcome', 'new')
        .select('email')
    )
  } else {
    applyPeopleFilters(query, peopleFilters(run.filters ?? {}))
  }
  return query
}

async function requesterScope(run: InvitationRun) {
  const requester = run.requestedBy
    ? await User.query().where('id', run.requestedBy).preload('roles').first()
    : null
  return {
    requester,
    scope: requester
      ? await OrganisationScope.forUser(requester)
      : new OrganisationScope(false, []),
  }
}

/*
 * Records a run for everyone a staff import added, or everyone the people
 * list's filters find, and works through it now when it is small, else
 * queues it.
 */
export async function startInvitationRun(
  requester: User,
  source: RunSource
): Promise<InvitationRun> {
  const scope = await OrganisationScope.forUser(requester)
  const run = new InvitationRun()
  run.merge({
    requestedBy: requester.id,
    scopeOrganisationId: scope.everything ? null : (scope.roots[0]?.id ?? null),
    staffImportId: 'staffImport' in source ? source.staffImport.id : null,
    filters: 'filters' in source ? source.filters : null,
    status: InvitationRunStatuses.Queued,
    processed: 0,
    invited: 0,
    notInvited: {},
  })
  const counted = await candidates(run, scope).count('* as total').first()
  run.total = Number(counted?.total ?? 0)
  await run.save()
  if (run.total <= INLINE_RUN) {
    await workThroughRun(run)
  } else {
    await SendInvitations.dispatch({ invitationRunId: run.id })
  }
  return run
}

/*
 * Invites the run's people a batch at a time, keeping count on the run. A
 * failure marks the run failed and is raised; running it again finishes it.
 */
export async function workThroughRun(run: InvitationRun) {
  const { requester, scope } = await requesterScope(run)
  run.merge({ status: InvitationRunStatuses.Sending, processed: 0, invited: 0, notInvited: {} })
  await run.save()
  const notInvited: Partial<Record<NotInvitedReason, number>> = {}
  try {
    let afterId = 0
    for (;;) {
      const rows = await candidates(run, scope)
        .where('users.id', '>', afterId)
        .orderBy('users.id')
        .limit(INVITATION_BATCH)
        .select(
          'users.id',
          'users.full_name',
          'users.email',
          'users.organisation_id',
          'users.deactivated_at',
          'users.last_signed_in_at'
        )
      if (!rows.length) break
      afterId = Number(rows[rows.length - 1].id)
      const people: Invitee[] = rows.map((row) => ({
        id: Number(row.id),
        fullName: String(row.full_name),
        email: String(row.email),
        organisationId: Number(row.organisation_id),
        deactivated: row.deactivated_at !== null,
        hasSignedIn: row.last_signed_in_at !== null,
      }))
      const outcome = await issueInvitations(people, {
        actor: requester,
        source: run.staffImportId !== null ? 'staff import' : 'people list',
        runId: run.id,
      })
      await mailInvitations(outcome.sent, requester?.fullName ?? null)
      for (const { reason } of outcome.notInvited)
        notInvited[reason] = (notInvited[reason] ?? 0) + 1
      run.merge({
        processed: run.processed + rows.length,
        invited: run.invited + outcome.sent.length,
        notInvited: { ...notInvited },
      })
      // A run may find more people than were counted when it started: the bar never passes its end.
      run.total = Math.max(run.total, run.processed)
      await run.save()
    }
    run.merge({ status: InvitationRunStatuses.Done, finishedAt: DateTime.now() })
    await run.save()
  } catch (error) {
    run.merge({ status: InvitationRunStatuses.Failed, finishedAt: DateTime.now() })
    await run.save()
    throw error
  }
}
