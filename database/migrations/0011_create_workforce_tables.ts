import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table
        .integer('digital_leader_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
    })

    this.schema.createTable('capability_plans', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      // The year the financial year starts: 2013 is 2013–14.
      table.smallint('financial_year').unsigned().notNullable()
      table.string('status', 16).notNullable()
      table
        .integer('copied_from_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('capability_plans')
        .onDelete('SET NULL')
      table
        .integer('submitted_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('submitted_at').nullable()
      table
        .integer('decided_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table.text('decision_comment').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organisation_id', 'financial_year'])
      table.index(['status'])
    })

    this.schema.createTable('plan_lines', (table) => {
      table.increments('id')
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('capability_plans')
        .onDelete('CASCADE')
      table
        .integer('role_profile_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_profiles')
      table.integer('posts_needed').unsigned().notNullable().defaultTo(0)
      // Null: in post is counted from the people assigned to the role in the organisation's tree.
      table.integer('in_post_override').unsigned().nullable()
      table.string('override_reason', 500).nullable()
      table.integer('planned_to_recruit').unsigned().notNullable().defaultTo(0)
      table.integer('planned_to_train').unsigned().notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['plan_id', 'role_profile_id'])
    })

    this.schema.createTable('recruitment_campaigns', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table
        .integer('role_profile_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_profiles')
      table.string('title', 200).notNullable()
      table.integer('posts').unsigned().notNullable()
      table.string('grade', 8).nullable()
      table.string('location', 120).nullable()
      table.string('stage', 16).notNullable()
      table.date('planned_on').nullable()
      table.date('advertised_on').nullable()
      table.date('sifting_on').nullable()
      table.date('interviewing_on').nullable()
      table.date('offers_on').nullable()
      table.date('closed_on').nullable()
      table.integer('hires').unsigned().notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organisation_id', 'stage'])
      table.index(['role_profile_id'])
    })

    this.schema.createTable('capability_gaps', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table.string('kind', 16).notNullable()
      table
        .integer('role_profile_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('role_profiles')
      table.integer('skill_id').unsigned().nullable().references('id').inTable('skills')
      table.string('title', 200).notNullable()
      table.text('description').nullable()
      table.string('severity', 16).notNullable()
      table.string('mitigation', 16).nullable()
      table
        .integer('owner_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.date('due_on').nullable()
      table.string('status', 16).notNullable()
      table.string('source', 16).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organisation_id', 'status'])
    })

    this.schema.createTable('services', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table.string('name', 200).notNullable()
      table.bigInteger('annual_transactions').unsigned().notNullable().defaultTo(0)
      table.string('phase', 16).notNullable()
      table.boolean('is_exemplar').notNullable().defaultTo(false)
      table
        .integer('service_manager_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organisation_id', 'name'])
      table.index(['annual_transactions'])
      table.index(['service_manager_id'])
    })
  }

  async down() {
    this.schema.dropTable('services')
    this.schema.dropTable('capability_gaps')
    this.schema.dropTable('recruitment_campaigns')
    this.schema.dropTable('plan_lines')
    this.schema.dropTable('capability_plans')
    this.schema.alterTable('organisations', (table) => {
      table.dropForeign(['digital_leader_id'])
      table.dropColumn('digital_leader_id')
    })
  }
}
