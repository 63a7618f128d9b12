import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Courses that reach everyone: a course is delivered either in scheduled
 * sessions with seats or self-paced online, started at any time with no
 * limit on places. A course may say for how many months a completion stays
 * valid (a refresher is due after that). A self-paced enrolment is one
 * person's run through a self-paced course, from starting to completing;
 * while it is in progress active_course_id holds the course, so a person
 * has at most one run of a course under way, and may take it again once a
 * completion has expired.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('courses', (table) => {
      // scheduled or self_paced.
      table.string('delivery', 16).notNullable().defaultTo('scheduled')
      table.smallint('validity_months').unsigned().nullable()
    })
    this.schema.createTable('self_paced_enrolments', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('course_id').unsigned().notNullable().references('id').inTable('courses')
      // in_progress, completed or withdrawn.
      table.string('status', 16).notNullable()
      table.integer('active_course_id').unsigned().nullable()
      table.dateTime('started_at').notNullable()
      table.dateTime('completed_at').nullable()
      table
        .integer('nominated_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['user_id', 'active_course_id'])
      table.index(['course_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable('self_paced_enrolments')
    this.schema.alterTable('courses', (table) => {
      table.dropColumn('validity_months')
      table.dropColumn('delivery')
    })
  }
}
