import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * E-learning packages (SCORM 1.2 and SCORM 2004) uploaded to a self-paced
 * course: what the manifest says (version, title, the launch page) and
 * where the extracted files are kept (storage_key, a folder of its own
 * under the packages directory). A course module plays one package
 * through course_modules.package_id. A learner's place in a package is
 * kept on their module progress: the location and suspend data a package
 * resumes from, and the time spent in it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('learning_packages', (table) => {
      table.increments('id')
      table
        .integer('course_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('courses')
        .onDelete('CASCADE')
      // 1.2 or 2004.
      table.string('scorm_version', 8).notNullable()
      table.string('title', 200).notNullable()
      // The launch page of the first SCO, relative to the package's root, with its query if any.
      table.string('launch_href', 1000).notNullable()
      // The package's own folder under the packages directory.
      table.string('storage_key', 64).notNullable().unique()
      table.bigInteger('size_bytes').unsigned().notNullable()
      table.integer('file_count').unsigned().notNullable()
      table
        .integer('uploaded_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['course_id'])
    })
    this.schema.alterTable('module_progress', (table) => {
      // Where the learner was (1.2 cmi.core.lesson_location, 2004 cmi.location).
      table.string('lesson_location', 1000).nullable()
      // What the package keeps to resume from: up to 64,000 characters in SCORM 2004.
      table.text('suspend_data', 'mediumtext').nullable()
      // Seconds spent in the package, over every session.
      table.integer('total_seconds').unsigned().notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable('module_progress', (table) => {
      table.dropColumn('total_seconds')
      table.dropColumn('suspend_data')
      table.dropColumn('lesson_location')
    })
    this.schema.dropTable('learning_packages')
  }
}
