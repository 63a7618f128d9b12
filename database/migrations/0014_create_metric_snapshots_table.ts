import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Dated snapshots of the key management-information measures, per
 * department (its whole tree) and for all of government, for trend lines.
 * Rows are only ever added: a snapshot never changes once written.
 */
export default class extends BaseSchema {
  protected tableName = 'metric_snapshots'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      // Null for all of government.
      table
        .integer('organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
      // The organisation id, or 0 for all of government: unique indexes treat nulls as distinct,
      // so this column is what keeps one all-of-government snapshot per measure and day.
      table.integer('organisation_key').unsigned().notNullable()
      table.string('measure', 48).notNullable()
      table.date('taken_on').notNullable()
      table.decimal('value', 14, 2).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['organisation_id', 'measure', 'taken_on'])
      table.unique(['organisation_key', 'measure', 'taken_on'])
      table.index(['organisation_key', 'taken_on'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
