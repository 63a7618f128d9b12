/*
 * Numbers in words. Every page, e-mail, flash message and log line that
 * puts a count before a noun goes through here (pages through the Edge
 * globals `counted` and `noun`), so one of anything is never "1 posts".
 * Pure: no framework imports.
 */

/*
 * The noun for a count: the singular for exactly 1, else the plural
 * (the singular with an "s" unless given). A count read from the database
 * as text ("1") counts the same.
 */
export function noun(count: number | string, singular: string, plural = `${singular}s`) {
  return Number(count) === 1 ? singular : plural
}

/* "1 role", "3 roles". A count to be shown with thousands separators is given as text: "1,200". */
export function counted(count: number | string, singular: string, plural = `${singular}s`) {
  return `${count} ${noun(String(count).replaceAll(',', ''), singular, plural)}`
}

/* A phrase at the start of a sentence: “Fast Stream entrants”, “Role family name”. */
export function sentenceStart(phrase: string) {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1)
}
