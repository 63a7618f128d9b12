import db from '@adonisjs/lucid/services/db'
import { subtreeOf, type SelectedOrganisation } from '#queries/insights/rollup'

/* Campaigns still recruiting: neither filled nor closed. */
const FINISHED_STAGES = ['filled', 'closed']

type Grouping = 'role_profile' | 'organisation'

/*
 * The three grouped queries behind the headcount figures, each grouped by
 * role profile or by organisation (with its path, to roll up):
 * posts needed in the capability plans of a financial year, people in post
 * (a current role level in the profile, today) and posts in open campaigns.
 */
function headcountQueries(selected: SelectedOrganisation | null, year: number, by: Grouping) {
  const posts = db
    .from('plan_lines as l')
    .join('capability_plans as p', 'p.id', 'l.plan_id')
    .where('p.financial_year', year)
    .sum('l.posts_needed as value')
  // Active people with a current role level: one capability standing each.
  const inPost = db.from('capability_standings as cs').count('* as value')
  const recruiting = db
    .from('recruitment_campaigns as c')
    .whereNotIn('c.stage', FINISHED_STAGES)
    .sum('c.posts as value')

  const organisationColumns = [
    [posts, 'p.organisation_id'],
    [inPost, 'cs.organisation_id'],
    [recruiting, 'c.organisation_id'],
  ] as const
  const profileColumns = ['l.role_profile_id', 'cs.role_profile_id', 'c.role_profile_id']
  organisationColumns.forEach(([query, column], index) => {
    if (selected) query.whereIn(column, subtreeOf(selected))
    if (by === 'organisation') {
      query
        .join('organisations as o', 'o.id', column)
        .groupBy(column, 'o.path')
        .select(`${column} as group_key`, 'o.path')
    } else {
      query.groupBy(profileColumns[index]).select(`${profileColumns[index]} as group_key`)
    }
  })
  return { posts, inPost, recruiting }
}

export type HeadcountFigures = { postsNeeded: number; inPost: number; beingRecruited: number }

async function figuresBy(selected: SelectedOrganisation | null, year: number, by: Grouping) {
  const queries = headcountQueries(selected, year, by)
  const [posts, inPost, recruiting] = await Promise.all([
    queries.posts,
    queries.inPost,
    queries.recruiting,
  ])
  const figures = new Map<number, HeadcountFigures & { path: string }>()
  const add = (rows: any[], key: keyof HeadcountFigures) => {
    for (const row of rows) {
      const id = Number(row.group_key)
      const entry = figures.get(id) ?? {
        postsNeeded: 0,
        inPost: 0,
        beingRecruited: 0,
        path: String(row.path ?? '/'),
      }
      entry[key] += Number(row.value ?? 0)
      figures.set(id, entry)
    }
  }
  add(posts, 'postsNeeded')
  add(inPost, 'inPost')
  add(recruiting, 'beingRecruited')
  return figures
}

export type Headcount = {
  year: number
  total: HeadcountFigures
  byRoleProfile: Array<{ id: number; name: string; family: string } & HeadcountFigures>
}

/*
 * Headcount per role profile: posts needed in the plans of the financial
 * year, people in post today and posts in campaigns still recruiting.
 */
export async function headcount(
  selected: SelectedOrganisation | null,
  year: number
): Promise<Headcount> {
  const figures = await figuresBy(selected, year, 'role_profile')
  const ids = [...figures.keys()]
  const profiles = ids.length
    ? await db
        .from('role_profiles as rp')
        .join('role_families as f', 'f.id', 'rp.role_family_id')
        .whereIn('rp.id', ids)
        .select('rp.id', 'rp.name', 'f.name as family', 'f.position')
        .orderBy('f.position')
        .orderBy('f.name')
        .orderBy('rp.name')
    : []
  const total: HeadcountFigures = { postsNeeded: 0, inPost: 0, beingRecruited: 0 }
  const byRoleProfile = profiles.map((row) => {
    const { postsNeeded, inPost, beingRecruited } = figures.get(Number(row.id))!
    total.postsNeeded += postsNeeded
    total.inPost += inPost
    total.beingRecruited += beingRecruited
    return {
      id: Number(row.id),
      name: String(row.name),
      family: String(row.family),
      postsNeeded,
      inPost,
      beingRecruited,
    }
  })
  return { year, total, byRoleProfile }
}

/* The same three figures per organisation (with its path), for rolling up into departments. */
export async function headcountByOrganisation(selected: SelectedOrganisation | null, year: number) {
  const figures = await figuresBy(selected, year, 'organisation')
  return [...figures].map(([organisationId, entry]) => ({ organisationId, ...entry }))
}
