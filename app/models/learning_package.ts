import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import type { ScormVersion } from '#domain/learning/scorm_manifest'

/* An uploaded SCORM package of a self-paced course: what its manifest says and where its files are kept. */
export default class LearningPackage extends AuditedModel {
  static auditSubjectType = 'learning_package'

  @column()
  declare courseId: number

  @column()
  declare scormVersion: ScormVersion

  @column()
  declare title: string

  /* The first SCO's launch page, relative to the package's root. */
  @column()
  declare launchHref: string

  /* The package's own folder under the packages directory. */
  @column()
  declare storageKey: string

  @column({ consume: (value) => Number(value) })
  declare sizeBytes: number

  @column()
  declare fileCount: number

  @column()
  declare uploadedBy: number | null

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  auditLabel() {
    return this.title
  }
}
