import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * A self-paced course's content is its modules, taken in order: a link, a
 * document or a video at an https address, or an e-learning package
 * (package_id, whose table comes with the packages). A module may be
 * required for completion. Module progress is where one self-paced
 * enrolment stands in one module, with the success and score an
 * e-learning package reports. A learning record written by a self-paced
 * completion names the enrolment, once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('course_modules', (table) => {
      table.increments('id')
      table
        .integer('course_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('courses')
        .onDelete('CASCADE')
      // 1, 2, 3… in the order learners take them.
      table.integer('position').unsigned().notNullable()
      table.string('title', 200).notNullable()
      // link, document, video or scorm.
      table.string('kind', 16).notNullable()
      table.string('url', 500).nullable()
      table.boolean('required').notNullable().defaultTo(true)
      // The e-learning package of a scorm module.
      table.integer('package_id').unsigned().nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['course_id', 'position'])
    })
    this.schema.createTable('module_progress', (table) => {
      table.increments('id')
      table
        .integer('self_paced_enrolment_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('self_paced_enrolments')
        .onDelete('CASCADE')
      table
        .integer('module_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('course_modules')
        .onDelete('CASCADE')
      // not_started, in_progress or completed.
      table.string('status', 16).notNullable()
      // passed, failed or unknown, as a package reports it.
      table.string('success', 16).nullable()
      table.decimal('score', 7, 2).nullable()
      table.dateTime('last_activity_at').nullable()
      table.dateTime('completed_at').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['self_paced_enrolment_id', 'module_id'])
    })
    this.schema.alterTable('learning_records', (table) => {
      table
        .integer('self_paced_enrolment_id')
        .unsigned()
        .nullable()
        .unique()
        .references('id')
        .inTable('self_paced_enrolments')
    })
  }

  async down() {
    this.schema.alterTable('learning_records', (table) => {
      table.dropForeign(['self_paced_enrolment_id'])
      table.dropUnique(['self_paced_enrolment_id'])
      table.dropColumn('self_paced_enrolment_id')
    })
    this.schema.dropTable('module_progress')
    this.schema.dropTable('course_modules')
  }
}
