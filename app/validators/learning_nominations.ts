import vine from '@vinejs/vine'
import { FormMessages, idMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { csvUploadValidator } from '#validators/csv_upload'
import type { NominationSource } from '#domain/learning/nomination'

/* The most people one nomination names: large teams and files, without a request that runs for minutes. */
export const MAX_NOMINATED = 1000

/* A single checkbox arrives as a string; a list of them as an array. */
const asList = (value: unknown) =>
  value === undefined || value === null || Array.isArray(value) ? value : [value]

const ids = () =>
  vine
    .array(vine.number().withoutDecimals().positive())
    .parse(asList)
    .maxLength(MAX_NOMINATED)
    .optional()

const PAGE_SOURCES = [
  'reports',
  'team',
  'emails',
  'selection',
] as const satisfies NominationSource[]

/*
 * Booking people from the nomination page or the people list: the people
 * ticked (with everyone the list showed when "select all" is ticked), a
 * team, or e-mail addresses typed one a line. Which of these is needed
 * depends on `source`: the controller says what is missing.
 */
export const nominationFormValidator = vine.create({
  source: vine.enum(PAGE_SOURCES),
  people: ids(),
  all: vine.enum(['page'] as const).optional(),
  listed: ids(),
  teamId: vine.number().withoutDecimals().positive().optional(),
  emails: vine.string().multiline().trim().maxLength(100_000).optional(),
})

nominationFormValidator.messagesProvider = new FormMessages({
  ...sameMessage('source', ['required', 'enum'], 'Choose how to pick the people to book'),
  'people.array': 'Select the people to book',
  ...idMessages('people.*', 'Select the people to book'),
  'people.maxLength': `Select at most ${MAX_NOMINATED.toLocaleString('en-GB')} people at once`,
  'all.enum': 'Select the people to book',
  'listed.array': 'Select the people to book',
  ...idMessages('listed.*', 'Select the people to book'),
  'listed.maxLength': `Select at most ${MAX_NOMINATED.toLocaleString('en-GB')} people at once`,
  ...idMessages('teamId', 'Select a team'),
  'emails.string': 'Enter the e-mail addresses as text',
  'emails.maxLength': 'Enter at most 100,000 characters of e-mail addresses',
})

export type NominationFormInput = Awaited<ReturnType<typeof nominationFormValidator.validate>>

/* The people a form ticked: each one, and everyone listed when "select all" is ticked. */
export function tickedPeople(input: NominationFormInput) {
  const selected = new Set(input.people ?? [])
  if (input.all === 'page') for (const id of input.listed ?? []) selected.add(id)
  return [...selected]
}

/* Addresses typed into the form, one a line (or separated by commas or semicolons). */
export function typedEmails(text: string | undefined) {
  return (text ?? '')
    .split(/[\n,;]+/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/* A CSV file of e-mail addresses to book. */
export const nominationFileValidator = csvUploadValidator(
  'nominationImport',
  ['csv', 'txt'],
  'Select a CSV file of e-mail addresses'
)

/* The API's nomination: people by id, by e-mail address, or both. */
export const apiNominationValidator = vine.create({
  userIds: vine
    .array(vine.number().withoutDecimals().positive())
    .maxLength(MAX_NOMINATED)
    .optional(),
  emails: vine.array(vine.string().trim().maxLength(320)).maxLength(MAX_NOMINATED).optional(),
})

apiNominationValidator.messagesProvider = new FormMessages({
  'userIds.array': 'Give userIds as a list of people’s ids',
  ...requiredIdMessages('userIds.*', 'Give each of userIds as a person’s id, like 12'),
  'userIds.maxLength': `Give at most ${MAX_NOMINATED.toLocaleString('en-GB')} people at once`,
  'emails.array': 'Give emails as a list of e-mail addresses',
  'emails.*.string': 'Give each of emails as an e-mail address',
  'emails.*.maxLength': 'Give each of emails as an e-mail address of 320 characters or fewer',
  'emails.maxLength': `Give at most ${MAX_NOMINATED.toLocaleString('en-GB')} people at once`,
})
