import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'organisations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 200).notNullable()
      table.string('type', 32).notNullable()
      table.integer('parent_id').unsigned().nullable().references('id').inTable('organisations')
      // Materialised path of ancestor ids ("/1/7/"), so a subtree is one indexed LIKE.
      table.string('path', 255).notNullable().defaultTo('/')
      table.integer('depth').unsigned().notNullable().defaultTo(0)
      table.boolean('is_transactional').notNullable().defaultTo(false)
      table.timestamp('retired_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['path'])
      table.index(['parent_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
