import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import TimestampedModel from '#models/timestamped_model'
import Organisation from '#models/organisation'
import IdentityProviderDomain from '#models/identity_provider_domain'

/*
 * A department's own sign-in service (an OpenID Connect provider) that
 * signs its people in to this one. Its changes are audited by the action
 * that makes them (app/actions/identity/save_identity_provider.ts), which
 * never writes the client secret to the trail.
 */
export default class IdentityProvider extends TimestampedModel {
  static auditSubjectType = 'identity_provider'

  @column()
  declare name: string

  /* The issuer identifier: where its discovery document is found. */
  @column()
  declare issuer: string

  @column()
  declare clientId: string

  /* Encrypted with the application's key; never serialised. */
  @column({ serializeAs: null })
  declare clientSecret: string

  /* Where people it signs in for the first time are created. */
  @column()
  declare organisationId: number

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @hasMany(() => IdentityProviderDomain)
  declare domains: HasMany<typeof IdentityProviderDomain>
}
