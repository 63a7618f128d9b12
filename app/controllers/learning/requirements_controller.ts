import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import {
  requirementFormValidator,
  emailLines,
  complianceFiltersValidator,
} from '#validators/required_learning'
import { setRequirement, withdrawRequirement } from '#actions/learning/set_requirement'
import { organisationChoices } from '#queries/identity/organisations_query'
import {
  audienceWords,
  complianceByOrganisation,
  complianceCounts,
  compliancePeople,
  dueWords,
  findRequirementInScope,
  requirementsInForce,
} from '#queries/learning/required_learning_query'
import { requirementRefusal, REQUIREMENT_NOT_THEIRS } from '#services/required_learning_messages'
import { exportList } from '#services/exports'
import { withoutBlanks, csvHref } from '#services/list_pipeline'
import { gradeLabels, gradeValues } from '#enums/grades'
import { professionLabels } from '#enums/professions'
import {
  requirementAudienceLabels,
  requirementDueLabels,
  requirementStateLabels,
} from '#enums/required_learning'
import { REQUIREMENT_STATE_ORDER, longDay } from '#domain/learning/required_learning'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

/*
 * Required learning for capability admins (every requirement) and
 * department HR (those for everyone, counted over their own people, and
 * those set within their scope): the requirements in force with their
 * compliance, setting one, a requirement's dashboard and its people as
 * CSV, and withdrawing. Another department's requirement answers 404.
 */
export default class RequirementsController {
  async index({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('require')
    const scope = await organisationScope()
    const requirements = await requirementsInForce(scope)
    const rows = []
    for (const requirement of requirements) {
      rows.push({
        requirement,
        audience: audienceWords(requirement),
        due: dueWords(requirement),
        counts: await complianceCounts(requirement, scope),
      })
    }
    return view.render('pages/learning/requirements/index', {
      rows,
      states: REQUIREMENT_STATE_ORDER,
      requirementStateLabels,
    })
  }

  async create({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('require')
    const scope = await organisationScope()
    const [courses, roleProfiles, organisations] = await Promise.all([
      db
        .from('courses')
        .whereNot('status', 'archived')
        .orderBy('title')
        .select('id', 'title', 'code'),
      db.from('role_profiles').orderBy('name').select('id', 'name'),
      organisationChoices(scope),
    ])
    return view.render('pages/learning/requirements/form', {
      courseOptions: courses.map((c) => ({ value: c.id, label: `${c.title} (${c.code})` })),
      roleOptions: roleProfiles.map((r) => ({ value: r.id, label: r.name })),
      organisations,
      gradeOptions: gradeValues.map((grade) => ({ value: grade, label: gradeLabels[grade] })),
      professionOptions: options(professionLabels),
      audienceOptions: options(requirementAudienceLabels),
      dueOptions: options(requirementDueLabels),
      forEveryone: scope.everything,
    })
  }

  async store({
    auth,
    backWithErrors,
    bouncer,
    organisationScope,
    request,
    response,
    session,
  }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('require')
    const input = await request.validateUsing(requirementFormValidator)
    const result = await setRequirement(
      { ...input, emails: emailLines(input.emails) },
      auth.getUserOrFail(),
      await organisationScope()
    )
    if (result.type !== 'saved') {
      const refusal = requirementRefusal(result)
      return backWithErrors({ [refusal.field]: refusal.page })
    }
    session.flash('success', 'Requirement set')
    return response.redirect().toRoute('learning.requirements.show', { id: result.requirement.id })
  }

  async show({ bouncer, inScope, organisationScope, params, request, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('require')
    const requirement = await inScope(findRequirementInScope, params.id)
    const scope = await organisationScope()
    const qs = withoutBlanks(request.qs())
    const filters = await complianceFiltersValidator.validate(qs)
    const [counts, organisations, people] = await Promise.all([
      complianceCounts(requirement, scope),
      complianceByOrganisation(requirement, scope),
      compliancePeople(
        requirement,
        scope,
        { state: filters.state, organisationId: filters.organisation },
        filters.page ?? 1
      ),
    ])
    const path = `/learning/requirements/${requirement.id}`
    people.paginator
      .baseUrl(path)
      .queryString({ state: filters.state, organisation: filters.organisation })
    return view.render('pages/learning/requirements/show', {
      requirement,
      audience: audienceWords(requirement),
      due: dueWords(requirement),
      counts,
      organisations,
      people: people.people,
      paginator: people.paginator,
      filters: { state: filters.state ?? '', organisation: filters.organisation ?? '' },
      csvHref: csvHref(`${path}/people.csv`, {
        state: filters.state,
        organisation: filters.organisation,
      }),
      states: REQUIREMENT_STATE_ORDER,
      stateOptions: REQUIREMENT_STATE_ORDER.map((state) => ({
        value: state,
        label: requirementStateLabels[state],
      })),
      organisationOptions: organisations.map((o) => ({ value: o.organisationId, label: o.name })),
      requirementStateLabels,
      longDay,
      mayWithdraw:
        !requirement.withdrawnAt && (scope.everything || requirement.scopeOrganisationId !== null),
    })
  }

  /* The requirement's people with the same filters, as CSV (a queued export when large). */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('CoursePolicy').authorize('require')
    const requirement = await ctx.inScope(findRequirementInScope, ctx.params.id)
    return exportList(ctx, 'requirementCompliance', { requirementId: String(requirement.id) })
  }

  async confirmWithdraw({ bouncer, inScope, params, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('require')
    const requirement = await inScope(findRequirementInScope, params.id)
    return view.render('pages/learning/requirements/withdraw', {
      requirement,
      audience: audienceWords(requirement),
      due: dueWords(requirement),
    })
  }

  async withdraw({
    auth,
    bouncer,
    inScope,
    organisationScope,
    params,
    response,
    session,
  }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('require')
    const requirement = await inScope(findRequirementInScope, params.id)
    const result = await withdrawRequirement(
      requirement,
      auth.getUserOrFail(),
      await organisationScope()
    )
    switch (result.type) {
      case 'withdrawn':
        session.flash('success', `Requirement withdrawn: ${requirement.course.title}`)
        return response.redirect().toRoute('learning.requirements.index')
      case 'already_withdrawn':
        session.flash('success', `Requirement already withdrawn: ${requirement.course.title}`)
        return response.redirect().toRoute('learning.requirements.index')
      case 'not_theirs':
        session.flash('error', REQUIREMENT_NOT_THEIRS.page)
        return response.redirect().toRoute('learning.requirements.show', { id: requirement.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
