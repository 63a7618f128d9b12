import type { ApiClient } from '@japa/api-client'
import RoleAssignment from '#models/role_assignment'
import type User from '#models/user'

/* A person chooses their current role level on the role page; the assignment it made, waiting for their line manager. */
export async function proposedRoleLevel(client: ApiClient, person: User, roleLevelId: number) {
  await client
    .post('/capability/role')
    .withCsrfToken()
    .loginAs(person)
    .form({ currentRoleLevelId: roleLevelId })
  return RoleAssignment.query().where('user_id', person.id).firstOrFail()
}
