import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { afterCreate, afterDelete, column } from '@adonisjs/lucid/orm'
import UserOwnedModel from '#models/user_owned_model'
import { booleanColumn } from '#models/columns'

/* One learner's evaluation of a course they attended or completed: given once, shown without their name. */
export default class CourseFeedback extends UserOwnedModel {
  static table = 'course_feedback'
  static auditSubjectType = 'course_feedback'

  @column()
  declare courseId: number

  @column()
  declare sessionId: number | null

  @column()
  declare enrolmentId: number | null

  @column()
  declare selfPacedEnrolmentId: number | null

  @column()
  declare overallRating: number

  @column()
  declare relevanceRating: number

  @booleanColumn()
  declare wouldRecommend: boolean

  @column()
  declare comments: string | null

  @column.dateTime()
  declare submittedAt: DateTime

  /*
   * Keeps the course's running count of answers and sum of overall
   * ratings, in the same transaction, whichever way an answer is added or
   * removed: the catalogue reads a course's rating from them (ADR 24).
   */
  @afterCreate()
  static async countOnCourse(feedback: CourseFeedback) {
    await (feedback.$trx ?? db.connection())
      .from('courses')
      .where('id', feedback.courseId)
      .increment({ feedback_answers: 1, feedback_overall_sum: feedback.overallRating })
  }

  @afterDelete()
  static async uncountOnCourse(feedback: CourseFeedback) {
    await (feedback.$trx ?? db.connection())
      .from('courses')
      .where('id', feedback.courseId)
      .decrement({ feedback_answers: 1, feedback_overall_sum: feedback.overallRating })
  }

  auditLabel() {
    return `Course feedback ${this.id}`
  }
}
