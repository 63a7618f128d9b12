import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'framework_imports'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('uploaded_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('file_name', 255).notNullable()
      table.text('content', 'longtext').notNullable()
      table.string('status', 16).notNullable()
      table.text('summary').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('applied_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
