import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { RoleAssignmentKinds } from '#enums/capability'
import { latestAssessments } from '#queries/capability/skill_evidence_query'
import { CURRENT_LEVEL } from '#queries/capability/team_matrix_query'
import type { StandingsTarget } from '#domain/capability/standings'

/* Ids per statement when refreshing people by id: well inside every database's limits. */
const BATCH = 500

/*
 * Active people with a current role level and the requirements of that
 * level, with the latest validated (`m`) and self-assessed (`s`) level of
 * each required skill, for the people in `userIds` (or everyone).
 */
function requirementsOfPeople(client: QueryClientContract, userIds: number[] | null) {
  const query = client
    .from('users')
    .join('role_assignments as ra', (join) =>
      join.on('ra.user_id', 'users.id').andOnVal('ra.active_kind', RoleAssignmentKinds.Current)
    )
    .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
    .join('role_profiles as rp', 'rp.id', 'rl.role_profile_id')
    .whereNull('users.deactivated_at')
  if (userIds) query.whereIn('users.id', userIds)
  return query
}

function withLevels<Q extends ReturnType<typeof requirementsOfPeople>>(
  client: QueryClientContract,
  query: Q
) {
  return query
    .joinRaw(
      `left join (${latestAssessments('manager', client).toQuery()}) m on m.user_id = users.id and m.skill_id = rr.skill_id`
    )
    .joinRaw(
      `left join (${latestAssessments('self', client).toQuery()}) s on s.user_id = users.id and s.skill_id = rr.skill_id`
    )
}

/*
 * One row per person and skill category with a live requirement of their
 * role level: how many requirements, and how many they fall short of. The
 * heavy part (each requirement against the latest assessments) runs once,
 * here; the per-person totals are added up from these rows.
 */
function categoryRows(client: QueryClientContract, userIds: number[] | null) {
  const query = requirementsOfPeople(client, userIds)
    .join('role_requirements as rr', 'rr.role_level_id', 'ra.role_level_id')
    .join('skills as sk', 'sk.id', 'rr.skill_id')
    .whereNull('sk.retired_at')
  return withLevels(client, query)
    .groupBy('users.id', 'sk.category')
    .select('users.id', 'sk.category')
    .count('* as requirements')
    .select(client.raw(`sum(case when ${CURRENT_LEVEL} < rr.level then 1 else 0 end) as below`))
}

/* One row per person with a current role level: their totals over the categories (none for a level with no live requirement). */
function standingRows(client: QueryClientContract, userIds: number[] | null) {
  return requirementsOfPeople(client, userIds)
    .leftJoin('capability_standing_categories as sc', 'sc.user_id', 'users.id')
    .groupBy(
      'users.id',
      'users.organisation_id',
      'ra.role_level_id',
      'rl.role_profile_id',
      'rp.role_family_id'
    )
    .select(
      'users.id',
      'users.organisation_id',
      'ra.role_level_id',
      'rl.role_profile_id',
      'rp.role_family_id'
    )
    .select(client.raw('coalesce(sum(sc.requirements), 0) as requirements'))
    .select(client.raw('coalesce(sum(sc.below), 0) as below'))
}

async function refresh(client: QueryClientContract, userIds: number[] | null) {
  const categories = client.from('capability_standing_categories')
  const standings = client.from('capability_standings')
  if (userIds) {
    await categories.whereIn('user_id', userIds).delete()
    await standings.whereIn('user_id', userIds).delete()
  } else {
    await categories.delete()
    await standings.delete()
  }
  const category = categoryRows(client, userIds).toSQL()
  await client.rawQuery(
    `insert into capability_standing_categories (user_id, category, requirements, below) ${category.sql}`,
    [...category.bindings] as Array<string | number>
  )
  const standing = standingRows(client, userIds).toSQL()
  await client.rawQuery(
    `insert into capability_standings (user_id, organisation_id, role_level_id, role_profile_id, role_family_id, requirements, below) ${standing.sql}`,
    [...standing.bindings] as Array<string | number>
  )
}

/* The people a target names, found through their current role levels where it names framework records. */
async function peopleOf(target: Exclude<StandingsTarget, 'everyone'>, client: QueryClientContract) {
  const ids = new Set(target.userIds ?? [])
  const roleLevels = client
    .from('role_levels')
    .where((where) => {
      where.whereIn('id', target.roleLevelIds ?? [])
      if (target.roleProfileIds?.length) where.orWhereIn('role_profile_id', target.roleProfileIds)
      if (target.skillIds?.length) {
        where.orWhereIn(
          'id',
          client
            .from('role_requirements')
            .whereIn('skill_id', target.skillIds)
            .select('role_level_id')
        )
      }
    })
    .select('id')
  if (target.roleLevelIds?.length || target.roleProfileIds?.length || target.skillIds?.length) {
    const holders = await client
      .from('role_assignments')
      .where('active_kind', RoleAssignmentKinds.Current)
      .whereIn('role_level_id', roleLevels)
      .select('user_id')
    for (const row of holders) ids.add(Number(row.user_id))
  }
  return [...ids]
}

/*
 * Works the standings of the people a target names (or everyone) out again
 * from the live assessments, role levels and framework, with the client
 * given (the caller's transaction, when it passes one). Standings are
 * derived rows: they are not audited, the change that moved them is.
 */
export async function refreshStandings(
  target: StandingsTarget,
  client: QueryClientContract = db.connection()
) {
  if (target === 'everyone') {
    if (client.isTransaction) return refresh(client, null)
    return client.transaction((trx) => refresh(trx, null))
  }
  const ids = await peopleOf(target, client)
  for (let start = 0; start < ids.length; start += BATCH) {
    await refresh(client, ids.slice(start, start + BATCH))
  }
}

/* Targets gathered inside a transaction, refreshed together once it commits. */
const pending = new WeakMap<
  TransactionClientContract,
  Required<Exclude<StandingsTarget, 'everyone'>> | 'everyone'
>()

function merge(
  into: Required<Exclude<StandingsTarget, 'everyone'>>,
  target: Exclude<StandingsTarget, 'everyone'>
) {
  into.userIds.push(...(target.userIds ?? []))
  into.roleLevelIds.push(...(target.roleLevelIds ?? []))
  into.skillIds.push(...(target.skillIds ?? []))
  into.roleProfileIds.push(...(target.roleProfileIds ?? []))
}

/*
 * Says that a change moved some people's standings. Outside a transaction
 * they are worked out again at once; inside one, once for the whole
 * transaction when it commits (and not at all if it rolls back), so a form
 * that saves twenty assessments refreshes its person once.
 */
export async function standingsChanged(
  target: StandingsTarget,
  trx?: TransactionClientContract | null
) {
  if (!trx) return refreshStandings(target)
  const gathered = pending.get(trx)
  if (gathered === undefined) {
    const fresh = { userIds: [], roleLevelIds: [], skillIds: [], roleProfileIds: [] }
    pending.set(trx, target === 'everyone' ? 'everyone' : fresh)
    if (target !== 'everyone') merge(fresh, target)
    trx.after('commit', async () => {
      const whole = pending.get(trx)
      pending.delete(trx)
      if (whole) await refreshStandings(whole)
    })
    return
  }
  if (gathered === 'everyone') return
  if (target === 'everyone') pending.set(trx, 'everyone')
  else merge(gathered, target)
}
