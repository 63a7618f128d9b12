import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Indexes the HTTP benchmark showed the dashboards need at the size of
 * the whole civil service (docs/performance.md, "HTTP pages and API
 * against a raw ceiling").
 *
 * enrolments (user_id, session_id, status): the learning dashboard counts
 * an organisation's enrolments on sessions in a period by walking from its
 * people to their enrolments. With (user_id, status) alone every enrolment
 * found is then read from the table for its session; with the session in
 * the index the walk never leaves it (EXPLAIN: "Using index"), which took
 * one department's count from about 34 s to about 2 s.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('enrolments', (table) => {
      table.index(['user_id', 'session_id', 'status'])
    })
  }

  async down() {
    this.schema.alterTable('enrolments', (table) => {
      table.dropIndex(['user_id', 'session_id', 'status'])
    })
  }
}
