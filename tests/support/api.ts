import User from '#models/user'

/* A bearer header for the user, as a client of the JSON API would send it. */
export async function bearer(user: User) {
  const token = await User.accessTokens.create(user, ['*'], { name: 'test' })
  return `Bearer ${token.value!.release()}`
}
