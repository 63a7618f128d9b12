import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('full_name', 200).notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password', 255).notNullable()
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.string('grade', 8).nullable()
      table.string('profession', 48).nullable()
      table
        .integer('line_manager_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('deactivated_at').nullable()
      table.timestamp('last_signed_in_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organisation_id'])
      table.index(['line_manager_id'])
      table.index(['team_id'])
    })

    this.schema.createTable('user_roles', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('role', 32).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'role'])
      table.index(['role'])
    })
  }

  async down() {
    this.schema.dropTable('user_roles')
    this.schema.dropTable(this.tableName)
  }
}
