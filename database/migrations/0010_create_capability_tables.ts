import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('role_assignments', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('role_level_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_levels')
      table.string('kind', 16).notNullable()
      table.string('status', 16).notNullable()
      // "current" or "target" while the assignment is in force, else null: one of each per person.
      table.string('active_kind', 16).nullable()
      table
        .integer('proposed_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('confirmed_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('confirmed_at').nullable()
      table.timestamp('ended_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['user_id', 'active_kind'])
      table.index(['role_level_id', 'active_kind'])
    })

    this.schema.createTable('skill_assessments', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('skill_id').unsigned().notNullable().references('id').inTable('skills')
      table.tinyint('level').unsigned().notNullable()
      table.string('source', 16).notNullable()
      table.string('status', 16).notNullable()
      table
        .integer('assessed_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('validates_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('skill_assessments')
        .onDelete('SET NULL')
      table.string('comment', 1000).nullable()
      table.timestamp('assessed_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'skill_id', 'source', 'assessed_at'])
      table.index(['user_id', 'status'])
    })

    this.schema.createTable('development_plan_items', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('kind', 16).notNullable()
      table.integer('skill_id').unsigned().nullable().references('id').inTable('skills')
      table.tinyint('target_level').unsigned().nullable()
      table.integer('course_id').unsigned().nullable().references('id').inTable('courses')
      table.date('due_on').nullable()
      table.string('status', 16).notNullable()
      table.string('notes', 1000).nullable()
      table
        .integer('agreed_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('agreed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'status', 'due_on'])
    })
  }

  async down() {
    this.schema.dropTable('development_plan_items')
    this.schema.dropTable('skill_assessments')
    this.schema.dropTable('role_assignments')
  }
}
