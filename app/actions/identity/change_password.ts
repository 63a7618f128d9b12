import type User from '#models/user'

export type ChangePasswordResult = { type: 'changed' } | { type: 'wrong_current_password' }

/*
 * Changes a user's own password after checking the current one.
 */
export async function changePassword(
  user: User,
  currentPassword: string,
  newPassword: string
): Promise<ChangePasswordResult> {
  if (!(await user.verifyPassword(currentPassword))) return { type: 'wrong_current_password' }
  user.password = newPassword
  await user.save()
  return { type: 'changed' }
}
