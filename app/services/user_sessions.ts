import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'
import type { Session } from '@adonisjs/session'

/*
 * A person's sessions on the server. Each session is tagged with its
 * person when they sign in, so every session of one person can be found
 * and ended: when they change their password, sign out everywhere else or
 * are deactivated.
 */

/* Marks the current session as the person's, once they have signed in. */
export async function tagSession(session: Session, userId: number) {
  await session.tag(String(userId))
}

/*
 * Gives the current session a new id, still the person's: the old id is
 * removed from the store when the response is sent, so a copy of the old
 * cookie no longer signs anyone in.
 */
export async function renewSession(session: Session, userId: number) {
  await session.untag(String(userId))
  session.regenerate()
  await session.tag(String(userId))
}

/* Ends the current session on the server: its id is dropped and a new, empty one given. */
export async function endSession(session: Session, userId: number) {
  await session.untag(String(userId))
  session.regenerate()
}

/*
 * Ends every stored session of a person except the one whose id is given
 * (none: all of them). Returns how many ended.
 */
export async function endSessionsOf(userId: number, exceptSessionId?: string) {
  const sessions = await app.container.make(SessionCollection)
  const tagged = await sessions.tagged(String(userId))
  let ended = 0
  for (const { id } of tagged) {
    if (id === exceptSessionId) continue
    await sessions.destroy(id)
    ended++
  }
  return ended
}

/* How many sessions of a person are open besides the given one. */
export async function otherSessionCount(userId: number, currentSessionId: string) {
  const sessions = await app.container.make(SessionCollection)
  const tagged = await sessions.tagged(String(userId))
  return tagged.filter(({ id }) => id !== currentSessionId).length
}
