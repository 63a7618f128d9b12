import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Fast Stream: schemes and cohorts, entrants with their posting history,
 * placement rounds, the placements teams offer in a round, entrants'
 * ranked choices, teams' rankings of their applicants, and the matches.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('fast_stream_schemes', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable().unique()
      table.text('description').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('fast_stream_cohorts', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable().unique()
      table.smallint('intake_year').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['intake_year'])
    })

    this.schema.createTable('fast_stream_entrants', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('scheme_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('fast_stream_schemes')
      table
        .integer('cohort_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('fast_stream_cohorts')
      // BPSS < CTC < SC < DV
      table.string('clearance', 8).notNullable()
      // Places the entrant would work, comma-separated, most wanted first.
      table.string('location_preferences', 255).nullable()
      // The day the entrant joined the scheme; the digital rule counts two years from it.
      table.date('started_on').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['cohort_id', 'scheme_id'])
    })

    this.schema.createTable('placement_rounds', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable().unique()
      // open → closed → matched → published
      table.string('status', 16).notNullable()
      table.timestamp('placements_open_at').notNullable()
      table.timestamp('preferences_open_at').notNullable()
      table.timestamp('preferences_close_at').notNullable()
      table.timestamp('results_at').notNullable()
      // The start of the round after this one: an entrant whose two-year mark falls before it must go digital now.
      table.date('next_round_on').nullable()
      table.tinyint('max_preferences').unsigned().notNullable().defaultTo(10)
      table.boolean('exclude_previous_departments').notNullable().defaultTo(true)
      table.boolean('enforce_digital').notNullable().defaultTo(true)
      table.timestamp('matched_at').nullable()
      table.timestamp('published_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status'])
    })

    this.schema.createTable('placements', (table) => {
      table.increments('id')
      table
        .integer('round_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placement_rounds')
      table.integer('team_id').unsigned().notNullable().references('id').inTable('teams')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table
        .integer('offered_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('title', 200).notNullable()
      table.string('location', 120).notNullable()
      table.text('description').notNullable()
      table.string('clearance_required', 8).notNullable()
      table.boolean('is_digital').notNullable().defaultTo(true)
      table.smallint('capacity').unsigned().notNullable()
      table.date('starts_on').notNullable()
      // offered → approved or rejected; withdrawn by the team
      table.string('status', 16).notNullable()
      table.text('review_note').nullable()
      table
        .integer('reviewed_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('reviewed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['round_id', 'status'])
      table.index(['organisation_id'])
      table.index(['team_id'])
    })

    this.schema.createTable('placement_skills', (table) => {
      table
        .integer('placement_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placements')
        .onDelete('CASCADE')
      table.integer('skill_id').unsigned().notNullable().references('id').inTable('skills')
      table.primary(['placement_id', 'skill_id'])
      table.index(['skill_id'])
    })

    // An entrant's shortlist for a round, submitted or not yet.
    this.schema.createTable('placement_shortlists', (table) => {
      table.increments('id')
      table
        .integer('round_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placement_rounds')
      table
        .integer('entrant_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('fast_stream_entrants')
        .onDelete('CASCADE')
      table.timestamp('submitted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['round_id', 'entrant_id'])
    })

    // The placements on a shortlist, most wanted first (rank 1).
    this.schema.createTable('placement_preferences', (table) => {
      table.bigIncrements('id')
      table
        .integer('shortlist_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placement_shortlists')
        .onDelete('CASCADE')
      table
        .integer('placement_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placements')
        .onDelete('CASCADE')
      table.tinyint('rank').unsigned().notNullable()
      table.unique(['shortlist_id', 'placement_id'])
      table.index(['placement_id'])
    })

    // A team's ranking of the entrants who chose its placement, best first (rank 1).
    this.schema.createTable('placement_rankings', (table) => {
      table.bigIncrements('id')
      table
        .integer('placement_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placements')
        .onDelete('CASCADE')
      table
        .integer('entrant_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('fast_stream_entrants')
        .onDelete('CASCADE')
      table.smallint('rank').unsigned().notNullable()
      table.unique(['placement_id', 'entrant_id'])
    })

    // The result of a round: one row per entrant, with the placement or why none.
    this.schema.createTable('placement_matches', (table) => {
      table.bigIncrements('id')
      table
        .integer('round_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('placement_rounds')
        .onDelete('CASCADE')
      table
        .integer('entrant_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('fast_stream_entrants')
        .onDelete('CASCADE')
      table
        .integer('placement_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('placements')
        .onDelete('SET NULL')
      // Which of the entrant's choices it is (1 = first), null when unmatched or placed by hand off their list.
      table.tinyint('choice').unsigned().nullable()
      table.string('unmatched_code', 32).nullable()
      table.text('unmatched_reason').nullable()
      table
        .integer('adjusted_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('adjusted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['round_id', 'entrant_id'])
      table.index(['placement_id'])
    })

    // Postings: the entrant's history, from a published match or recorded by the Fast Stream team.
    this.schema.createTable('fast_stream_postings', (table) => {
      table.increments('id')
      table
        .integer('entrant_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('fast_stream_entrants')
        .onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organisations')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.string('team_name', 200).nullable()
      table.string('title', 200).notNullable()
      table.date('starts_on').notNullable()
      table.date('ends_on').nullable()
      table.boolean('is_digital').notNullable().defaultTo(false)
      table
        .integer('placement_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('placements')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['entrant_id', 'starts_on'])
      table.unique(['entrant_id', 'placement_id'])
    })
  }

  async down() {
    for (const table of [
      'fast_stream_postings',
      'placement_matches',
      'placement_rankings',
      'placement_preferences',
      'placement_shortlists',
      'placement_skills',
      'placements',
      'placement_rounds',
      'fast_stream_entrants',
      'fast_stream_cohorts',
      'fast_stream_schemes',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
