import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * A capability plan's figures frozen when it is sent for approval, and
 * again when it is approved if they changed in between: each plan line's
 * posts needed, in post (counted and as used), vacancies, planned numbers
 * and open campaign posts as they stood then. Every snapshot is kept.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('plan_snapshots', (table) => {
      table.increments('id')
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('capability_plans')
        .onDelete('CASCADE')
      // submission or approval
      table.string('stage', 16).notNullable()
      table
        .integer('taken_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('taken_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['plan_id', 'stage'])
    })

    this.schema.createTable('plan_snapshot_lines', (table) => {
      table.increments('id')
      table
        .integer('snapshot_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('plan_snapshots')
        .onDelete('CASCADE')
      table
        .integer('role_profile_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_profiles')
      table.integer('posts_needed').unsigned().notNullable()
      table.integer('in_post').unsigned().notNullable()
      table.integer('in_post_computed').unsigned().notNullable()
      table.boolean('in_post_overridden').notNullable()
      table.integer('vacancies').unsigned().notNullable()
      table.integer('planned_to_recruit').unsigned().notNullable()
      table.integer('planned_to_train').unsigned().notNullable()
      table.integer('campaign_posts').unsigned().notNullable()
      table.unique(['snapshot_id', 'role_profile_id'])
    })
  }

  async down() {
    this.schema.dropTable('plan_snapshot_lines')
    this.schema.dropTable('plan_snapshots')
  }
}
