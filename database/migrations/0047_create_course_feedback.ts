import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Course feedback: a learner's short evaluation of a course they attended
 * (an enrolment attended or completed) or completed self-paced, given once
 * per enrolment. The course and session are kept on the row so results per
 * course, per session and the catalogue's rating are aggregates over one
 * indexed table; the provider is read through the course. The learner is
 * kept for their own record and for anonymisation, never shown with the
 * results. Each course keeps a running count of its answers and the sum of
 * their overall ratings, so the catalogue reads a course's rating from the
 * course row at the same cost however many have answered (ADR 24).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('courses', (table) => {
      table.integer('feedback_answers').unsigned().notNullable().defaultTo(0)
      table.integer('feedback_overall_sum').unsigned().notNullable().defaultTo(0)
    })
    this.schema.createTable('course_feedback', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('course_id').unsigned().notNullable().references('id').inTable('courses')
      // The session attended; null for a self-paced course.
      table
        .integer('session_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('course_sessions')
        .onDelete('CASCADE')
      table
        .integer('enrolment_id')
        .unsigned()
        .nullable()
        .unique()
        .references('id')
        .inTable('enrolments')
        .onDelete('CASCADE')
      table
        .integer('self_paced_enrolment_id')
        .unsigned()
        .nullable()
        .unique()
        .references('id')
        .inTable('self_paced_enrolments')
        .onDelete('CASCADE')
      // 1 (very poor) to 5 (excellent).
      table.tinyint('overall_rating').unsigned().notNullable()
      // 1 (not at all relevant) to 5 (very relevant).
      table.tinyint('relevance_rating').unsigned().notNullable()
      table.boolean('would_recommend').notNullable()
      table.text('comments').nullable()
      table.dateTime('submitted_at').notNullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['course_id', 'overall_rating'])
      table.index(['session_id'])
    })
  }

  async down() {
    this.schema.dropTable('course_feedback')
    this.schema.alterTable('courses', (table) => {
      table.dropColumn('feedback_overall_sum')
      table.dropColumn('feedback_answers')
    })
  }
}
