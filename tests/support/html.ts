/*
 * Reading a server-rendered page in functional tests: its links and its
 * GET forms, found in the HTML as the browser would find them.
 */

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/* An attribute's text as the browser reads it. */
export function decodeEntities(value: string) {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity])
}

/* Same-origin paths the page links to, without fragments. */
export function linksOf(html: string) {
  const links = new Set<string>()
  for (const match of html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)) {
    const href = decodeEntities(match[1]).split('#')[0]
    if (href.startsWith('/') && !href.startsWith('//')) links.add(href)
  }
  return [...links]
}

export type GetForm = { action: string; fields: string[] }

/* The page's GET forms (filters and searches): where they go and the names they send. */
export function getFormsOf(html: string, pageUrl: string): GetForm[] {
  const forms: GetForm[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attributes = match[1]
    const method = /\smethod="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase() ?? 'get'
    if (method !== 'get') continue
    const action = decodeEntities(/\saction="([^"]*)"/.exec(attributes)?.[1] ?? pageUrl)
    const fields = new Set<string>()
    for (const field of match[2].matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)) {
      fields.add(decodeEntities(field[1]))
    }
    forms.push({ action: action.split('?')[0] || pageUrl.split('?')[0], fields: [...fields] })
  }
  return forms
}

/* Text with its runs of whitespace made single spaces, trimmed. */
export function collapse(text: string | null | undefined) {
  return (text ?? '').replace(/\s+/g, ' ').trim()
}

/*
 * The text of a list item from the element with this id to the end of the
 * item, without markup and with runs of whitespace made single spaces;
 * null when the page has no such element.
 */
export function listItemText(html: string, id: string) {
  const start = html.indexOf(`id="${id}"`)
  if (start < 0) return null
  return html
    .slice(start, html.indexOf('</li>', start))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

/* What a page reads as: its text without markup or scripts, entities decoded, whitespace collapsed. */
export function textWithoutMarkup(html: string) {
  return collapse(
    decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' '))
  )
}
