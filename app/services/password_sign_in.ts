import type User from '#models/user'
import { singleSignOnOnly } from '#actions/identity/department_sign_in'

/*
 * Whether a person may sign in with a password, and so be invited to set
 * one or sent a link to reset it: not when their organisation signs in
 * only through single sign-on. Every invitation, reset and password link
 * asks here.
 */
export async function allowsPasswordSignIn(user: Pick<User, 'organisationId'>) {
  return !(await singleSignOnOnly(user))
}
