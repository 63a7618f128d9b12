import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('providers', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 200).notNullable().unique()
      table
        .integer('organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('provider_admins', (table) => {
      table.increments('id')
      table
        .integer('provider_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('providers')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
      table.unique(['provider_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('courses', (table) => {
      table.increments('id')
      table.integer('provider_id').unsigned().notNullable().references('id').inTable('providers')
      table.string('code', 32).notNullable().unique()
      table.string('title', 200).notNullable()
      table.text('summary').nullable()
      table.string('mode', 16).notNullable()
      table.decimal('duration_hours', 6, 2).notNullable()
      table.integer('cost_pence').unsigned().notNullable().defaultTo(0)
      table.string('status', 16).notNullable()
      table.boolean('requires_approval').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status', 'title'])
      table.index(['provider_id'])
    })

    this.schema.createTable('course_outcomes', (table) => {
      table.increments('id')
      table
        .integer('course_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('courses')
        .onDelete('CASCADE')
      table.integer('skill_id').unsigned().notNullable().references('id').inTable('skills')
      table.tinyint('level').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['course_id', 'skill_id'])
      table.index(['skill_id', 'level'])
    })

    this.schema.createTable('course_audiences', (table) => {
      table.increments('id')
      table
        .integer('course_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('courses')
        .onDelete('CASCADE')
      table
        .integer('role_profile_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_profiles')
      table.string('kind', 16).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['course_id', 'role_profile_id'])
      table.index(['role_profile_id', 'kind'])
    })

    this.schema.createTable('course_sessions', (table) => {
      table.increments('id')
      table.integer('course_id').unsigned().notNullable().references('id').inTable('courses')
      table.timestamp('starts_at').notNullable()
      table.timestamp('ends_at').notNullable()
      table.timestamp('booking_closes_at').notNullable()
      table.string('venue', 200).nullable()
      table.string('location', 120).nullable()
      table.string('online_url', 500).nullable()
      table.integer('capacity').unsigned().notNullable()
      table.string('status', 16).notNullable()
      table.timestamp('cancelled_at').nullable()
      table.string('cancellation_reason', 500).nullable()
      table.timestamp('reminder_sent_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['course_id', 'starts_at'])
      table.index(['starts_at', 'status'])
      table.index(['location'])
    })

    this.schema.createTable('enrolments', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('course_sessions')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('status', 16).notNullable()
      // Equals session_id while the enrolment is active, else null: one active enrolment per person per session.
      table.integer('active_session_id').unsigned().nullable()
      table.integer('waitlist_position').unsigned().nullable()
      table.text('request_note').nullable()
      table
        .integer('decided_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table.string('decision_reason', 500).nullable()
      table.timestamp('booked_at').nullable()
      table
        .integer('cancelled_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('cancelled_at').nullable()
      table.string('cancellation_reason', 500).nullable()
      table.timestamp('attendance_marked_at').nullable()
      table.timestamp('completed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['active_session_id', 'user_id'])
      table.index(['session_id', 'status', 'waitlist_position'])
      table.index(['user_id', 'status'])
    })

    this.schema.createTable('learning_records', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('course_id').unsigned().nullable().references('id').inTable('courses')
      table
        .integer('enrolment_id')
        .unsigned()
        .nullable()
        .unique()
        .references('id')
        .inTable('enrolments')
      table.string('title', 200).notNullable()
      table.string('provider_name', 200).nullable()
      table.date('completed_on').notNullable()
      table.string('source', 16).notNullable()
      table.string('evidence_url', 500).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'completed_on'])
    })

    this.schema.createTable('skill_claims', (table) => {
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
      table
        .integer('learning_record_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('learning_records')
        .onDelete('SET NULL')
      table.string('status', 16).notNullable()
      table
        .integer('decided_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table.string('comment', 500).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'status'])
    })
  }

  async down() {
    for (const table of [
      'skill_claims',
      'learning_records',
      'enrolments',
      'course_sessions',
      'course_audiences',
      'course_outcomes',
      'courses',
      'provider_admins',
      'providers',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
