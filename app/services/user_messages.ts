import type { SaveUserResult } from '#actions/identity/save_user'

/* Why adding or changing a person was refused, under the field it is about. */
const FIELD_ERRORS: Record<Exclude<SaveUserResult['type'], 'saved'>, [string, string]> = {
  email_taken: ['email', 'A person with this email address already exists'],
  line_manager_not_found: [
    'lineManagerEmail',
    'There is no one with this email address: enter the line manager’s email address',
  ],
  line_manager_is_self: ['lineManagerEmail', 'A person cannot be their own line manager'],
  line_manager_cycle: [
    'lineManagerEmail',
    'This line manager reports to this person, directly or through others',
  ],
  team_not_in_organisation: ['teamId', 'Select a team in the chosen organisation'],
}

/* Department HR look for line managers in their own organisations: anyone else is no one. */
const NO_MANAGER_IN_SCOPE =
  'There is no one in your organisation with this email address: enter the line manager’s email address'

export function saveUserError(
  result: Exclude<SaveUserResult, { type: 'saved' }>,
  everywhere: boolean
) {
  const [field, text] = FIELD_ERRORS[result.type]
  const inScope = result.type === 'line_manager_not_found' && !everywhere
  return { [field]: inScope ? NO_MANAGER_IN_SCOPE : text }
}
