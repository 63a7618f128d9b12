import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer } from '#start/http_context'
import type Organisation from '#models/organisation'
import { organisationValidator } from '#validators/organisation'
import { saveOrganisation, type SaveOrganisationResult } from '#actions/identity/save_organisation'
import { exportList } from '#services/exports'
import {
  findOrganisationInScope,
  organisationChoices,
  organisationDetail,
  organisationTree,
} from '#queries/identity/organisations_query'
import { organisationTypeLabels } from '#enums/organisation_types'

const FIELD_ERRORS: Record<Exclude<SaveOrganisationResult['type'], 'saved'>, FieldErrors> = {
  code_taken: { code: 'An organisation with this code already exists' },
  parent_not_found: { parentId: 'Select the organisation it is part of from the list' },
  cycle: {
    parentId: 'An organisation cannot be part of itself or of one of its own sub-organisations',
  },
}
const refused = (result: { type: keyof typeof FIELD_ERRORS }) => FIELD_ERRORS[result.type]

const typeOptions = Object.entries(organisationTypeLabels).map(([value, label]) => ({
  value,
  label,
}))

/*
 * The organisation tree: capability admins shape it, department HR read
 * their own part of it. A record outside the user's scope is answered 404,
 * as if it did not exist; one in scope they may not change is answered 403.
 */
export default class OrganisationsController {
  async index({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('OrganisationPolicy').authorize('viewList')
    const scope = await organisationScope()
    const organisations = await organisationTree(scope)
    return view.render('pages/admin/organisations/index', { organisations, organisationTypeLabels })
  }

  /* The organisation list as CSV, with people and team counts. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('OrganisationPolicy').authorize('viewList')
    return exportList(ctx, 'organisations')
  }

  async show({ bouncer, inScope, params, view }: HttpContext) {
    const organisation = await this.findInScope({ bouncer, inScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('view', organisation)
    const detail = await organisationDetail(organisation)
    return view.render('pages/admin/organisations/show', {
      organisation,
      ...detail,
      organisationTypeLabels,
    })
  }

  async create({ bouncer, organisationScope, request, view }: HttpContext) {
    await bouncer.with('OrganisationPolicy').authorize('create')
    const scope = await organisationScope()
    return view.render('pages/admin/organisations/form', {
      organisation: null,
      parentId: request.input('parentId'),
      parents: await organisationChoices(scope),
      typeOptions,
    })
  }

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.with('OrganisationPolicy').authorize('create')
    const input = await request.validateUsing(organisationValidator)
    const result = await saveOrganisation(input)
    return answerSave(result, saved('Organisation created'), refused)
  }

  async edit({ bouncer, inScope, organisationScope, params, view }: HttpContext) {
    const organisation = await this.findInScope({ bouncer, inScope }, params.id)
    // The policy's update rule is about the role, not the record; scope was checked above.
    await bouncer.with('OrganisationPolicy').authorize('update')
    const scope = await organisationScope()
    return view.render('pages/admin/organisations/form', {
      organisation,
      parentId: organisation.parentId,
      parents: await organisationChoices(scope, organisation),
      typeOptions,
    })
  }

  async update({ answerSave, bouncer, inScope, params, request }: HttpContext) {
    const organisation = await this.findInScope({ bouncer, inScope }, params.id)
    // The policy's update rule is about the role, not the record; scope was checked above.
    await bouncer.with('OrganisationPolicy').authorize('update')
    const input = await request.validateUsing(organisationValidator)
    const result = await saveOrganisation(input, organisation)
    return answerSave(result, saved('Organisation updated'), refused)
  }

  /* Admin pages are refused (403) to people without an admin role before any lookup. */
  private async findInScope(
    { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
    id: unknown
  ): Promise<Organisation> {
    await bouncer.with('OrganisationPolicy').authorize('viewList')
    return inScope(findOrganisationInScope, id)
  }
}

/* A saved organisation's page, saying how many sub-organisations moved with it. */
function saved(message: string) {
  return (result: { organisation: Organisation; moved: number }): SavedAnswer => {
    const moved =
      result.moved === 1
        ? '1 sub-organisation moved with it'
        : `${result.moved} sub-organisations moved with it`
    return [
      result.moved > 0 ? `${message}: ${moved}` : message,
      'organisations.show',
      { id: result.organisation.id },
    ]
  }
}
