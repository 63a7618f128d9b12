/*
 * Error messages for forms and the API: specific, in plain English, naming
 * what to do ("Enter an email address"), never "required" or "invalid".
 * Field names are given without articles so they read in any message.
 */
import '#validators/control_characters'
import vine, { SimpleMessagesProvider, errors } from '@vinejs/vine'
import { HttpRequest } from '@adonisjs/core/http'
import { bodyShapeErrors } from '#services/api_bodies'

vine.messagesProvider = new SimpleMessagesProvider(
  {
    'required': 'Enter the {{ field }}',
    'string': 'Enter the {{ field }} as text',
    'email': 'Enter the {{ field }} in the correct format, like name@example.gov.uk',
    'minLength': 'The {{ field }} must be {{ min }} characters or more',
    'maxLength': 'The {{ field }} must be {{ max }} characters or fewer',
    'fixedLength': 'The {{ field }} must be {{ size }} characters',
    'regex': 'The {{ field }} is not in the right format',
    'number': 'The {{ field }} must be a number',
    'withoutDecimals': 'The {{ field }} must be a whole number',
    'positive': 'The {{ field }} must be more than 0',
    'min': 'The {{ field }} must be {{ min }} or more',
    'max': 'The {{ field }} must be {{ max }} or less',
    'range': 'The {{ field }} must be between {{ min }} and {{ max }}',
    'enum': 'Select the {{ field }} from the list',
    'in': 'Select the {{ field }} from the list',
    'array': 'Select the {{ field }} from the list',
    'boolean': 'Select yes or no for the {{ field }}',
    'date': 'Enter the {{ field }} as a real date',
    'url': 'Enter the {{ field }} as a full web address, starting https://',
    'confirmed': 'The new passwords do not match',

    'email.required': 'Enter an email address',
    'email.email': 'Enter an email address in the correct format, like name@example.gov.uk',
    'password.required': 'Enter a password',
    'password.minLength': 'The password must be 12 characters or more',
    'currentPassword.required': 'Enter your current password',
    'newPassword.required': 'Enter a new password',
    'newPassword.minLength': 'The new password must be 12 characters or more',
    'fullName.required': 'Enter the person’s full name',
    'organisationId.required': 'Select an organisation',
    'grade.enum': 'Select a grade from the list',
    'profession.enum': 'Select a profession from the list',
    'roles.*.enum': 'Select roles from the list',
    'lineManagerEmail.email':
      'Enter the line manager’s email address in the correct format, like name@example.gov.uk',
    'name.required': 'Enter a name',
    'code.required': 'Enter a code',
    'type.required': 'Select a type of organisation',
    'from.required': 'Select the role level you are at now',
    'to.required': 'Select the role level you want to move to',
  },
  {
    email: 'email address',
    password: 'password',
    fullName: 'full name',
    organisationId: 'organisation',
    teamId: 'team',
    grade: 'grade',
    profession: 'profession',
    lineManagerEmail: 'line manager’s email address',
    roles: 'roles',
    name: 'name',
    code: 'code',
    type: 'type of organisation',
    parentId: 'parent organisation',
    location: 'location',
    description: 'description',
    category: 'category',
    level: 'level',
    currentPassword: 'current password',
    newPassword: 'new password',
    title: 'title',
    summary: 'summary',
    venue: 'venue',
    onlineUrl: 'online link',
    evidenceUrl: 'evidence link',
    providerName: 'provider’s name',
    teamName: 'team name',
    reason: 'reason',
    overrideReason: 'reason',
    note: 'note',
    comment: 'comment',
    descriptor1: 'Awareness descriptor',
    descriptor2: 'Working descriptor',
    descriptor3: 'Practitioner descriptor',
    descriptor4: 'Expert descriptor',
    serviceManagerEmail: 'Service Manager’s email address',
    ownerEmail: 'owner’s email address',
    subjectType: 'type of record',
    q: 'search',
  }
)

/*
 * A JSON API body is held to its operation's OpenAPI schema when the
 * controller validates it, after authorising: a property the schema does
 * not list, or a value of the wrong JSON type ("12" or true for a number),
 * answers 422 naming the field, before the validator could coerce it.
 */
const validateUsing = HttpRequest.prototype.validateUsing
HttpRequest.macro('validateUsing', async function (
  this: HttpRequest,
  ...args: Parameters<typeof validateUsing>
) {
  const [validator, options] = args
  if (this.ctx && !options?.data) {
    const shape = bodyShapeErrors(this.ctx, options?.messagesProvider ?? validator.messagesProvider)
    if (shape.length) throw new errors.E_VALIDATION_ERROR(shape)
  }
  return (validateUsing as (...given: typeof args) => Promise<unknown>).apply(this, args)
} as typeof validateUsing)
