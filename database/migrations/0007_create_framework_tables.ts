import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('role_families', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable().unique()
      table.text('description').nullable()
      table.integer('position').unsigned().notNullable().defaultTo(0)
      table.timestamp('retired_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('role_profiles', (table) => {
      table.increments('id')
      table
        .integer('role_family_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_families')
      table.string('name', 200).notNullable()
      table.text('description').nullable()
      table.timestamp('retired_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['role_family_id', 'name'])
    })

    this.schema.createTable('role_levels', (table) => {
      table.increments('id')
      table
        .integer('role_profile_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_profiles')
      table.string('name', 200).notNullable()
      table.text('description').nullable()
      table.integer('position').unsigned().notNullable().defaultTo(0)
      table.string('typical_grades', 64).nullable()
      table.timestamp('retired_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['role_profile_id', 'name'])
    })

    this.schema.createTable('skills', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable().unique()
      table.string('category', 64).notNullable()
      table.text('description').nullable()
      table.timestamp('retired_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['category'])
    })

    this.schema.createTable('skill_level_descriptors', (table) => {
      table.increments('id')
      table
        .integer('skill_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('skills')
        .onDelete('CASCADE')
      table.tinyint('level').unsigned().notNullable()
      table.text('descriptor').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['skill_id', 'level'])
    })

    this.schema.createTable('role_requirements', (table) => {
      table.increments('id')
      table
        .integer('role_level_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('role_levels')
      table.integer('skill_id').unsigned().notNullable().references('id').inTable('skills')
      table.tinyint('level').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['role_level_id', 'skill_id'])
      table.index(['skill_id', 'level'])
    })
  }

  async down() {
    this.schema.dropTable('role_requirements')
    this.schema.dropTable('skill_level_descriptors')
    this.schema.dropTable('skills')
    this.schema.dropTable('role_levels')
    this.schema.dropTable('role_profiles')
    this.schema.dropTable('role_families')
  }
}
