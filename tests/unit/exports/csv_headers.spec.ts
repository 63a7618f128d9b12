import { test } from '@japa/runner'
import { exportKinds } from '#services/exports'
import * as pageHeaders from '#queries/exports/page_csv_headers'
import { CSV_HEADER as FRAMEWORK_HEADER } from '#domain/framework/framework_import'
import { IMPORT_HEADER as ENTRANTS_TEMPLATE_HEADER } from '#actions/fast_stream/admin/import_entrants'
import { PANELS } from '#queries/insights/panels'
import { MEASURES } from '#queries/insights/measures_query'
import { notSentenceCase, sentenceCaseProblem } from '#tests/support/sentence_case'

/*
 * Data for a dashboard panel with nothing in it: every list empty, every
 * figure blank. A panel's CSV columns that do not depend on the data can
 * be read from it.
 */
function emptyData(): any {
  return new Proxy([], {
    get(target, property) {
      if (typeof property === 'symbol' || property in target) {
        return Reflect.get(target, property)
      }
      return emptyData()
    },
  })
}

test.group('CSV headers', () => {
  test('the check tells sentence case from every other style', ({ assert }) => {
    for (const good of [
      'Full name',
      'Organisation',
      'Start date',
      'Entrant ID',
      'Cost (£)',
      'Session starts (UK time)',
      'Digital Leader email',
      'Meets action 01',
      'Services with a trained Service Manager (%)',
      'Digital Leaders in place (%)',
      'Two-year mark',
    ]) {
      assert.isNull(sentenceCaseProblem(good), good)
    }
    for (const bad of [
      'full name',
      'full_name',
      'fullName',
      'Full Name',
      'Start Date',
      'Role_profile',
      ' Name',
      '',
    ]) {
      assert.isNotNull(sentenceCaseProblem(bad), bad)
    }
  })

  test('every list export names its columns in sentence case', ({ assert }) => {
    const headers = Object.fromEntries(
      Object.entries(exportKinds).map(([name, kind]) => [`export ${name}`, kind.header])
    )
    assert.isAbove(Object.keys(headers).length, 20)
    assert.deepEqual(notSentenceCase(headers), [])
  })

  test('every CSV a page writes itself, and every import template, does too', ({ assert }) => {
    const headers: Record<string, readonly string[]> = {
      ...Object.fromEntries(
        Object.entries(pageHeaders).map(([name, header]) => [name, header as string[]])
      ),
      'framework download': FRAMEWORK_HEADER,
      'entrants import template': ENTRANTS_TEMPLATE_HEADER,
    }
    assert.isAbove(Object.keys(headers).length, 8)
    assert.deepEqual(notSentenceCase(headers), [])
  })

  test('every dashboard panel’s CSV, the trend measures included, does too', ({ assert }) => {
    const headers: Record<string, string[]> = Object.fromEntries(
      Object.entries(PANELS).map(([key, panel]) => [
        `dashboard ${key}`,
        panel.csv(emptyData()).columns,
      ])
    )
    headers['trend measures'] = Object.values(MEASURES).map((measure) => measure.label)
    for (const [where, columns] of Object.entries(headers)) {
      assert.isAbove(columns.length, 0, where)
    }
    assert.deepEqual(notSentenceCase(headers), [])
  })
})
