import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'

/* How often a token's "last used" time is written: the profile page shows the day. */
const LAST_USED_EVERY_MS = 60_000

/*
 * API tokens kept in the database, as the auth package keeps them, with
 * two differences in checking one. The secret is checked before anything
 * is written, so a made-up token for a real id changes nothing; and the
 * time it was last used is written at most once a minute, not on every
 * request, so a busy API client does not make every read a write.
 */
export class AccessTokensProvider<Model extends LucidModel> extends DbAccessTokensProvider<Model> {
  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    const row = await db
      .query()
      .from(this.table)
      .where({ id: decoded.identifier, type: this.type })
      .limit(1)
      .first()
    if (!row) return null
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null

    const now = new Date()
    const last = token.lastUsedAt ? new Date(token.lastUsedAt).getTime() : 0
    if (now.getTime() - last >= LAST_USED_EVERY_MS) {
      await db.from(this.table).where({ id: row.id, type: this.type }).update({ last_used_at: now })
      token.lastUsedAt = now
    }
    return token
  }
}
