import type User from '#models/user'

/*
 * A user as the JSON API shows them.
 */
export function userResource(user: User) {
  return {
    id: user.id,
    name: user.fullName,
    email: user.email,
    organisation: user.organisation
      ? { id: user.organisation.id, name: user.organisation.name, code: user.organisation.code }
      : { id: user.organisationId },
    grade: user.grade,
    profession: user.profession,
    lineManagerId: user.lineManagerId,
    roles: user.roleNames,
    isLineManager: Boolean(user.isLineManager),
    active: user.isActive,
  }
}
