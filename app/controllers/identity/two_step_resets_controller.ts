import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { activeTwoStep } from '#services/two_step'
import { turnOffTwoStepFor } from '#actions/identity/turn_off_two_step'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

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
  await bouncer.with('UserPolicy').authorize('viewList')
  const userId = Number.parseInt(id, 10)
  const person = Number.isFinite(userId)
    ? await User.query().where('id', userId).preload('roles').first()
    : null
  if (!person || !(await bouncer.with('UserPolicy').allows('view', person))) {
    throw new RecordNotFoundException()
  }
  await bouncer.with('UserPolicy').authorize('turnOffTwoStep', person)
  return person
}
