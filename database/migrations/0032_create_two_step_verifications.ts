import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Two-step verification for people who sign in with a password: the
 * authenticator app's secret, encrypted with the application's key, and
 * the last time step a code was accepted for, so no code works twice.
 * A row without confirmed_at is a set-up not yet confirmed with a code.
 * Recovery codes stand in for the app once each; only hashes are kept.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('two_step_verifications', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.text('secret').notNullable()
      table.dateTime('confirmed_at').nullable()
      // RFC 6238's T: 30-second steps since 1970, about 59 million today.
      table.bigInteger('last_used_step').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
    })

    this.schema.createTable('recovery_codes', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('code_hash', 64).notNullable()
      table.dateTime('used_at').nullable()
      table.dateTime('created_at').notNullable()
      table.index(['user_id', 'code_hash'])
    })
  }

  async down() {
    this.schema.dropTable('recovery_codes')
    this.schema.dropTable('two_step_verifications')
  }
}
