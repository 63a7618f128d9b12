import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { personInScope } from '#controllers/identity/managed_people'
import { produceSubjectAccessExport } from '#actions/identity/produce_subject_access_export'
import { erasePerson } from '#actions/identity/erase_person'
import { anonymisedIdentity } from '#actions/identity/anonymise_person'
import { erasureValidator } from '#validators/personal_data'

/*
 * A person's rights over what the service holds about them: a subject
 * access export (by department HR for the people of their organisations,
 * by a capability admin for anyone, and by anyone for themselves from
 * their profile), and erasure of someone added in error (capability
 * admins, with a reason, after a page asking to confirm).
 */
export default class PersonalDataController {
  async subjectAccess({ auth, bouncer, params, response }: HttpContext) {
    const person = await personInScope(bouncer, params.id)
    return sendExport(response, person, auth.getUserOrFail())
  }

  async ownSubjectAccess({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    return sendExport(response, user, user)
  }

  async confirmErasure({ bouncer, params, view }: HttpContext) {
    const person = await erasable(bouncer, params.id)
    return view.render('pages/identity/erasure', { person })
  }

  async erase({ auth, bouncer, params, request, response, session }: HttpContext) {
    const person = await erasable(bouncer, params.id)
    const { reason } = await request.validateUsing(erasureValidator)
    const result = await erasePerson(person, auth.getUserOrFail(), reason)
    switch (result.type) {
      case 'erased':
        session.flash(
          'success',
          `${result.fullName}’s personal data has been erased. Their records are kept as ${anonymisedIdentity(person.id).fullName}`
        )
        break
      case 'already_anonymised':
        session.flash('error', 'This person’s personal data has already been erased')
        break
      case 'own_record':
        session.flash('error', 'You cannot erase your own record')
        break
      default: {
        const unreachable: never = result
        throw new Error(`Unknown erasure result ${JSON.stringify(unreachable)}`)
      }
    }
    return response.redirect().toRoute('users.show', { id: person.id })
  }
}

/* The person's page's owner, when the administrator may erase them: 404 outside their scope, 403 otherwise. */
async function erasable(bouncer: HttpContext['bouncer'], id: string) {
  const person = await personInScope(bouncer, id)
  await bouncer.with('UserPolicy').authorize('erase', person)
  return person
}

/* The export as a download, never cached. */
async function sendExport(response: HttpContext['response'], person: User, requestedBy: User) {
  const { fileName, archive } = await produceSubjectAccessExport(person, requestedBy)
  response.header('Content-Type', 'application/zip')
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
  response.header('Cache-Control', 'no-store')
  return response.send(Buffer.from(archive))
}
