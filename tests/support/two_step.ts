import { setTimeout as sleep } from 'node:timers/promises'
import { generate } from 'otplib'
import type User from '#models/user'
import { confirmTwoStep, startTwoStepSetUp } from '#actions/identity/set_up_two_step'

/* The 30-second time step of RFC 6238 that an authenticator app counts in. */
const STEP_MS = 30_000

/*
 * Waits, when the current time step is about to end, for the next one to
 * begin, so a test that works out codes for "this step" and "the step
 * before" does not see them slide out of the window while it runs.
 */
export async function awayFromStepEdge(margin = 4_000) {
  const left = STEP_MS - (Date.now() % STEP_MS)
  if (left < margin) await sleep(left + 50)
}

/* The code an authenticator app with this secret shows, `steps` steps from now. */
export function codeFor(secret: string, steps = 0) {
  return generate({ secret, epoch: Math.floor((Date.now() + steps * STEP_MS) / 1000) })
}

/*
 * Turns on two-step verification for a person as the profile does, and
 * returns the secret their app would hold and their recovery codes. The
 * code confirming it is the previous step's, so this step's code is still
 * unused for the test.
 */
export async function turnOnTwoStep(user: User) {
  await awayFromStepEdge()
  const started = await startTwoStepSetUp(user)
  if (started.type !== 'started') throw new Error('Two-step verification is already on')
  const confirmed = await confirmTwoStep(user, await codeFor(started.secret, -1))
  if (confirmed.type !== 'turned_on') throw new Error(`Could not turn it on: ${confirmed.type}`)
  return { secret: started.secret, recoveryCodes: confirmed.recoveryCodes }
}

/* The secret as the set-up page shows it for typing into an app ("ABCD EFGH …"). */
export function secretOnPage(html: string) {
  const match = /id="secret-key">\s*([A-Z2-7 ]+?)\s*</.exec(html)
  if (!match) throw new Error('No secret key on the page')
  return match[1].replaceAll(' ', '')
}
