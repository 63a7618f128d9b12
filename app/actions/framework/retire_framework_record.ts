import { DateTime } from 'luxon'
import { saveChanges } from '#actions/transactions'
import type RoleFamily from '#models/role_family'
import type RoleProfile from '#models/role_profile'
import type RoleLevel from '#models/role_level'
import type Skill from '#models/skill'

export type RetirableRecord = RoleFamily | RoleProfile | RoleLevel | Skill

export type RetireResult =
  { type: 'retired' | 'restored' } | { type: 'already_retired' | 'already_live' }

/*
 * Retires a family, role, role level or skill: it is hidden from the
 * framework but kept, with everything that refers to it, so it can be
 * restored. Nothing in the framework is deleted. Retiring one record
 * retires nothing below it: a retired family is simply left off the
 * framework home, with its roles.
 */
export async function retireFrameworkRecord(record: RetirableRecord): Promise<RetireResult> {
  if (record.retiredAt) return { type: 'already_retired' }
  await saveChanges<RetirableRecord>(record, { retiredAt: DateTime.now() })
  return { type: 'retired' }
}

/* Brings a retired record back into the framework as it was. */
export async function restoreFrameworkRecord(record: RetirableRecord): Promise<RetireResult> {
  if (!record.retiredAt) return { type: 'already_live' }
  await saveChanges<RetirableRecord>(record, { retiredAt: null })
  return { type: 'restored' }
}
