/*
 * Course feedback's rules, without the framework: who may give it, how a
 * course's rating is worked out, and when the catalogue shows it.
 */

/* A course's average rating is shown to learners only from this many answers: fewer say too little, and could point to a person. */
export const RATING_SHOWN_FROM = 5

/* The longest comment a learner may write. */
export const FEEDBACK_COMMENTS_MAX_LENGTH = 1200

/* Ratings run from 1 to 5. */
export const RATING_VALUES = [1, 2, 3, 4, 5] as const

/* Enrolment states that mean the learner came: only they are asked for feedback (a no-show is not). */
export const FEEDBACK_ENROLMENT_STATUSES = ['attended', 'completed'] as const

/* Whether an enrolment in this state may be given feedback. */
export function enrolmentMayGiveFeedback(status: string) {
  return (FEEDBACK_ENROLMENT_STATUSES as readonly string[]).includes(status)
}

/*
 * An average of whole-number ratings to one decimal place, halves rounded
 * up (4.25 is 4.3), worked out in whole numbers from the sum and count so
 * no floating-point error moves a half. Null with no answers.
 */
export function averageRating(sum: number, count: number) {
  if (count <= 0) return null
  return Math.floor((20 * sum + count) / (2 * count)) / 10
}

/* A share of the answers as a whole percentage, halves rounded up. Null with no answers. */
export function percentOf(part: number, count: number) {
  if (count <= 0) return null
  return Math.floor((200 * part + count) / (2 * count))
}

/* A course's rating as learners see it: from RATING_SHOWN_FROM answers, else none. */
export type CourseRating = { average: number; answers: number }

export function shownRating(sum: number, count: number): CourseRating | null {
  if (count < RATING_SHOWN_FROM) return null
  return { average: averageRating(sum, count)!, answers: count }
}

/* "4.3 out of 5 from 27 reviews". */
export function ratingText(rating: CourseRating) {
  return `${rating.average.toFixed(1)} out of 5 from ${rating.answers} ${rating.answers === 1 ? 'review' : 'reviews'}`
}
