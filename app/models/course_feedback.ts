import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
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

  auditLabel() {
    return `Course feedback ${this.id}`
  }
}
