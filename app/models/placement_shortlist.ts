import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

/*
 * An entrant's choices for a round. The ranked placements are rows of
 * placement_preferences; submittedAt is set when the entrant submits.
 */
export default class PlacementShortlist extends AuditedModel {
  static auditSubjectType = 'placement_shortlist'

  @column()
  declare roundId: number

  @column()
  declare entrantId: number

  @column.dateTime()
  declare submittedAt: DateTime | null

  /* When the entrant was reminded to submit the list before the deadline; once per round. */
  @column.dateTime()
  declare remindedAt: DateTime | null
}
