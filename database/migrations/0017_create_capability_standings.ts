import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Each active person's standing against their current role level, kept
 * up to date as assessments, role levels, people and the framework change
 * (app/actions/capability/refresh_standings.ts). The capability dashboards
 * and snapshots count these rows rather than working every person's levels
 * out again from the assessments: at the size of the civil service that
 * is minutes of work, where counting standings takes milliseconds.
 *
 * Derived rows only: rebuilt whole by `node ace capability:standings`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('capability_standings', (table) => {
      table
        .integer('user_id')
        .unsigned()
        .primary()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table
        .integer('role_level_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_levels')
      table.integer('role_profile_id').unsigned().notNullable()
      table.integer('role_family_id').unsigned().notNullable()
      // Live requirements of the role level, and how many of them the person falls short of.
      table.integer('requirements').unsigned().notNullable()
      table.integer('below').unsigned().notNullable()
      // Coverage by organisation and by family read only these indexes.
      table.index(['organisation_id', 'role_family_id', 'below'])
      table.index(['role_family_id', 'below'])
      // Headcount in post, by role profile, within an organisation's tree.
      table.index(['organisation_id', 'role_profile_id'])
      table.index(['role_level_id'])
    })

    // Per person and skill category with a live requirement: how many, and how many they fall short of.
    this.schema.createTable('capability_standing_categories', (table) => {
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('category', 64).notNullable()
      table.integer('requirements').unsigned().notNullable()
      table.integer('below').unsigned().notNullable()
      table.primary(['user_id', 'category'])
    })
  }

  async down() {
    this.schema.dropTable('capability_standing_categories')
    this.schema.dropTable('capability_standings')
  }
}
