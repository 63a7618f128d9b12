import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { validateAssessment } from '#actions/capability/validate_assessment'
import { assessmentValidationMessages } from '#services/capability_messages'
import { validateSkillClaim } from '#actions/capability/validate_skill_claim'
import { confirmRoleAssignment } from '#actions/capability/confirm_role_assignment'
import { judgementValidator } from '#validators/capability_assessment'
import { pendingValidations, reportItem } from '#queries/capability/validations_query'
import { SKILL_LEVELS } from '#domain/framework/levels'
import { found, idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

type Kind = 'assessment' | 'claim'

/* A line manager validates direct reports' self-assessments, claims and role levels. */
export default class ValidationsController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    return view.render('pages/capability/validations', {
      isLineManager: Boolean(user.isLineManager),
      pending: await pendingValidations(user.id),
      levels: SKILL_LEVELS,
    })
  }

  /* What waits for the line manager's validation, as CSV. */
  async csv(ctx: HttpContext) {
    return exportList(ctx, 'validations')
  }

  async assessment(ctx: HttpContext) {
    const { manager, id, subject, judgement } = await this.judged(ctx, 'assessment')
    if (!judgement) return
    const result = await validateAssessment(manager, id, {
      level: judgement.decision === 'agree' ? null : judgement.level!,
      comment: judgement.comment,
    })
    switch (result.type) {
      case 'not_found':
        throw new RecordNotFoundException()
      case 'already_validated':
        ctx.session.flash(
          'error',
          assessmentValidationMessages.alreadyValidated(subject.personName)
        )
        break
      case 'validated':
        ctx.session.flash('success', assessmentValidationMessages.validated(subject.personName))
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return ctx.response.redirect().toRoute('capability.validations')
  }

  async claim(ctx: HttpContext) {
    const { manager, id, subject, judgement } = await this.judged(ctx, 'claim')
    if (!judgement) return
    const result = await validateSkillClaim(
      manager,
      id,
      judgement.decision === 'agree'
        ? { decision: 'agree', comment: judgement.comment }
        : { decision: judgement.decision, level: judgement.level!, comment: judgement.comment }
    )
    switch (result.type) {
      case 'not_found':
        throw new RecordNotFoundException()
      case 'not_pending':
        ctx.session.flash('error', `${subject.personName}’s claim has already been decided`)
        break
      case 'reject_needs_lower_level':
        return ctx.backWithErrors(
          { [`claim-${id}`]: 'To reject the claim, select a level lower than the one claimed' },
          { keepInput: false }
        )
      case 'validated':
        ctx.session.flash('success', `You validated ${subject.personName}’s claim`)
        break
      case 'rejected':
        ctx.session.flash('success', `You rejected ${subject.personName}’s claim`)
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return ctx.response.redirect().toRoute('capability.validations')
  }

  async role({ auth, params, response, session }: HttpContext) {
    const manager = auth.getUserOrFail()
    const id = idParam(params.id)
    const subject = found(await reportItem(manager.id, 'role', id))
    const result = await confirmRoleAssignment(manager, id)
    switch (result.type) {
      case 'not_found':
        throw new RecordNotFoundException()
      case 'not_proposed':
        session.flash('error', `${subject.personName}’s role level is no longer waiting`)
        break
      case 'confirmed':
        session.flash('success', `You confirmed ${subject.personName}’s role level`)
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('capability.validations')
  }

  /*
   * Finds the report's item (404 when not the manager's) and reads the
   * judgement form; a form it refuses is sent back, and the judgement is null.
   */
  private async judged({ auth, backWithErrors, params, request }: HttpContext, kind: Kind) {
    const manager = auth.getUserOrFail()
    const id = idParam(params.id)
    const subject = found(await reportItem(manager.id, kind, id))
    const [invalid, judgement] = await judgementValidator.tryValidate(request.all())
    if (invalid) {
      const messages = invalid.messages as { field: string; message: string }[]
      backWithErrors({ [`${kind}-${id}`]: messages[0].message }, { keepInput: false })
      return { manager, id, subject, judgement: null }
    }
    if (kind === 'assessment' && judgement.decision === 'reject') {
      backWithErrors(
        { [`${kind}-${id}`]: 'Choose whether you agree or set another level' },
        { keepInput: false }
      )
      return { manager, id, subject, judgement: null }
    }
    return { manager, id, subject, judgement }
  }
}
