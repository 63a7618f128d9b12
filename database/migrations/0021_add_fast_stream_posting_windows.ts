import { BaseSchema } from '@adonisjs/lucid/schema'
import { DateTime } from 'luxon'
import { addMonths, POSTING_MONTHS } from '#domain/fast_stream/postings'

/*
 * A placement round's posting window: the dates its postings run, which
 * its placements start within and publishing writes into each posting.
 * Rounds already made get the window their placements imply: from the
 * earliest placement start (else the day after results) for six months.
 *
 * With it, two records of the matching: why the Fast Stream team moved
 * an entrant by hand, and when an entrant was reminded to submit a list
 * they started (once per round).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('placement_rounds', (table) => {
      table.date('posting_starts_on').nullable()
      table.date('posting_ends_on').nullable()
    })
    this.schema.alterTable('placement_matches', (table) => {
      table.text('adjusted_reason').nullable()
    })
    this.schema.alterTable('placement_shortlists', (table) => {
      table.timestamp('reminded_at').nullable()
    })

    this.defer(async (db) => {
      const rounds = await db
        .from('placement_rounds as r')
        .select('r.id', 'r.results_at')
        .select(
          db
            .from('placements as p')
            .whereColumn('p.round_id', 'r.id')
            .min('p.starts_on')
            .as('first')
        )
      for (const round of rounds) {
        const start = round.first
          ? isoDay(round.first)
          : DateTime.fromISO(isoDay(round.results_at)).plus({ days: 1 }).toISODate()!
        await db
          .from('placement_rounds')
          .where('id', round.id)
          .update({ posting_starts_on: start, posting_ends_on: addMonths(start, POSTING_MONTHS) })
      }
    })
  }

  async down() {
    this.schema.alterTable('placement_shortlists', (table) => {
      table.dropColumn('reminded_at')
    })
    this.schema.alterTable('placement_matches', (table) => {
      table.dropColumn('adjusted_reason')
    })
    this.schema.alterTable('placement_rounds', (table) => {
      table.dropColumn('posting_starts_on')
      table.dropColumn('posting_ends_on')
    })
  }
}

/* A date or timestamp column as yyyy-mm-dd, whichever driver read it. */
function isoDay(value: unknown) {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).slice(0, 10)
}
