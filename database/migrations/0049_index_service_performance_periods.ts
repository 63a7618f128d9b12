import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Service performance across services reads one or two periods of every
 * service (the league table, a service beside its department's and similar
 * services' medians): found by the period's first day.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('service_performance_reports', (table) => {
      table.index(['period_start', 'service_id'])
    })
  }

  async down() {
    this.schema.alterTable('service_performance_reports', (table) => {
      table.dropIndex(['period_start', 'service_id'])
    })
  }
}
