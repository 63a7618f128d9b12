import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import CourseModule from '#models/course_module'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import type { ModuleProgressStatus, ModuleSuccess } from '#enums/learning'

/* Where one self-paced enrolment stands in one module of the course. */
export default class ModuleProgress extends AuditedModel {
  static table = 'module_progress'
  static auditSubjectType = 'module_progress'

  @column()
  declare selfPacedEnrolmentId: number

  @column()
  declare moduleId: number

  @column()
  declare status: ModuleProgressStatus

  /* Passed, failed or unknown, when an e-learning package reports it. */
  @column()
  declare success: ModuleSuccess | null

  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare score: number | null

  /* Where the learner was in an e-learning package, for it to resume from. */
  @column()
  declare lessonLocation: string | null

  /* What an e-learning package keeps between sessions, as it gave it. */
  @column()
  declare suspendData: string | null

  /* Seconds spent in an e-learning package, over every session. */
  @column()
  declare totalSeconds: number

  @column.dateTime()
  declare lastActivityAt: DateTime | null

  @column.dateTime()
  declare completedAt: DateTime | null

  @belongsTo(() => SelfPacedEnrolment)
  declare selfPacedEnrolment: BelongsTo<typeof SelfPacedEnrolment>

  @belongsTo(() => CourseModule, { foreignKey: 'moduleId' })
  declare module: BelongsTo<typeof CourseModule>

  /* Progress is filed under the learner's organisation, as their enrolment is. */
  async auditOrganisationId(): Promise<number | null> {
    const client = this.$trx ?? ModuleProgress.query().client
    const row = await client
      .from('self_paced_enrolments')
      .join('users', 'users.id', 'self_paced_enrolments.user_id')
      .where('self_paced_enrolments.id', this.selfPacedEnrolmentId)
      .select('users.organisation_id')
      .first()
    return row?.organisation_id ?? null
  }
}
