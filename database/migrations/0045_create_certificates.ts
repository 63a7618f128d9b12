import { BaseSchema } from '@adonisjs/lucid/schema'
import { issueMissingCertificates } from '#actions/learning/issue_missing_certificates'

/*
 * Certificates: one for each course completed on a learning record, with
 * a verification code anyone can check it by on a public page. valid_until
 * is the last day the completion counts (courses.validity_months), null
 * when it does not expire. A certificate is never deleted or changed but
 * by revocation, which keeps who revoked it, when and why.
 *
 * Completions recorded before this migration get their certificates here.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('certificates', (table) => {
      table.increments('id')
      table
        .integer('learning_record_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('learning_records')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('course_id').unsigned().notNullable().references('id').inTable('courses')
      // 12 characters of an unambiguous alphabet, in capitals, without hyphens.
      table.string('code', 12).notNullable().unique()
      table.dateTime('issued_at').notNullable()
      table.date('valid_until').nullable()
      table.dateTime('revoked_at').nullable()
      table
        .integer('revoked_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.text('revocation_reason').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['user_id'])
      table.index(['course_id'])
    })

    this.defer(async (db) => {
      await issueMissingCertificates(db)
    })
  }

  async down() {
    this.schema.dropTable('certificates')
  }
}
