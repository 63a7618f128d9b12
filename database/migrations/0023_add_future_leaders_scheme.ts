import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The Future Leaders Scheme beside the Fast Stream (Digital Strategy
 * action 04): each scheme and each placement round belongs to one
 * programme (every existing one to the Fast Stream); a placement may name
 * the service of the register it works in (a Future Leaders placement
 * must); and HR say whether people can use a service through a digital
 * channel, which with its phase decides whether it is digitally delivered.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('fast_stream_schemes', (table) => {
      table.string('programme', 16).notNullable().defaultTo('fast_stream')
    })
    this.schema.alterTable('placement_rounds', (table) => {
      table.string('programme', 16).notNullable().defaultTo('fast_stream')
      table.index(['programme', 'status'])
    })
    this.schema.alterTable('services', (table) => {
      table.boolean('has_digital_channel').notNullable().defaultTo(false)
    })
    this.schema.alterTable('placements', (table) => {
      table.integer('service_id').unsigned().nullable().references('id').inTable('services')
      table.index(['service_id'])
    })
  }

  async down() {
    this.schema.alterTable('placements', (table) => {
      table.dropForeign(['service_id'])
      table.dropIndex(['service_id'])
      table.dropColumn('service_id')
    })
    this.schema.alterTable('services', (table) => {
      table.dropColumn('has_digital_channel')
    })
    this.schema.alterTable('placement_rounds', (table) => {
      table.dropIndex(['programme', 'status'])
      table.dropColumn('programme')
    })
    this.schema.alterTable('fast_stream_schemes', (table) => {
      table.dropColumn('programme')
    })
  }
}
