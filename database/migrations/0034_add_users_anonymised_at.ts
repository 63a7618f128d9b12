import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * When a person's personal data was replaced by placeholders (a leaver
 * past their keeping time, or someone added in error): such a person is
 * never anonymised twice, and pages can say so. The day they left is
 * `deactivated_at`, set when they are deactivated or marked as left.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.dateTime('anonymised_at').nullable()
      table.index(['deactivated_at'])
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropIndex(['deactivated_at'])
      table.dropColumn('anonymised_at')
    })
  }
}
