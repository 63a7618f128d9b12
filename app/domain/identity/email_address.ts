import vine from '@vinejs/vine'

/* Control characters (NUL, tab, DEL and others): never in an address or a name, unseen when shown. */
const CONTROL = /\p{Cc}/u
const CONTROLS = /\p{Cc}/gu

export const hasControlCharacter = (value: string) => CONTROL.test(value)

/*
 * An e-mail address by the rule every form of the service uses (VineJS's
 * email rule, up to 254 characters), without control characters, which
 * that rule lets through inside a quoted local part.
 */
export function isEmailAddress(value: string) {
  return value.length <= 254 && !hasControlCharacter(value) && vine.helpers.isEmail(value)
}

/* A value as it can be shown back in a message: control characters become �. */
export const printable = (value: string) => value.replace(CONTROLS, '\uFFFD')
