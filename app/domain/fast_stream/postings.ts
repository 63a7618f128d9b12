/*
 * Postings as spans of calendar days, and when two of them overlap: an
 * entrant can be in one posting at a time. Days are ISO 8601 text
 * (yyyy-mm-dd), so text order is time order. Pure: no framework imports.
 */

/* How long a posting from a placement lasts. */
export const POSTING_MONTHS = 6

/*
 * The days a posting takes: from its first day to its end, the day the next
 * posting may begin (so a posting ending on 1 March and one starting on
 * 1 March do not overlap). A posting without an end runs on.
 */
export type PostingSpan = { startsOn: string; endsOn: string | null }

/* Whether two postings share a day. */
export function overlaps(a: PostingSpan, b: PostingSpan): boolean {
  const aStartsBeforeBEnds = b.endsOn === null || a.startsOn < b.endsOn
  const bStartsBeforeAEnds = a.endsOn === null || b.startsOn < a.endsOn
  return aStartsBeforeBEnds && bStartsBeforeAEnds
}

/* The first of the postings, by start, that shares a day with the span; null when none does. */
export function firstOverlap<T extends PostingSpan>(postings: T[], span: PostingSpan): T | null {
  let first: T | null = null
  for (const posting of postings) {
    if (!overlaps(posting, span)) continue
    if (first === null || posting.startsOn < first.startsOn) first = posting
  }
  return first
}

const DAYS_IN_MONTH = (year: number, month: number) =>
  new Date(Date.UTC(year, month + 1, 0)).getUTCDate()

/*
 * A day some whole months later (or earlier, when negative). A day past the
 * end of the month it lands in becomes that month's last day: 31 August and
 * six months is 28 (or 29) February.
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.slice(0, 10).split('-').map(Number)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12
  const targetDate = Math.min(date, DAYS_IN_MONTH(targetYear, targetMonth))
  return [
    String(targetYear).padStart(4, '0'),
    String(targetMonth + 1).padStart(2, '0'),
    String(targetDate).padStart(2, '0'),
  ].join('-')
}
