import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Ways in for people without single sign-on. A password link is a
 * single-use link e-mailed to one person to set their password: an
 * invitation (7 days) or a password reset (1 hour). The link carries a
 * random selector, to find the row, and a random secret, of which only a
 * SHA-256 hash is kept. An invitation run is one request to invite many
 * people (everyone an import added, or everyone a people-list search
 * found), worked through in batches, with its progress and outcome.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('password_links', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      // invitation or reset.
      table.string('kind', 16).notNullable()
      table.string('selector', 32).notNullable().unique()
      table.string('secret_hash', 64).notNullable()
      table.dateTime('expires_at').notNullable()
      table.dateTime('used_at').nullable()
      // Withdrawn by HR, replaced by a newer link, or made pointless by another link being used.
      table.dateTime('revoked_at').nullable()
      table
        .integer('created_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.dateTime('created_at').notNullable()
      table.index(['user_id', 'kind'])
    })

    this.schema.createTable('invitation_runs', (table) => {
      table.increments('id')
      table
        .integer('requested_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      // The organisation whose tree the requester managed (null: a capability admin, everywhere).
      table
        .integer('scope_organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
        .onDelete('SET NULL')
      // Everyone this import added, or else everyone the people list's filters found.
      table
        .integer('staff_import_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('staff_imports')
        .onDelete('CASCADE')
      table.text('filters').nullable()
      // queued, sending, done or failed.
      table.string('status', 16).notNullable()
      table.integer('total').unsigned().notNullable().defaultTo(0)
      table.integer('processed').unsigned().notNullable().defaultTo(0)
      table.integer('invited').unsigned().notNullable().defaultTo(0)
      // Those not invited, by reason, as JSON: {"signed_in": 3, "already_invited": 1}.
      table.text('not_invited').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.dateTime('finished_at').nullable()
      table.index(['staff_import_id'])
      table.index(['scope_organisation_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('invitation_runs')
    this.schema.dropTable('password_links')
  }
}
