import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Whether HR confirmed that the organisation's Digital Leader sits on its
 * board (strategy action 01). Set with the Digital Leader and cleared when
 * they change, so a confirmation never carries over to someone else.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.boolean('digital_leader_on_board').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('digital_leader_on_board')
    })
  }
}
