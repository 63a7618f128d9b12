import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Sessions kept on the server (config/session.ts, when they live in the
 * database): the signed data, the person the session belongs to, so all of
 * one person's sessions can be ended at once, and when it runs out. The
 * columns are the ones @adonisjs/session's database store reads and writes.
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 255).primary()
      table.text('data').notNullable()
      table.string('user_id', 32).nullable().index()
      table.dateTime('expires_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
