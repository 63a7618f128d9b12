import { column } from '@adonisjs/lucid/orm'
import { CreatedModel } from '#models/timestamped_model'
import type { Role } from '#enums/roles'

export default class UserRole extends CreatedModel {
  @column()
  declare userId: number

  @column()
  declare role: Role
}
