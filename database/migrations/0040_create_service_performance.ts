import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Strategy action 13: what each transactional service reports for each
 * period (a month or a calendar quarter, chosen per service), from which
 * its four indicators are worked out: transactions by channel and in all,
 * the total cost and what is known of each channel's (pence), answers on
 * the GOV.UK satisfaction scale, transactions started and completed, and a
 * note. One row per service and period; a correction changes the row and
 * counts a revision, and the audit trail keeps every earlier version. A
 * department may publish a service's indicators on a public page.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('services', (table) => {
      // monthly or quarterly.
      table.string('reporting_period', 16).notNullable().defaultTo('monthly')
      // The department publishes its four indicators and volumes on a public page.
      table.boolean('performance_published').notNullable().defaultTo(false)
    })
    this.schema.createTable('service_performance_reports', (table) => {
      table.increments('id')
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('services')
        .onDelete('CASCADE')
      // The first day of the period.
      table.date('period_start').notNullable()
      for (const channel of ['digital', 'assisted_digital', 'phone', 'paper', 'face_to_face']) {
        table.integer(`${channel}_transactions`).unsigned().notNullable()
        table.bigInteger(`${channel}_cost_pence`).unsigned().nullable()
      }
      table.integer('total_transactions').unsigned().notNullable()
      table.bigInteger('total_cost_pence').unsigned().notNullable()
      for (const answer of [
        'very_satisfied',
        'satisfied',
        'neither',
        'dissatisfied',
        'very_dissatisfied',
      ]) {
        table.integer(answer).unsigned().notNullable()
      }
      table.integer('started_transactions').unsigned().notNullable()
      table.integer('completed_transactions').unsigned().notNullable()
      table.text('notes').nullable()
      // 1 when first reported, one more for each correction.
      table.integer('revision').unsigned().notNullable().defaultTo(1)
      table
        .integer('reported_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['service_id', 'period_start'])
    })
  }

  async down() {
    this.schema.dropTable('service_performance_reports')
    this.schema.alterTable('services', (table) => {
      table.dropColumn('reporting_period')
      table.dropColumn('performance_published')
    })
  }
}
