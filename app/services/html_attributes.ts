/*
 * HTML attributes written from template data, escaped by construction.
 *
 * edge.js's own `html.attrs` writes values between quotes without escaping
 * them, so a value holding `"` ends the attribute and can add new ones
 * (an Alpine directive among them). Every attribute list in the views goes
 * through `safeAttrs` instead; `html.attrs` itself is replaced by it in
 * start/view.ts, so nothing can reach the page unescaped by that route.
 */
import { edgeGlobals } from 'edge.js'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/* Text made safe to stand between tags or inside a quoted attribute. */
export function escapeHtml(value: unknown) {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character])
}

export type AttributeValue = string | number | boolean | null | undefined | AttributeValue[]
export type Attributes = Record<string, AttributeValue | Record<string, boolean>>

/*
 * Names a template may write: plain HTML, ARIA and data attributes. Event
 * handlers and Alpine directives are refused, so data passed here can never
 * become behaviour; directives are written literally in templates.
 */
const ALLOWED_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const REFUSED_NAME = /^(on|x-)/

function attributeValue(name: string, value: Exclude<Attributes[string], boolean>) {
  if (name === 'class') return edgeGlobals.html.classNames(value as any)
  if (Array.isArray(value))
    return value.filter((item) => item !== null && item !== undefined).join(' ')
  return String(value)
}

/*
 * ` name="value" …` for the attributes given: `true` writes the bare name,
 * `false`, `null` and `undefined` leave the attribute out, every value is
 * escaped. Returns a value Edge prints as it is.
 */
export function attributesHtml(attributes: Attributes) {
  const written: string[] = []
  for (const [name, value] of Object.entries(attributes)) {
    if (!ALLOWED_NAME.test(name) || REFUSED_NAME.test(name)) {
      throw new Error(`"${name}" cannot be written as an attribute from data`)
    }
    if (value === false || value === null || value === undefined) continue
    if (value === true) {
      written.push(name)
      continue
    }
    const text = attributeValue(name, value)
    if (name === 'class' && text === '') continue
    written.push(`${name}="${escapeHtml(text)}"`)
  }
  return written.join(' ')
}

export function safeAttrs(attributes: Attributes) {
  return edgeGlobals.html.safe(attributesHtml(attributes))
}

/*
 * A stored web address, only when it is one a link may point to: http or
 * https. Anything else (a `javascript:` or `data:` address that reached the
 * database without the form's check) gives no link at all.
 */
export function safeUrl(value: unknown) {
  if (typeof value !== 'string') return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}
