import { test } from '@japa/runner'
import { csvHref, keptFilters, wholeNumber, withoutBlanks } from '#services/list_pipeline'

test.group('List kit', () => {
  test('a blank filter means no filter: empty, all-spaces, null and undefined values are dropped', ({
    assert,
  }) => {
    assert.deepEqual(
      withoutBlanks({
        q: 'data',
        organisationId: '',
        stage: '   ',
        status: null,
        kind: undefined,
        page: '2',
        skills: ['1', '2'],
      }),
      { q: 'data', page: '2', skills: ['1', '2'] }
    )
  })

  test('the CSV link carries the filters but never the page number', ({ assert }) => {
    assert.equal(
      csvHref('/workforce/gaps.csv', { status: 'open', page: 3, kind: undefined, q: 'a&b' }),
      '/workforce/gaps.csv?status=open&q=a%26b'
    )
    assert.equal(csvHref('/workforce/gaps.csv', { page: 2 }), '/workforce/gaps.csv')
  })

  test('a queued export keeps only the filters its list knows, trimmed, and no blanks', ({
    assert,
  }) => {
    assert.deepEqual(
      keptFilters({ q: ' data ', role: '', page: '4', sort: 'name', other: 'x' }, [
        'q',
        'role',
        'sort',
      ]),
      { q: 'data', sort: 'name' }
    )
  })

  test('a whole-number filter reads positive whole numbers only', ({ assert }) => {
    assert.equal(wholeNumber('12'), 12)
    assert.isUndefined(wholeNumber('0'))
    assert.isUndefined(wholeNumber('1.5'))
    assert.isUndefined(wholeNumber('abc'))
    assert.isUndefined(wholeNumber(undefined))
  })
})
