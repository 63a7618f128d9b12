import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import type User from '#models/user'
import { Roles } from '#enums/roles'

type Root = { id: number; path: string }
type AnyQuery = DatabaseQueryBuilderContract<any> | ModelQueryBuilderContract<LucidModel, any>

const cache = new WeakMap<User, OrganisationScope>()

/*
 * The organisations a user may act on as an administrator: everything for a
 * capability admin, their own organisation's subtree for department HR,
 * nothing otherwise. Every scoped query and policy goes through it.
 */
export class OrganisationScope {
  constructor(
    readonly everything: boolean,
    readonly roots: Root[]
  ) {}

  static async forUser(user: User): Promise<OrganisationScope> {
    const cached = cache.get(user)
    if (cached) return cached
    let scope: OrganisationScope
    if (user.hasRole(Roles.CapabilityAdmin)) {
      scope = new OrganisationScope(true, [])
    } else if (user.hasRole(Roles.DepartmentHr)) {
      const root = await db
        .from('organisations')
        .where('id', user.organisationId)
        .select('id', 'path')
        .firstOrFail()
      scope = new OrganisationScope(false, [{ id: root.id, path: root.path }])
    } else {
      scope = new OrganisationScope(false, [])
    }
    cache.set(user, scope)
    return scope
  }

  get isEmpty() {
    return !this.everything && this.roots.length === 0
  }

  /* Restricts a query to rows whose organisation column lies in the scope. */
  apply<Q extends AnyQuery>(query: Q, column = 'organisation_id'): Q {
    if (this.everything) return query
    if (this.isEmpty) {
      query.whereRaw('1 = 0')
      return query
    }
    query.whereIn(column, this.organisationIdsQuery())
    return query
  }

  /* A subquery selecting the ids of every organisation in the scope. */
  organisationIdsQuery() {
    const query = db.from('organisations').select('id')
    if (this.everything) return query
    return query.where((where) => {
      if (this.roots.length === 0) where.whereRaw('1 = 0')
      for (const root of this.roots) {
        where.orWhere('id', root.id).orWhere('path', 'like', `${root.path}${root.id}/%`)
      }
    })
  }

  /* Whether one organisation lies in the scope. */
  async includes(organisationId: number | null | undefined): Promise<boolean> {
    if (this.everything) return true
    if (!organisationId || this.isEmpty) return false
    if (this.roots.some((root) => root.id === organisationId)) return true
    const row = await db.from('organisations').where('id', organisationId).select('path').first()
    if (!row) return false
    return this.roots.some((root) => String(row.path).startsWith(`${root.path}${root.id}/`))
  }
}
