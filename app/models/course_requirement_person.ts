import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { CreatedModel } from '#models/timestamped_model'
import User from '#models/user'

/* One person a requirement names by hand; they join its audience when added. */
export default class CourseRequirementPerson extends CreatedModel {
  static table = 'course_requirement_people'

  @column()
  declare requirementId: number

  @column()
  declare userId: number

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
