import vine from '@vinejs/vine'
import { FormMessages, sameMessage } from '#validators/messages'
import { FEEDBACK_COMMENTS_MAX_LENGTH } from '#domain/learning/course_feedback'

/* A learner's evaluation of a course: two ratings from 1 to 5, whether they would recommend it, and optional comments. */
export const courseFeedbackValidator = vine.create({
  overallRating: vine.number().withoutDecimals().range([1, 5]),
  relevanceRating: vine.number().withoutDecimals().range([1, 5]),
  wouldRecommend: vine.boolean(),
  comments: vine.string().multiline().trim().maxLength(FEEDBACK_COMMENTS_MAX_LENGTH).optional(),
})

courseFeedbackValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'overallRating',
    ['required', 'number', 'withoutDecimals', 'range'],
    'Select how you rate the course overall, from 1 to 5'
  ),
  ...sameMessage(
    'relevanceRating',
    ['required', 'number', 'withoutDecimals', 'range'],
    'Select how relevant the course was to your role, from 1 to 5'
  ),
  ...sameMessage(
    'wouldRecommend',
    ['required', 'boolean'],
    'Select yes if you would recommend the course to a colleague'
  ),
  'comments.string': 'Enter your comments as text',
  'comments.maxLength': `Your comments must be ${FEEDBACK_COMMENTS_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
})

export type CourseFeedbackAnswers = {
  overallRating: number
  relevanceRating: number
  wouldRecommend: boolean
  comments?: string | null
}

/* The API's course results: narrowed to one session of the course, and a page of the comments. */
export const feedbackResultsQueryValidator = vine.create({
  session: vine.number().withoutDecimals().positive().optional(),
  page: vine.number().withoutDecimals().positive().max(100000).optional(),
})

feedbackResultsQueryValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'session',
    ['number', 'withoutDecimals', 'positive'],
    'Enter the session as the id of one of the course’s sessions, like 12'
  ),
  ...sameMessage(
    'page',
    ['number', 'withoutDecimals', 'positive', 'max'],
    'Enter the page as a whole number from 1'
  ),
})
