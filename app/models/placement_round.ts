import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { booleanColumn } from '#models/columns'
import AuditedModel from '#models/audited_model'
import { RoundStatuses, type RoundStatus } from '#enums/fast_stream'
import type { Rules } from '#domain/fast_stream/round'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'

/*
 * A placement round: teams offer placements from placementsOpenAt,
 * entrants rank them between preferencesOpenAt and preferencesCloseAt,
 * the Fast Stream team matches and publishes by resultsAt.
 */
export default class PlacementRound extends AuditedModel {
  static auditSubjectType = 'placement_round'

  @column()
  declare name: string

  @column()
  declare status: RoundStatus

  /* The programme whose participants the round places: fixed once the round is added. */
  @column()
  declare programme: Programme

  @column.dateTime()
  declare placementsOpenAt: DateTime

  @column.dateTime()
  declare preferencesOpenAt: DateTime

  @column.dateTime()
  declare preferencesCloseAt: DateTime

  @column.dateTime()
  declare resultsAt: DateTime

  @column.date()
  declare nextRoundOn: DateTime | null

  /* The first day of the round's postings; null only for a round made without one. */
  @column.date()
  declare postingStartsOn: DateTime | null

  /* The day the round's postings end: the next posting may start on it. */
  @column.date()
  declare postingEndsOn: DateTime | null

  @column()
  declare maxPreferences: number

  @booleanColumn()
  declare excludePreviousDepartments: boolean

  @booleanColumn()
  declare enforceDigital: boolean

  @column.dateTime()
  declare matchedAt: DateTime | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  get rules(): Rules {
    const { one, many } = programmeWords(this.programme)
    return {
      excludePreviousDepartments: this.excludePreviousDepartments,
      enforceDigital: this.enforceDigital,
      participant: { one, many },
    }
  }

  /* Whether teams may offer placements now. */
  offersOpen(now = DateTime.now()) {
    return (
      this.status === RoundStatuses.Open &&
      now >= this.placementsOpenAt &&
      now < this.preferencesCloseAt
    )
  }

  /* Whether entrants may change and submit their choices now. */
  preferencesOpen(now = DateTime.now()) {
    return (
      this.status === RoundStatuses.Open &&
      now >= this.preferencesOpenAt &&
      now < this.preferencesCloseAt
    )
  }

  /* The round's posting window as days (yyyy-mm-dd), or null when it has none. */
  get postingWindow(): { startsOn: string; endsOn: string } | null {
    if (!this.postingStartsOn || !this.postingEndsOn) return null
    return { startsOn: this.postingStartsOn.toISODate()!, endsOn: this.postingEndsOn.toISODate()! }
  }

  auditLabel() {
    return this.name
  }
}
