import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The revision of a session's calendar invitation (SEQUENCE in RFC 5545).
 * It goes up each time the session's time or place changes, so the updated
 * invitation sent to booked learners replaces the entry in their calendar
 * rather than being ignored as older or added beside it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('course_sessions', (table) => {
      table.integer('invite_sequence').unsigned().notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable('course_sessions', (table) => {
      table.dropColumn('invite_sequence')
    })
  }
}
