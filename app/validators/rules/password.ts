import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/*
 * What a new password must be, wherever one is set (NCSC password
 * guidance): long enough, and not one that is guessed first. No rules
 * about mixing kinds of character: they make passwords harder to remember,
 * not to guess. Refused are the common passwords of a maintained list from
 * breaches (shipped with the package @zxcvbn-ts/language-common, read
 * offline), those with only digits or symbols added at either end, one
 * character or a short group repeated, and the person's own name or e-mail
 * address.
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 200

export type PasswordWeakness = 'common' | 'repeated' | 'personal'

/* Whose password it is, in the message: your own, or a person an administrator adds. */
export type PasswordOwner = 'self' | 'person'

export const passwordMessages: Record<PasswordWeakness, Record<PasswordOwner, string>> = {
  common: {
    self: 'Choose a password that is harder to guess: this one is too common',
    person: 'Choose a password that is harder to guess: this one is too common',
  },
  repeated: {
    self: 'Choose a password that is harder to guess: this one repeats the same characters',
    person: 'Choose a password that is harder to guess: this one repeats the same characters',
  },
  personal: {
    self: 'Choose a password that is harder to guess: do not use your name or email address',
    person:
      'Choose a password that is harder to guess: do not use the person’s name or email address',
  },
}

let commonPasswords: Promise<Set<string>> | undefined

/* The list, read once on first use (about 50,000 passwords, a few tens of milliseconds). */
function loadCommonPasswords() {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()))
  )
  return commonPasswords
}

/* Letters and digits only, in lower case: "Ada Lovelace" and "ada.lovelace" compare equal. */
function bare(text: string) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/*
 * Why a password would be guessed early, or null when it would not. The
 * person's name and e-mail address are optional: unknown, they are not
 * compared.
 */
export async function passwordWeakness(
  password: string,
  person: { email?: string | null; fullName?: string | null } = {}
): Promise<PasswordWeakness | null> {
  if (/^(.{1,4})\1+$/su.test(password)) return 'repeated'

  const ownWords = [person.email, person.email?.split('@')[0], person.fullName]
    .map((value) => (value ? bare(value) : ''))
    .filter((value) => value.length > 0)
  if (ownWords.includes(bare(password))) return 'personal'

  const common = await loadCommonPasswords()
  const lower = password.toLowerCase()
  // "Password2024!" is "password" with what people add to pass composition rules.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  if (common.has(lower) || (core.length >= 4 && common.has(core))) return 'common'
  return null
}

/* The person's name and e-mail: from the validator's meta data, else from the form beside the field. */
function personOf(field: FieldContext) {
  const meta = field.meta as { email?: unknown; fullName?: unknown }
  const parent = (field.parent ?? {}) as { email?: unknown; fullName?: unknown }
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : null)
  return {
    email: text(meta.email) ?? text(parent.email),
    fullName: text(meta.fullName) ?? text(parent.fullName),
  }
}

const hardToGuess = vine.createRule<{ owner: PasswordOwner }>(
  async (value, { owner }, field) => {
    if (typeof value !== 'string') return
    const weakness = await passwordWeakness(value, personOf(field))
    if (weakness) field.report(passwordMessages[weakness][owner], `${weakness}Password`, field)
  },
  { isAsync: true, name: 'hardToGuess' }
)

/*
 * A new password field. `owner` words the messages for a person choosing
 * their own (`self`) or an administrator setting one (`person`). The
 * person's name and e-mail address come from the validator's meta data
 * (`email`, `fullName`) or from fields of those names in the same form.
 */
export function newPassword(owner: PasswordOwner) {
  return vine
    .string()
    .minLength(PASSWORD_MIN_LENGTH)
    .maxLength(PASSWORD_MAX_LENGTH)
    .use(hardToGuess({ owner }))
}
