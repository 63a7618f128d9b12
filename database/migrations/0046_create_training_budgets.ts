import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Training budgets and what bookings cost them (ADR 20). A budget is an
 * organisation's amount for one financial year (April to March, named by
 * the year it starts), in pence; changes are audited, so the audit trail
 * holds its history. A booking keeps the price it committed: an
 * enrolment's cost_pence is the course's cost when the place was asked
 * for, and a self-paced enrolment's when it was started, so a later
 * change of price does not move past figures. What is committed and spent
 * is counted from these rows when read; nothing else is stored.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('training_budgets', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      // The financial year by the year it starts: 2026 is April 2026 to March 2027.
      table.smallint('financial_year').unsigned().notNullable()
      table.bigInteger('amount_pence').unsigned().notNullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organisation_id', 'financial_year'])
      table.index(['financial_year'])
    })

    this.schema.alterTable('enrolments', (table) => {
      table.integer('cost_pence').unsigned().notNullable().defaultTo(0)
    })
    this.schema.alterTable('self_paced_enrolments', (table) => {
      table.integer('cost_pence').unsigned().notNullable().defaultTo(0)
    })
    // Bookings made before prices were kept take the course's cost today: the best there is.
    this.defer(async (db) => {
      await db.rawQuery(
        `update enrolments set cost_pence = coalesce((select c.cost_pence from course_sessions cs
           join courses c on c.id = cs.course_id where cs.id = enrolments.session_id), 0)`
      )
      await db.rawQuery(
        `update self_paced_enrolments set cost_pence = coalesce((select c.cost_pence from courses c
           where c.id = self_paced_enrolments.course_id), 0)`
      )
    })
  }

  async down() {
    this.schema.alterTable('self_paced_enrolments', (table) => {
      table.dropColumn('cost_pence')
    })
    this.schema.alterTable('enrolments', (table) => {
      table.dropColumn('cost_pence')
    })
    this.schema.dropTable('training_budgets')
  }
}
