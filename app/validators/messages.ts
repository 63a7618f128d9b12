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
