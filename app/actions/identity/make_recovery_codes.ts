import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import { hashRecoveryCode, newRecoveryCodes } from '#services/two_step'
import { sqlStamp } from '#services/password_links'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { AuditActions } from '#enums/audit_actions'
import { DateTime } from 'luxon'
import { confirmPasswordOrCode, type ConfirmResult } from '#actions/identity/turn_off_two_step'

/*
 * Gives a person a new set of recovery codes in place of any they had,
 * inside the caller's transaction. Only hashes are stored: the codes are
 * returned to be shown once.
 */
export async function replaceRecoveryCodes(userId: number, trx: TransactionClientContract) {
  const codes = newRecoveryCodes()
  const at = sqlStamp(DateTime.now())
  await trx.from('recovery_codes').where('user_id', userId).delete()
  await trx
    .table('recovery_codes')
    .multiInsert(
      codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(code), created_at: at }))
    )
  return codes
}

export type MakeRecoveryCodesResult =
  { type: 'made'; codes: string[] } | Exclude<ConfirmResult, { type: 'confirmed' }>

/*
 * "Make new recovery codes": the old ones stop working at once, for
 * someone who has used some, lost them or thinks they were seen. The
 * person shows it is them first (password or code), so a session left
 * open somewhere cannot be used to take a set of codes away.
 */
export async function makeRecoveryCodes(
  user: User,
  passwordOrCode: string,
  ip: string
): Promise<MakeRecoveryCodesResult> {
  const confirmed = await confirmPasswordOrCode(user, passwordOrCode, ip)
  if (confirmed.type !== 'confirmed') return confirmed
  const codes = await db.transaction(async (trx) => {
    const made = await replaceRecoveryCodes(user.id, trx)
    await recordOwnAccountEvent(
      user,
      AuditActions.RecoveryCodesMade,
      { recoveryCodes: made.length },
      trx
    )
    return made
  })
  return { type: 'made', codes }
}

/* How many of a person's recovery codes are still unused. */
export async function recoveryCodesLeft(userId: number) {
  const row = await db
    .from('recovery_codes')
    .where('user_id', userId)
    .whereNull('used_at')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
