/*
 * Error messages for forms and the API: specific, in plain English, naming
 * what to do ("Enter your email address"), never "required" or "invalid".
 */
import vine, { SimpleMessagesProvider } from '@vinejs/vine'

vine.messagesProvider = new SimpleMessagesProvider(
  {
    'required': 'Enter {{ field }}',
    'string': 'Enter {{ field }} as text',
    'email': 'Enter {{ field }} in the correct format, like name@example.gov.uk',
    'minLength': '{{ field }} must be {{ min }} characters or more',
    'maxLength': '{{ field }} must be {{ max }} characters or fewer',
    'number': '{{ field }} must be a number',
    'withoutDecimals': '{{ field }} must be a whole number',
    'positive': '{{ field }} must be more than 0',
    'min': '{{ field }} must be {{ min }} or more',
    'max': '{{ field }} must be {{ max }} or less',
    'enum': 'Select {{ field }} from the list',
    'array': 'Select {{ field }} from the list',
    'boolean': 'Select yes or no for {{ field }}',
    'confirmed': 'The new passwords do not match',
    'database.unique': 'That {{ field }} is already in use',
    'database.exists': 'Select {{ field }} from the list',

    'email.required': 'Enter an email address',
    'password.required': 'Enter a password',
    'currentPassword.required': 'Enter your current password',
    'newPassword.required': 'Enter a new password',
    'newPassword.minLength': 'The new password must be 12 characters or more',
    'password.minLength': 'The password must be 12 characters or more',
    'fullName.required': 'Enter the person’s full name',
    'organisationId.required': 'Select an organisation',
    'name.required': 'Enter a name',
    'code.required': 'Enter a code',
    'type.required': 'Select a type of organisation',
  },
  {
    email: 'an email address',
    password: 'a password',
    fullName: 'full name',
    organisationId: 'an organisation',
    teamId: 'a team',
    grade: 'a grade',
    profession: 'a profession',
    lineManagerEmail: 'the line manager’s email address',
    roles: 'roles',
    name: 'a name',
    code: 'a code',
    type: 'a type',
    parentId: 'a parent organisation',
    location: 'location',
  }
)
