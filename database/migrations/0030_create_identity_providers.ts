import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Single sign-on with departments' own identity providers (OpenID
 * Connect): each provider, the e-mail domains it signs people in for (a
 * domain belongs to one provider), and the link between a person and their
 * account at a provider, made on their first sign-in through it. An
 * organisation marked single sign-on only has no password sign-in or
 * password reset for its people.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.boolean('sso_only').notNullable().defaultTo(false)
    })

    this.schema.createTable('identity_providers', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable()
      table.string('issuer', 500).notNullable()
      table.string('client_id', 255).notNullable()
      // Encrypted with the application's key: never shown or logged once saved.
      table.text('client_secret').notNullable()
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('RESTRICT')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('identity_provider_domains', (table) => {
      table.increments('id')
      table
        .integer('identity_provider_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('identity_providers')
        .onDelete('CASCADE')
      table.string('domain', 253).notNullable().unique()
      table.index(['identity_provider_id'])
    })

    this.schema.createTable('user_identities', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('identity_provider_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('identity_providers')
        .onDelete('CASCADE')
      table.string('subject', 255).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['identity_provider_id', 'subject'])
      table.unique(['user_id', 'identity_provider_id'])
    })
  }

  async down() {
    this.schema.dropTable('user_identities')
    this.schema.dropTable('identity_provider_domains')
    this.schema.dropTable('identity_providers')
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('sso_only')
    })
  }
}
