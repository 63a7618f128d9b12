import type { FieldProblem } from '#services/api'
import type { SetRequirementResult } from '#actions/learning/set_requirement'

/*
 * What someone setting a learning requirement is told when it is refused:
 * the field it is about, the page's message and the API's, side by side.
 */

type Refusal = Exclude<SetRequirementResult, { type: 'saved' }>

export function requirementRefusal(result: Refusal): {
  field: string
  page: string
  api: string
  rule: string
} {
  switch (result.type) {
    case 'course_not_found':
      return {
        field: 'courseId',
        page: 'Select a course from the list',
        api: 'courseId is not the id of a course that can be required',
        rule: 'exists',
      }
    case 'organisation_not_found':
      return {
        field: 'organisationId',
        page: 'Select an organisation from the list',
        api: 'organisationId is not the id of an organisation you can see',
        rule: 'exists',
      }
    case 'role_profile_not_found':
      return {
        field: 'roleProfileId',
        page: 'Select a role from the list',
        api: 'roleProfileId is not the id of a role profile',
        rule: 'exists',
      }
    case 'due_on_missing':
      return {
        field: 'dueOn',
        page: 'Enter the date it is due by',
        api: 'Give dueOn, the date it is due by, when dueKind is fixed',
        rule: 'required',
      }
    case 'due_on_past':
      return {
        field: 'dueOn',
        page: 'The due date must be today or in the future',
        api: 'dueOn must be today or in the future',
        rule: 'afterOrEqual',
      }
    case 'people_not_found': {
      const listed = result.emails.slice(0, 5).join(', ')
      const more = result.emails.length > 5 ? ` and ${result.emails.length - 5} more` : ''
      const page = result.emails.length
        ? `There is no active person in your organisations with ${result.emails.length === 1 ? 'this e-mail address' : 'these e-mail addresses'}: ${listed}${more}`
        : 'Enter the e-mail addresses of the people it is required of'
      return { field: 'emails', page, api: page, rule: 'exists' }
    }
  }
}

export function requirementFieldProblem(result: Refusal): FieldProblem {
  const refusal = requirementRefusal(result)
  return { field: refusal.field, message: refusal.api, rule: refusal.rule }
}

export const REQUIREMENT_NOT_THEIRS = {
  page: 'Only a capability admin can withdraw a requirement set for everyone or for another organisation',
  api: 'Only a capability admin can withdraw a requirement set for everyone or for another organisation.',
}
