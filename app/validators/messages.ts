import '#validators/control_characters'
import vine from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/*
 * Messages specific to one form, tried before the global ones in
 * start/validator.ts (read at validation time, so later changes there apply).
 * A rule's arguments fill their {{ placeholders }}: "between {{ earliest }} and {{ latest }}".
 */
export class FormMessages implements MessagesProviderContact {
  constructor(private messages: Record<string, string>) {}

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const specific =
      this.messages[`${field.getFieldPath()}.${rule}`] ??
      this.messages[`${field.wildCardPath}.${rule}`]
    if (specific) return specific.replace(/{{\s*(\w+)\s*}}/g, (_, key) => String(args?.[key] ?? ''))
    return vine.messagesProvider.getMessage(rawMessage, rule, field, args)
  }
}

/* A field's messages by rule ("name", { maxLength: … } → "name.maxLength": …). */
export function fieldMessages(field: string, messages: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(messages).map(([rule, text]) => [`${field}.${rule}`, text])
  )
}

/* One message for several of a field's rules: the form says the same however the value is wrong. */
export function sameMessage(field: string, rules: readonly string[], message: string) {
  return Object.fromEntries(rules.map((rule) => [`${field}.${rule}`, message]))
}

/* The rules an id picked from a list breaks when it is not a record's id. */
const ID_RULES = ['number', 'withoutDecimals', 'positive'] as const

/* The same message for every way an id can be malformed. */
export function idMessages(field: string, message: string) {
  return sameMessage(field, ID_RULES, message)
}

/* The same message for an id that must be given, when it is missing or malformed. */
export function requiredIdMessages(field: string, message: string) {
  return sameMessage(field, ['required', ...ID_RULES], message)
}
