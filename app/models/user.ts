import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import { AccessTokensProvider } from '#models/access_tokens_provider'
import Organisation from '#models/organisation'
import Team from '#models/team'
import UserRole from '#models/user_role'
import { Roles, type Role } from '#enums/roles'
import type { Grade } from '#enums/grades'
import type { Profession } from '#enums/professions'
import type { Programme } from '#domain/fast_stream/programmes'
import type { StandingsTarget } from '#domain/capability/standings'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(OrganisationOwnedModel, AuthFinder) {
  static auditSubjectType = 'user'

  /* Moving to another organisation, leaving or coming back moves where, and whether, a person is counted. */
  standingsAffected(action: string, changed: string[]): StandingsTarget | null {
    if (action !== 'update') return null
    if (!changed.some((key) => key === 'organisationId' || key === 'deactivatedAt')) return null
    return { userIds: [this.id] }
  }

  @column()
  declare fullName: string

  @column()
  declare email: string

  /* Null for people added by a staff import until a password is set for them. */
  @column({ serializeAs: null })
  declare password: string | null

  @column()
  declare teamId: number | null

  @column()
  declare grade: Grade | null

  @column()
  declare profession: Profession | null

  @column()
  declare lineManagerId: number | null

  @column.dateTime()
  declare deactivatedAt: DateTime | null

  @column.dateTime()
  declare lastSignedInAt: DateTime | null

  /* When their personal data was replaced by placeholders (app/actions/identity/anonymise_person.ts). */
  @column.dateTime()
  declare anonymisedAt: DateTime | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => Team)
  declare team: BelongsTo<typeof Team>

  @belongsTo(() => User, { foreignKey: 'lineManagerId' })
  declare lineManager: BelongsTo<typeof User>

  @hasMany(() => User, { foreignKey: 'lineManagerId' })
  declare directReports: HasMany<typeof User>

  @hasMany(() => UserRole)
  declare roles: HasMany<typeof UserRole>

  static accessTokens = new AccessTokensProvider({
    tokenableModel: User,
    table: 'auth_access_tokens',
    type: 'api_token',
    prefix: 'dcs_',
    expiresIn: '90 days',
  })

  /* Set per request by the identity middleware: whether anyone reports to this user. */
  declare isLineManager: boolean | undefined

  /* Set per request by the identity middleware: whether they manage any provider's courses. */
  declare administersCourses: boolean | undefined

  /* Set per request by the identity middleware: whether they are an entrant (of either programme). */
  declare isFastStreamEntrant: boolean | undefined

  /* Set per request by the identity middleware: the programme they are an entrant of, or null. */
  declare entrantProgramme: Programme | null | undefined

  /* Without a password nobody can sign in as this person; the hash still runs, so timing tells nothing. */
  async verifyPassword(plainPassword: string) {
    if (!this.password) {
      await hash.use('scrypt').make(plainPassword)
      return false
    }
    return super.verifyPassword(plainPassword)
  }

  get isActive() {
    return this.deactivatedAt === null
  }

  /* Set with the identity: the names of the roles held, read with the person (app/services/identity.ts). */
  declare identityRoles: Role[] | undefined

  /* Role names: read with the identity, else from the preloaded roles relation. */
  get roleNames(): Role[] {
    return this.identityRoles ?? (this.roles ?? []).map((row) => row.role)
  }

  hasRole(...roles: Role[]) {
    const held = this.roleNames
    return roles.some((role) => held.includes(role))
  }

  get isCapabilityAdmin() {
    return this.hasRole(Roles.CapabilityAdmin)
  }

  auditLabel() {
    return this.email
  }
}
