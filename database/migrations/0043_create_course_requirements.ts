import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Required learning: a course required of an audience (an organisation and
 * the organisations below it, some grades, a profession, a role profile, or
 * people picked by hand), due on a fixed day or a number of days after
 * joining the audience, and again every so many months when it recurs. A
 * requirement set by department HR (scope_organisation_id) applies only to
 * people in that organisation's tree; one set by a capability admin, to
 * everyone in the audience. Withdrawing keeps the row. The reminders sent
 * are kept, one per person, due day and kind, so a reminder run never sends
 * one twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('course_requirements', (table) => {
      table.increments('id')
      table.integer('course_id').unsigned().notNullable().references('id').inTable('courses')
      // organisation, grade, profession, role_profile or people.
      table.string('audience_kind', 16).notNullable()
      table
        .integer('organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
      // Grades joined by commas, lowest first: "SCS1,SCS2,SCS3,SCS4".
      table.string('grades', 64).nullable()
      table.string('profession', 48).nullable()
      table
        .integer('role_profile_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('role_profiles')
      // fixed (due_on) or after_joining (due_days).
      table.string('due_kind', 16).notNullable()
      table.date('due_on').nullable()
      table.smallint('due_days').unsigned().nullable()
      table.smallint('recurrence_months').unsigned().nullable()
      // Department HR's organisation when they set it; null for everyone.
      table
        .integer('scope_organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
      table
        .integer('created_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.dateTime('withdrawn_at').nullable()
      table
        .integer('withdrawn_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['withdrawn_at', 'scope_organisation_id'])
      table.index(['course_id'])
    })

    this.schema.createTable('course_requirement_people', (table) => {
      table.increments('id')
      table
        .integer('requirement_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('course_requirements')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.dateTime('created_at').notNullable()
      table.unique(['requirement_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('course_requirement_reminders', (table) => {
      table.increments('id')
      table
        .integer('requirement_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('course_requirements')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.date('due_on').notNullable()
      // before, on or after the due day.
      table.string('kind', 8).notNullable()
      table.dateTime('sent_at').notNullable()
      table.unique(['requirement_id', 'user_id', 'due_on', 'kind'], {
        indexName: 'course_requirement_reminders_once',
      })
      table.index(['user_id'])
    })

    // Each person's latest completion of one course, for the compliance counts.
    this.schema.alterTable('learning_records', (table) => {
      table.index(
        ['course_id', 'user_id', 'completed_on'],
        'learning_records_course_user_completed'
      )
    })
  }

  async down() {
    this.schema.alterTable('learning_records', (table) => {
      // MySQL's course_id foreign key took this index for its own: it needs one back first.
      if (this.db.dialect.name === 'mysql') table.index(['course_id'])
      table.dropIndex(
        ['course_id', 'user_id', 'completed_on'],
        'learning_records_course_user_completed'
      )
    })
    this.schema.dropTable('course_requirement_reminders')
    this.schema.dropTable('course_requirement_people')
    this.schema.dropTable('course_requirements')
  }
}
