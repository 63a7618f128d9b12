import { BaseSchema } from '@adonisjs/lucid/schema'
import { QueueSchemaService } from '@adonisjs/queue'

/*
 * Staff imports: an uploaded file of people, its rows as read and classified
 * (new, changed, unchanged or bad, with the reason), and the progress of the
 * queued work on it. People added by an import have no password until one
 * is set for them, so the column becomes nullable. The queue's own tables
 * serve the database queue driver.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('password', 255).nullable().alter()
    })

    this.schema.createTable('staff_imports', (table) => {
      table.increments('id')
      table
        .integer('uploaded_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      // The uploader's organisation when they are department HR; null for a capability admin.
      table
        .integer('scope_organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
      table.string('file_name', 255).notNullable()
      table.string('status', 16).notNullable()
      // The optional columns the file has: grade, profession, roleLevel, lineManager.
      table.string('present_columns', 64).notNullable().defaultTo('')
      table.integer('total_rows').unsigned().notNullable().defaultTo(0)
      table.integer('processed_rows').unsigned().notNullable().defaultTo(0)
      table.integer('new_rows').unsigned().notNullable().defaultTo(0)
      table.integer('changed_rows').unsigned().notNullable().defaultTo(0)
      table.integer('unchanged_rows').unsigned().notNullable().defaultTo(0)
      table.integer('bad_rows').unsigned().notNullable().defaultTo(0)
      table.integer('created_people').unsigned().notNullable().defaultTo(0)
      table.integer('updated_people').unsigned().notNullable().defaultTo(0)
      table.text('failure').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.timestamp('applied_at').nullable()
      table.index(['scope_organisation_id', 'created_at'])
    })

    this.schema.createTable('staff_import_rows', (table) => {
      // Cells as read (cut to 255 characters), checked again when the import is applied.
      table.bigIncrements('id')
      table
        .integer('staff_import_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('staff_imports')
        .onDelete('CASCADE')
      table.integer('line').unsigned().notNullable()
      table.string('email', 255).notNullable()
      table.string('full_name', 255).notNullable()
      table.string('organisation_code', 255).notNullable()
      table.string('grade', 255).notNullable()
      table.string('profession', 255).notNullable()
      table.string('role_level', 255).notNullable()
      table.string('line_manager_email', 255).notNullable()
      // new, changed, unchanged or bad; null until the rows are checked.
      table.string('outcome', 16).nullable()
      table.text('reason').nullable()
      table.string('changes', 255).nullable()
      table.index(['staff_import_id', 'outcome', 'line'])
      table.index(['staff_import_id', 'line'])
    })

    const queue = new QueueSchemaService(this.db.getWriteClient())
    await queue.createJobsTable()
    await queue.createSchedulesTable()
  }

  async down() {
    const queue = new QueueSchemaService(this.db.getWriteClient())
    await queue.dropSchedulesTable()
    await queue.dropJobsTable()
    this.schema.dropTable('staff_import_rows')
    this.schema.dropTable('staff_imports')
  }
}
