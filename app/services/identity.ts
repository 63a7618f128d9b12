import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'

/*
 * Loads what every request needs to know about the signed-in user: their
 * roles and whether they line-manage anyone (two small indexed queries).
 */
export async function loadIdentity(user: User) {
  await user.load((loader) => loader.load('roles'))
  const report = await db.from('users').where('line_manager_id', user.id).select('id').first()
  user.isLineManager = Boolean(report)
}
