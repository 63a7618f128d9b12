import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { nominate, type Named, type NominationTarget } from '#actions/learning/nominate'
import { emailsOfFile } from '#actions/learning/nomination_file'
import {
  MAX_NOMINATED,
  nominationFileValidator,
  nominationFormValidator,
  tickedPeople,
  typedEmails,
} from '#validators/learning_nominations'
import {
  directReports,
  nominatedPeople,
  nominationCourse,
  nominationSession,
  ownNomination,
  recentNominations,
  teamMembers,
} from '#queries/learning/nominations_query'
import { teamOptions } from '#queries/identity/people_query'
import { found, idParam } from '#services/params'
import { csvFileName, sendCsv } from '#services/csv_export'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import {
  nominationResultPage,
  NOMINATION_CSV_HEADER,
  nominationCsvLines,
} from '#services/nomination_pages'
import type { NominationSource } from '#domain/learning/nomination'

/* How many of a nominator's nominations their list shows, newest first. */
const LISTED_NOMINATIONS = 50

const TOO_MANY = `Book at most ${MAX_NOMINATED.toLocaleString('en-GB')} people at once`

/*
 * Nomination on pages: a line manager (their direct reports) or HR (the
 * people of their organisations) books people on a session, or enrols
 * them on a self-paced course, by ticking people, choosing a team, typing
 * e-mail addresses or uploading a CSV of them; then reads what happened
 * to each. The result is stored, so reading it again books nobody.
 */
export default class NominationsController {
  async createForSession(ctx: HttpContext) {
    return this.form(ctx, { sessionId: idParam(ctx.params.id) })
  }

  async createForCourse(ctx: HttpContext) {
    return this.form(ctx, { courseId: idParam(ctx.params.id) })
  }

  async storeForSession(ctx: HttpContext) {
    return this.fromForm(ctx, { sessionId: idParam(ctx.params.id) })
  }

  async storeForCourse(ctx: HttpContext) {
    return this.fromForm(ctx, { courseId: idParam(ctx.params.id) })
  }

  async fileForSession(ctx: HttpContext) {
    return this.fromFile(ctx, { sessionId: idParam(ctx.params.id) })
  }

  async fileForCourse(ctx: HttpContext) {
    return this.fromFile(ctx, { courseId: idParam(ctx.params.id) })
  }

  /* The nominator's latest nominations, each linking to what happened to its people. */
  async index({ auth, bouncer, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('nominate')
    return view.render('pages/learning/nominations', {
      recent: await recentNominations(auth.getUserOrFail().id, LISTED_NOMINATIONS),
      listed: LISTED_NOMINATIONS,
    })
  }

  async show({ auth, params, view }: HttpContext) {
    const nomination = found(await ownNomination(auth.getUserOrFail().id, idParam(params.id)))
    const people = await nominatedPeople(nomination.id)
    return view.render('pages/learning/nomination_result', nominationResultPage(nomination, people))
  }

  async csv({ auth, params, response }: HttpContext) {
    const nomination = found(await ownNomination(auth.getUserOrFail().id, idParam(params.id)))
    const people = await nominatedPeople(nomination.id)
    sendCsv(
      response,
      csvFileName(`nomination-${nomination.id}`),
      NOMINATION_CSV_HEADER,
      nominationCsvLines(nomination, people)
    )
  }

  private async form(
    { auth, bouncer, organisationScope, view }: HttpContext,
    target: NominationTarget
  ) {
    await bouncer.with('CoursePolicy').authorize('nominate')
    const nominator = auth.getUserOrFail()
    const scope = await organisationScope()
    const where = await describe(target)
    return view.render('pages/learning/nominate', {
      target: where,
      reports: nominator.isLineManager ? await directReports(nominator.id) : [],
      teams: scope.isEmpty ? [] : await teamOptions(scope),
      mayListPeople: !scope.isEmpty,
      maxPeople: MAX_NOMINATED,
      recent: await recentNominations(nominator.id),
    })
  }

  private async fromForm(ctx: HttpContext, target: NominationTarget) {
    const { bouncer, backWithErrors, organisationScope, request } = ctx
    await bouncer.with('CoursePolicy').authorize('nominate')
    await describe(target)
    const input = await request.validateUsing(nominationFormValidator)
    let named: Named[]
    switch (input.source) {
      case 'reports':
      case 'selection': {
        const ids = tickedPeople(input)
        if (ids.length === 0) return backWithErrors({ people: 'Select the people to book' })
        if (ids.length > MAX_NOMINATED) return backWithErrors({ people: TOO_MANY })
        named = ids.map((userId) => ({ userId }))
        break
      }
      case 'team': {
        if (!input.teamId) return backWithErrors({ teamId: 'Select a team' })
        const members = found(await teamMembers(input.teamId, await organisationScope()))
        if (members.length === 0) {
          return backWithErrors({ teamId: 'Nobody is in this team: select another team' })
        }
        if (members.length > MAX_NOMINATED) return backWithErrors({ teamId: TOO_MANY })
        named = members.map((userId) => ({ userId }))
        break
      }
      case 'emails': {
        const emails = typedEmails(input.emails)
        if (emails.length === 0) {
          return backWithErrors({ emails: 'Enter the e-mail address of at least one person' })
        }
        if (emails.length > MAX_NOMINATED) return backWithErrors({ emails: TOO_MANY })
        named = emails.map((email) => ({ email }))
        break
      }
      default: {
        const unreachable: never = input.source
        return unreachable
      }
    }
    return this.nominate(ctx, target, named, input.source)
  }

  private async fromFile(ctx: HttpContext, target: NominationTarget) {
    const { backWithErrors, bouncer, request } = ctx
    await bouncer.with('CoursePolicy').authorize('nominate')
    await describe(target)
    const { file } = await request.validateUsing(nominationFileValidator)
    const read = emailsOfFile(await readFile(file.tmpPath!, 'utf8'))
    if (read.type === 'unreadable') return backWithErrors({ file: read.reason })
    if (read.named.length > MAX_NOMINATED) return backWithErrors({ file: TOO_MANY })
    return this.nominate(ctx, target, read.named, 'csv')
  }

  private async nominate(
    { auth, response }: HttpContext,
    target: NominationTarget,
    named: Named[],
    source: NominationSource
  ) {
    const result = await nominate(auth.getUserOrFail(), target, named, source)
    switch (result.type) {
      case 'nominated':
        return response.redirect().toRoute('learning.nominations.show', {
          id: result.nomination.id,
        })
      case 'not_found':
      case 'course_not_published':
      case 'person_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

/* The session or self-paced course of the address, as the page names it; 404 when there is none. */
async function describe(target: NominationTarget) {
  if ('sessionId' in target) {
    const session = found(await nominationSession(target.sessionId))
    return { kind: 'session' as const, ...session }
  }
  const course = found(await nominationCourse(target.courseId))
  return { kind: 'course' as const, ...course }
}
