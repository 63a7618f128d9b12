import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import User from '#models/user'
import {
  assignRoleLevels,
  type AssignRoleLevelsResult,
} from '#actions/capability/assign_role_level'
import { roleLevelsValidator } from '#validators/capability_assessment'
import { activeAssignments, roleHistory } from '#queries/capability/assessment_query'
import { roleLevelOptions } from '#queries/framework/framework_query'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

/* A person's current and target role levels: set by them, or by HR in scope (confirmed). */
export default class RoleAssignmentsController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    return view.render('pages/capability/role', await this.pageData(user))
  }

  async update(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const input = await ctx.request.validateUsing(roleLevelsValidator)
    const result = await assignRoleLevels(user, user, this.levels(input), { confirm: false })
    return this.respond(result, ctx, urlFor('capability.role.show'), {
      saved: 'Your role levels are saved. Your line manager will confirm them',
      unchanged: 'Your role levels are unchanged',
    })
  }

  async showFor({ bouncer, params, view }: HttpContext) {
    const person = await this.personInScope(bouncer, params.id)
    return view.render('pages/capability/person_role', {
      person,
      ...(await this.pageData(person)),
    })
  }

  async updateFor(ctx: HttpContext) {
    const person = await this.personInScope(ctx.bouncer, ctx.params.id)
    const input = await ctx.request.validateUsing(roleLevelsValidator)
    const result = await assignRoleLevels(ctx.auth.getUserOrFail(), person, this.levels(input), {
      confirm: true,
    })
    return this.respond(result, ctx, urlFor('capability.people.role.show', { id: person.id }), {
      saved: `${person.fullName}’s role levels are saved and confirmed`,
      unchanged: `${person.fullName}’s role levels are unchanged`,
    })
  }

  private levels(input: { currentRoleLevelId: number; targetRoleLevelId?: number | null }) {
    return { current: input.currentRoleLevelId, target: input.targetRoleLevelId ?? null }
  }

  private async pageData(person: User) {
    const [active, history, options] = await Promise.all([
      activeAssignments(person.id),
      roleHistory(person.id),
      roleLevelOptions(),
    ])
    return { active, history, options }
  }

  private async personInScope(bouncer: HttpContext['bouncer'], id: unknown) {
    const person = await User.find(idParam(id))
    if (!person || !(await bouncer.with('CapabilityPolicy').allows('administers', person)))
      throw new RecordNotFoundException()
    return person
  }

  private respond(
    result: AssignRoleLevelsResult,
    { backWithErrors, response, session }: HttpContext,
    path: string,
    messages: { saved: string; unchanged: string }
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', result.changed.length ? messages.saved : messages.unchanged)
        return response.redirect().toPath(path)
      case 'target_same_as_current':
        return backWithErrors({
          targetRoleLevelId:
            'Select a target role level different from the current one, or no target',
        })
      case 'role_level_not_found':
        return backWithErrors(
          result.kind === 'current'
            ? { currentRoleLevelId: 'Select the role level you are at now from the list' }
            : { targetRoleLevelId: 'Select the role level you want to move to from the list' }
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
