import type { HttpContext } from '@adonisjs/core/http'
import { comparisonBetween, type ComparisonResult } from '#actions/framework/compare_role_levels'
import { roleLevelOptions } from '#queries/framework/framework_query'

const FIELD_ERRORS: Record<
  Exclude<ComparisonResult['type'], 'compared'>,
  Record<string, string>
> = {
  missing_levels: {
    from: 'Select the role level you are at now',
    to: 'Select the role level you want to move to',
  },
  from_not_found: { from: 'Select a role level from the list' },
  to_not_found: { to: 'Select a role level from the list' },
}

export default class ProgressionController {
  async show({ request, view }: HttpContext) {
    const options = await roleLevelOptions()
    const from = request.input('from')
    const to = request.input('to')
    if (from === undefined && to === undefined) {
      return view.render('pages/framework/progression', {
        options,
        from: null,
        to: null,
        comparison: null,
        errors: {},
      })
    }
    const result = await comparisonBetween(from, to)
    if (result.type === 'compared') {
      return view.render('pages/framework/progression', {
        options,
        from,
        to,
        comparison: result,
        errors: {},
      })
    }
    const errors = Object.fromEntries(
      Object.entries(FIELD_ERRORS[result.type])
        .filter(([field]) => result.type !== 'missing_levels' || !result.present.includes(field))
        .map(([field, message]) => [field, [message]])
    )
    return view.render('pages/framework/progression', {
      options,
      from,
      to,
      comparison: null,
      errors,
    })
  }
}
