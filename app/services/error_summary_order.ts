/*
 * The error summary lists its messages in the order the fields stand on the
 * page, as GOV.UK's does, whatever order the validator found them in. The
 * summary is drawn above the form, before its fields are, so the page's main
 * content is put in order once it is whole: each message moves to where its
 * field's id first appears after the summary. A message whose field is not
 * on the page keeps its place after those that are.
 */
const SUMMARY_LIST = /(<ul[^>]*\bdata-error-summary-list\b[^>]*>)([\s\S]*?)(<\/ul>)/
const SUMMARY_ITEM = /<li data-field-id="([^"]*)">[\s\S]*?<\/li>/g

export function errorsInPageOrder(html: string): string {
  const list = SUMMARY_LIST.exec(html)
  if (!list) return html
  const after = html.slice(list.index + list[0].length)
  const items = [...list[2].matchAll(SUMMARY_ITEM)].map((item, index) => {
    const at = after.indexOf(`id="${item[1]}"`)
    return { markup: item[0], index, at: at === -1 ? Number.POSITIVE_INFINITY : at }
  })
  if (items.length < 2) return html
  const ordered = items.toSorted((a, b) => a.at - b.at || a.index - b.index)
  const body = ordered.map((item) => item.markup).join('\n')
  return html.slice(0, list.index) + list[1] + body + list[3] + after
}
