import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Large CSV exports: what a person asked for (the kind of list and its
 * filters), the queued job's progress, and the file it wrote, kept until
 * it expires and the prune command removes it.
 */
export default class extends BaseSchema {
  protected tableName = 'exports'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('kind', 32).notNullable()
      // The list's filters as the page's query string gave them, read again by the job.
      table.text('filters').notNullable()
      // queued, running, done or failed.
      table.string('status', 16).notNullable()
      table.integer('rows_done').unsigned().notNullable().defaultTo(0)
      table.integer('rows_total').unsigned().notNullable().defaultTo(0)
      // The file under the exports folder, once written.
      table.string('file_name', 255).nullable()
      table.text('error').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.timestamp('finished_at').nullable()
      table.timestamp('expires_at').nullable()
      table.index(['user_id', 'created_at'])
      table.index(['expires_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
