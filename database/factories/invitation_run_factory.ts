import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import InvitationRun from '#models/invitation_run'
import type User from '#models/user'

/* An invitation run a person asked for over everyone in view: queued, with nobody counted yet, unless told otherwise. */
export async function createInvitationRun(
  requester: User,
  values: Partial<ModelAttributes<InvitationRun>> = {}
) {
  return InvitationRun.create({
    requestedBy: requester.id,
    scopeOrganisationId: null,
    staffImportId: null,
    filters: {},
    status: 'queued',
    total: 0,
    processed: 0,
    invited: 0,
    notInvited: {},
    ...values,
  })
}
