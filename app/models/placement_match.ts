import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import FastStreamEntrant from '#models/fast_stream_entrant'
import Placement from '#models/placement'

/* Where a round's match put one entrant, or why nowhere. */
export default class PlacementMatch extends AuditedModel {
  static auditSubjectType = 'placement_match'

  @column()
  declare roundId: number

  @column()
  declare entrantId: number

  @column()
  declare placementId: number | null

  /* Which of the entrant's choices it is (1 = first); null when unmatched or placed off their list. */
  @column()
  declare choice: number | null

  @column()
  declare unmatchedCode: string | null

  @column()
  declare unmatchedReason: string | null

  @column()
  declare adjustedBy: number | null

  @column.dateTime()
  declare adjustedAt: DateTime | null

  /* Why the Fast Stream team moved the entrant by hand. */
  @column()
  declare adjustedReason: string | null

  @belongsTo(() => FastStreamEntrant, { foreignKey: 'entrantId' })
  declare entrant: BelongsTo<typeof FastStreamEntrant>

  @belongsTo(() => Placement)
  declare placement: BelongsTo<typeof Placement>
}
