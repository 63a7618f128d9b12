import type { HttpContext } from '@adonisjs/core/http'
import { submitSelfAssessment } from '#actions/capability/submit_self_assessment'
import { validateAssessment } from '#actions/capability/validate_assessment'
import {
  apiSelfAssessmentValidator,
  apiValidationValidator,
} from '#validators/capability_assessment'
import { reportItem } from '#queries/capability/validations_query'
import { apiSerializer, fieldProblems, problem } from '#services/api'
import { AssessmentTransformer, ValidationTransformer } from '#transformers/capability_transformer'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import {
  assessmentValidationMessages,
  SELF_ASSESSMENT_PROBLEMS,
} from '#services/capability_messages'

/* The caller's self-assessment, and a line manager's validation of a report's. */
export default class AssessmentsController {
  async update({ auth, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { assessments } = await request.validateUsing(apiSelfAssessmentValidator)
    const result = await submitSelfAssessment(user, assessments)
    switch (result.type) {
      case 'submitted':
        return apiSerializer.serialize(AssessmentTransformer.transform(result.assessments))
      case 'no_current_role':
      case 'nothing_to_submit':
        return problem(response, 422, SELF_ASSESSMENT_PROBLEMS[result.type])
      case 'skills_not_in_role':
        return fieldProblems(
          response,
          result.indexes.map((index) => ({
            field: `assessments.${index}.skillId`,
            message: SELF_ASSESSMENT_PROBLEMS.skillNotInRole,
            rule: 'skillInRole',
          }))
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async validate({ auth, params, request, response }: HttpContext) {
    const manager = auth.use('api').getUserOrFail()
    const id = idParam(params.id)
    // Someone else's report's assessment does not exist for the caller, whatever the body.
    if (!(await reportItem(manager.id, 'assessment', id))) throw new RecordNotFoundException()
    const input = await request.validateUsing(apiValidationValidator)
    const result = await validateAssessment(manager, id, {
      level: input.level,
      comment: input.comment,
    })
    switch (result.type) {
      case 'not_found':
        throw new RecordNotFoundException()
      case 'already_validated':
        return problem(response, 409, assessmentValidationMessages.alreadyValidatedProblem)
      case 'validated':
        return response.created(
          await apiSerializer.serialize(ValidationTransformer.transform(result.assessment))
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
