import vine from '@vinejs/vine'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { newPassword } from '#validators/rules/password'

/*
 * A password set from a link. Meta data: the person's own `email` and
 * `fullName`, which the password must not be. The words differ between
 * creating a first password and choosing a new one.
 */
const passwordFields = {
  newPassword: newPassword('self').confirmed({ confirmationField: 'confirmPassword' }),
}

export const createPasswordValidator = vine
  .withMetaData<{ email: string; fullName: string }>()
  .create(passwordFields)

createPasswordValidator.messagesProvider = new FormMessages({
  'newPassword.required': 'Enter a password',
  'newPassword.minLength': 'The password must be 12 characters or more',
  'newPassword.maxLength': 'The password must be 200 characters or fewer',
  'confirmPassword.confirmed': 'The passwords do not match',
})

export const resetPasswordValidator = vine
  .withMetaData<{ email: string; fullName: string }>()
  .create(passwordFields)

export const forgotPasswordValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
})

forgotPasswordValidator.messagesProvider = new FormMessages({
  'email.required': 'Enter your email address',
  'email.maxLength': 'Enter an email address of 254 characters or fewer',
})

const ids = () => vine.array(vine.number().withoutDecimals().positive()).maxLength(1000).optional()

/* A single checkbox arrives as a string; a list of them as an array. */
const asList = (value: unknown) =>
  value === undefined || value === null || Array.isArray(value) ? value : [value]

/*
 * Inviting many people from the people list: the people ticked, whether
 * the "select all" box was ticked, with everyone the page listed (so
 * "all" works without JavaScript and takes in no one the person did not
 * see), or everyone the list's filters find.
 */
export const invitePeopleValidator = vine.create({
  who: vine.enum(['selected', 'found'] as const),
  people: vine
    .array(vine.number().withoutDecimals().positive())
    .parse(asList)
    .maxLength(1000)
    .optional(),
  all: vine.enum(['page'] as const).optional(),
  listed: ids(),
})

invitePeopleValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'who',
    ['required', 'enum'],
    'Choose whom to invite: the people you ticked, or everyone found'
  ),
  'people.array': 'Select people from the list',
  ...idMessages('people.*', 'Select people from the list'),
  'people.maxLength': 'Select at most 1,000 people at once',
  'all.enum': 'Select people from the list',
  'listed.array': 'Select people from the list',
  ...idMessages('listed.*', 'Select people from the list'),
  'listed.maxLength': 'Select at most 1,000 people at once',
})

export type InvitePeopleInput = Awaited<ReturnType<typeof invitePeopleValidator.validate>>

/* The people the form selects: each one ticked, and everyone listed when "select all" is ticked. */
export function selectedPeople(input: InvitePeopleInput) {
  const selected = new Set(input.people ?? [])
  if (input.all === 'page') for (const id of input.listed ?? []) selected.add(id)
  return [...selected]
}
