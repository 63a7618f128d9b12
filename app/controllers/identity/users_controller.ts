import type { HttpContext } from '@adonisjs/core/http'
import { createUserValidator, updateUserValidator } from '#validators/identity'
import { saveUser, setUserActive, type SaveUserResult } from '#actions/identity/save_user'
import type { OrganisationScope } from '#services/organisation_scope'
import { exportList } from '#services/exports'
import { peopleList } from '#exports/identity'
import { organisationOptions, reportsAndHistory, teamOptions } from '#queries/identity/people_query'
import { saveUserError } from '#services/user_messages'
import { personInScope } from '#controllers/identity/managed_people'
import { nominationFromPeopleList } from '#services/nomination_pages'
import { accountStatuses, describeAccount } from '#queries/identity/account_status_query'
import { twoStepIsOn } from '#services/two_step'
import { accountStatusLabels, accountStatusValues } from '#domain/identity/password_links'
import { roleLabels, roleValues, type Role } from '#enums/roles'
import { gradeLabels, gradeValues } from '#enums/grades'
import { professionLabels, professionValues } from '#enums/professions'

export default class UsersController {
  async index(ctx: HttpContext) {
    const { bouncer, request, view } = ctx
    await bouncer.with('UserPolicy').authorize('viewList')
    const { scope, filters, page: people, csvHref } = await peopleList.read(ctx)
    people.baseUrl(request.url())
    const statuses = await accountStatuses(people.all())
    return view.render('pages/admin/users/index', {
      people,
      filters,
      accounts: Object.fromEntries(
        [...statuses].map(([id, account]) => [id, describeAccount(account)])
      ),
      accountOptions: accountStatusValues.map((value) => ({
        value,
        label: accountStatusLabels[value],
      })),
      organisations: await organisationOptions(scope),
      roleLabels,
      csvHref,
      nominateFor: await nominationFromPeopleList(request.input('nominate')),
    })
  }

  /* The people list as CSV: the same scope and filters, every page; a job when it is large. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('viewList')
    return exportList(ctx, 'people')
  }

  async show({ bouncer, params, view }: HttpContext) {
    const person = await personInScope(bouncer, params.id)
    await person.load((loader) => {
      loader.load('organisation').load('team').load('lineManager')
    })
    const { reports, history } = await reportsAndHistory(person.id)
    const statuses = await accountStatuses([person])
    const account = describeAccount(statuses.get(person.id)!)
    const twoStepOn = await twoStepIsOn(person.id)
    return view.render('pages/admin/users/show', { person, reports, history, account, twoStepOn })
  }

  async create({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    return view.render(
      'pages/admin/users/form',
      await this.formOptions(await organisationScope(), bouncer)
    )
  }

  async store(ctx: HttpContext) {
    const { bouncer, request } = ctx
    await bouncer.with('UserPolicy').authorize('create')
    const input = await request.validateUsing(createUserValidator)
    await bouncer.with('UserPolicy').authorize('createIn', input.organisationId)
    const roles = await this.grantableRoles(bouncer, input.roles ?? [], [])
    const scope = await ctx.organisationScope()
    return this.respond(await saveUser({ ...input, roles }, scope), ctx, 'Person added', scope)
  }

  async edit({ bouncer, organisationScope, params, view }: HttpContext) {
    const person = await personInScope(bouncer, params.id)
    await bouncer.with('UserPolicy').authorize('update', person)
    await person.load((loader) => loader.load('lineManager'))
    return view.render('pages/admin/users/form', {
      person,
      ...(await this.formOptions(await organisationScope(), bouncer)),
    })
  }

  async update(ctx: HttpContext) {
    const { bouncer, request } = ctx
    const person = await personInScope(bouncer, ctx.params.id)
    await bouncer.with('UserPolicy').authorize('update', person)
    const input = await request.validateUsing(updateUserValidator)
    await bouncer.with('UserPolicy').authorize('createIn', input.organisationId)
    const roles = await this.grantableRoles(bouncer, input.roles ?? [], person.roleNames)
    const scope = await ctx.organisationScope()
    const result = await saveUser({ ...input, roles }, scope, person)
    return this.respond(result, ctx, 'Changes saved', scope)
  }

  async deactivate(ctx: HttpContext) {
    return this.setActive(ctx, false)
  }

  async reactivate(ctx: HttpContext) {
    return this.setActive(ctx, true)
  }

  private async setActive({ bouncer, params, response, session }: HttpContext, active: boolean) {
    const person = await personInScope(bouncer, params.id)
    await bouncer.with('UserPolicy').authorize('deactivate', person)
    await setUserActive(person, active)
    session.flash(
      'success',
      active ? `${person.fullName} can sign in again` : `${person.fullName} has been deactivated`
    )
    return response.redirect().toRoute('users.show', { id: person.id })
  }

  /* Roles the administrator may not hand out are kept as they were. */
  private async grantableRoles(bouncer: HttpContext['bouncer'], submitted: Role[], held: Role[]) {
    const result = new Set<Role>()
    for (const role of roleValues) {
      const grantable = await bouncer.with('UserPolicy').allows('grantRole', role)
      if (grantable ? submitted.includes(role) : held.includes(role)) result.add(role)
    }
    return [...result]
  }

  private async formOptions(scope: OrganisationScope, bouncer: HttpContext['bouncer']) {
    const roles = []
    for (const role of roleValues) {
      const grantable = await bouncer.with('UserPolicy').allows('grantRole', role)
      roles.push({
        value: role,
        label: roleLabels[role],
        disabled: !grantable,
        hint: grantable ? null : 'Only a capability admin can change this role',
      })
    }
    return {
      organisations: await organisationOptions(scope),
      teams: await teamOptions(scope),
      roles,
      grades: gradeValues.map((grade) => ({ value: grade, label: gradeLabels[grade] })),
      professions: professionValues.map((value) => ({ value, label: professionLabels[value] })),
    }
  }

  /* A saved person's page, or the form again without the password typed. */
  private respond(
    result: SaveUserResult,
    { answerSave }: HttpContext,
    message: string,
    scope: OrganisationScope
  ) {
    return answerSave(
      result,
      ({ user }) => [message, 'users.show', { id: user.id }],
      (refusal) => saveUserError(refusal, scope.everything),
      { except: ['password'] }
    )
  }
}
