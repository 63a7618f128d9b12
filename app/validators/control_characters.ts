/*
 * Text fields refuse control characters. Every `vine.string()` of the
 * service gets the rule on creation, so no validator can forget it; fields
 * typed in a textarea say `.multiline()` to let line breaks and tabs through.
 * Imported by start/validator.ts before anything that builds a validator.
 */
import vine, { VineString } from '@vinejs/vine'
import type { FieldContext, Validation } from '@vinejs/vine/types'

/* NUL and the other C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates. */
const ANY_CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

/* The same, less the line feed, carriage return and tab a textarea may hold. */
const HIDDEN_CONTROL = /[^\P{Cc}\t\n\r]|[\u202A-\u202E\u2066-\u2069]/u

/* Whether a text holds a character the field does not allow. */
export function hasControlCharacters(text: string, multiline = false) {
  return (multiline ? HIDDEN_CONTROL : ANY_CONTROL).test(text)
}

const controlCharacters = vine.createRule(
  (value: unknown, options: { multiline: boolean }, field: FieldContext) => {
    if (typeof value !== 'string' || !hasControlCharacters(value, options.multiline)) return
    field.report(
      options.multiline
        ? 'The {{ field }} must not contain hidden control characters'
        : 'The {{ field }} must not contain line breaks, tabs or hidden control characters',
      'controlCharacters',
      field
    )
  },
  { name: 'controlCharacters' }
)

const singleLine = controlCharacters({ multiline: false })

declare module '@vinejs/vine' {
  interface VineString {
    /* Lets line breaks and tabs through, for text typed in a textarea. */
    multiline(): this
  }
}

VineString.macro('multiline', function (this: VineString) {
  const schema = this as unknown as { validations: Validation<any>[] }
  schema.validations = schema.validations.map((validation) =>
    validation.rule === singleLine.rule ? controlCharacters({ multiline: true }) : validation
  )
  return this
})

const plainString = vine.string.bind(vine)
vine.string = () => plainString().use(singleLine)
