import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import FastStreamScheme from '#models/fast_stream_scheme'
import FastStreamCohort from '#models/fast_stream_cohort'
import FastStreamPosting from '#models/fast_stream_posting'
import type { Clearance } from '#enums/fast_stream'
import { PROGRAMME_RULES } from '#domain/fast_stream/programmes'

/*
 * A person on a scheme of the Fast Stream or the Future Leaders Scheme (a
 * Future Leader): their scheme, cohort, clearance and where they would work.
 */
export default class FastStreamEntrant extends UserOwnedModel {
  static auditSubjectType = 'fast_stream_entrant'

  @column()
  declare schemeId: number

  @column()
  declare cohortId: number

  @column()
  declare clearance: Clearance

  /* Comma-separated, most wanted first. */
  @column()
  declare locationPreferences: string | null

  @column.date()
  declare startedOn: DateTime

  @belongsTo(() => FastStreamScheme, { foreignKey: 'schemeId' })
  declare scheme: BelongsTo<typeof FastStreamScheme>

  @belongsTo(() => FastStreamCohort, { foreignKey: 'cohortId' })
  declare cohort: BelongsTo<typeof FastStreamCohort>

  @hasMany(() => FastStreamPosting, { foreignKey: 'entrantId' })
  declare postings: HasMany<typeof FastStreamPosting>

  get locations(): string[] {
    return (this.locationPreferences ?? '')
      .split(',')
      .map((place) => place.trim())
      .filter(Boolean)
  }

  /*
   * The day the programme's time for the digital placement runs out (the
   * Fast Stream's two-year mark, the end of the Future Leaders Scheme);
   * needs the scheme loaded.
   */
  get ruleDeadline(): DateTime {
    return this.startedOn.plus({ months: PROGRAMME_RULES[this.scheme.programme].ruleMonths })
  }
}
