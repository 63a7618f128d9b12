import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Nomination: a line manager or HR books people onto a session (or a
 * self-paced course) on their behalf. An enrolment records who nominated
 * the person. A nomination keeps what happened to each person it named,
 * in the order they were given, so its result page can be read again
 * without nominating anyone twice: the person (or, for an address that
 * matched nobody, the address as entered), the outcome, and the
 * enrolment it made or found.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('enrolments', (table) => {
      table
        .integer('nominated_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
    })
    this.schema.createTable('nominations', (table) => {
      table.increments('id')
      table
        .integer('nominated_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('course_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('courses')
        .onDelete('CASCADE')
      // Null for a self-paced course.
      table
        .integer('session_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('course_sessions')
        .onDelete('CASCADE')
      // person, reports, team, selection, csv or api.
      table.string('source', 16).notNullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['nominated_by', 'created_at'])
    })
    this.schema.createTable('nomination_people', (table) => {
      table.increments('id')
      table
        .integer('nomination_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('nominations')
        .onDelete('CASCADE')
      // 1, 2, 3… in the order given (a CSV's line for a file).
      table.integer('position').unsigned().notNullable()
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      // Only for an address that matched nobody the nominator may book.
      table.string('entered', 320).nullable()
      // booked, waitlisted, requested, started, or why not.
      table.string('outcome', 32).notNullable()
      table.integer('enrolment_id').unsigned().nullable()
      table.integer('waitlist_position').unsigned().nullable()
      table.index(['nomination_id', 'position'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('nomination_people')
    this.schema.dropTable('nominations')
    this.schema.alterTable('enrolments', (table) => {
      table.dropForeign(['nominated_by'])
      table.dropColumn('nominated_by')
    })
  }
}
