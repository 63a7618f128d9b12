import { BaseModel, column } from '@adonisjs/lucid/orm'

/* An e-mail domain an identity provider signs people in for; each domain has one provider. */
export default class IdentityProviderDomain extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare identityProviderId: number

  @column()
  declare domain: string
}
