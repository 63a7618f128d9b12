import type { HttpContext } from '@adonisjs/core/http'
import { nominate, type Named, type NominationTarget } from '#actions/learning/nominate'
import { apiNominationValidator, MAX_NOMINATED } from '#validators/learning_nominations'
import { nominatedPeople, ownNomination } from '#queries/learning/nominations_query'
import { fieldProblems, problem } from '#services/api'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { nominationResultPage } from '#services/nomination_pages'
import { nominationOutcomeText, PERSON_NOT_FOUND_PROBLEM } from '#services/nomination_messages'

/*
 * Nomination in the JSON API: a line manager or HR books people, by id or
 * e-mail address, on a session or a self-paced course, and is answered
 * with what happened to each, in the order given (people by id first).
 */
export default class NominationsController {
  async storeForSession(ctx: HttpContext) {
    return this.store(ctx, { sessionId: idParam(ctx.params.id) })
  }

  async storeForCourse(ctx: HttpContext) {
    return this.store(ctx, { courseId: idParam(ctx.params.id) })
  }

  private async store({ auth, bouncer, request, response }: HttpContext, target: NominationTarget) {
    await bouncer.with('CoursePolicy').authorize('nominate')
    const input = await request.validateUsing(apiNominationValidator)
    const named: Named[] = [
      ...(input.userIds ?? []).map((userId) => ({ userId })),
      ...(input.emails ?? []).map((email) => ({ email })),
    ]
    if (named.length === 0) {
      return fieldProblems(response, [
        {
          field: 'userIds',
          message: 'Give at least one person to book, by id in userIds or by address in emails',
          rule: 'required',
        },
      ])
    }
    if (named.length > MAX_NOMINATED) {
      return fieldProblems(response, [
        {
          field: 'emails',
          message: `Give at most ${MAX_NOMINATED.toLocaleString('en-GB')} people at once, in userIds and emails together`,
          rule: 'maxLength',
        },
      ])
    }
    const nominator = auth.use('api').getUserOrFail()
    const result = await nominate(nominator, target, named, 'api')
    switch (result.type) {
      case 'nominated': {
        const nomination = (await ownNomination(nominator.id, result.nomination.id))!
        const page = nominationResultPage(nomination, await nominatedPeople(nomination.id))
        response.status(201)
        return {
          data: {
            id: nomination.id,
            courseId: nomination.courseId,
            sessionId: nomination.sessionId,
            counts: page.counts,
            people: page.groups
              .flatMap((group) => group.people)
              .sort((a, b) => a.position - b.position)
              .map((person) => ({
                position: person.position,
                userId: person.userId,
                name: person.name,
                email: person.email,
                outcome: person.outcome,
                message: nominationOutcomeText(person.outcome, person.waitlistPosition),
                enrolmentId: person.enrolmentId,
                waitlistPosition: person.waitlistPosition,
              })),
          },
        }
      }
      case 'person_not_found':
        return problem(response, 404, PERSON_NOT_FOUND_PROBLEM(result.userId))
      case 'not_found':
      case 'course_not_published':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
