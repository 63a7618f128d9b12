import type { HttpContext } from '@adonisjs/core/http'
import { activeTwoStep } from '#services/two_step'
import { turnOffTwoStepFor } from '#actions/identity/turn_off_two_step'
import { personInScope } from '#controllers/identity/managed_people'

/*
 * Turning off someone's two-step verification for them, when they have
 * lost their phone and their recovery codes: a page asking to confirm,
 * then the change. Capability admins for anyone but themselves;
 * department HR for the people of their organisations but never a
 * capability admin.
 */
export default class TwoStepResetsController {
  async show({ bouncer, params, view }: HttpContext) {
    const person = await findPerson(bouncer, params.id)
    const record = await activeTwoStep(person.id)
    return view.render('pages/admin/users/two_step_reset', { person, on: record !== null })
  }

  async destroy({ auth, bouncer, params, response, session }: HttpContext) {
    const person = await findPerson(bouncer, params.id)
    const result = await turnOffTwoStepFor(person, auth.getUserOrFail())
    session.flash(
      'success',
      result.type === 'turned_off'
        ? `Two-step verification is off for ${person.fullName}. They can sign in with their password alone, and set it up again from their profile`
        : `${person.fullName} does not use two-step verification`
    )
    return response.redirect().toRoute('users.show', { id: person.id })
  }
}

/* People outside the administrator's scope answer 404; those they may not change, 403. */
async function findPerson(bouncer: HttpContext['bouncer'], id: string) {
  const person = await personInScope(bouncer, id)
  await bouncer.with('UserPolicy').authorize('turnOffTwoStep', person)
  return person
}
