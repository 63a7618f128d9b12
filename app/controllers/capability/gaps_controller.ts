import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { enrol } from '#actions/learning/enrol'
import { gapView } from '#queries/capability/gaps_query'
import { sessionWithCounts } from '#queries/learning/catalogue_query'
import { lineManagerName } from '#queries/learning/my_learning_query'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import type { RoleAssignmentKind } from '#enums/capability'
import { gapEnrolMessage } from '#services/enrolment_messages'
import { gapPage } from '#services/gap_page'

function towardOf(value: unknown): RoleAssignmentKind {
  return value === 'target' ? 'target' : 'current'
}

function gapsPath(toward: RoleAssignmentKind) {
  return urlFor('capability.gaps', {}, toward === 'target' ? { qs: { toward } } : {})
}

/* A person's gaps toward their current or target role level, and booking a course from them. */
export default class GapsController {
  async show({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const toward = towardOf(request.input('toward'))
    const found = await gapView(user.id, toward)
    return view.render('pages/capability/gaps', {
      toward,
      page: found ? gapPage(found, toward) : null,
    })
  }

  async enrol({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const sessionId = idParam(params.id)
    const back = gapsPath(towardOf(request.input('toward')))
    const result = await enrol(user, sessionId)
    if (result.type === 'session_not_found') throw new RecordNotFoundException()
    const offer = (await sessionWithCounts(sessionId))!
    const title = offer.session.course.title
    const manager = result.type === 'requested' ? await lineManagerName(user.lineManagerId) : null
    session.flash(...gapEnrolMessage(result, title, offer.session.startsAt, manager))
    return response.redirect().toPath(back)
  }
}
