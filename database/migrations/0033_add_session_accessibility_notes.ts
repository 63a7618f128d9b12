import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * What a learner needs to know about getting into and around a session's
 * venue: step-free access, a hearing loop, the nearest accessible toilet.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('course_sessions', (table) => {
      table.string('accessibility_notes', 1000).nullable()
    })
  }

  async down() {
    this.schema.alterTable('course_sessions', (table) => {
      table.dropColumn('accessibility_notes')
    })
  }
}
