import { test } from '@japa/runner'
import { safeReturnPath } from '#services/return_path'
import { boundedInput } from '#services/flash_bounds'

test.group('Return address after signing in', () => {
  test('a path on this site is kept, with its query and fragment', ({ assert }) => {
    assert.equal(safeReturnPath('/learning/record'), '/learning/record')
    assert.equal(
      safeReturnPath('/learning/courses?q=agile&page=2#results'),
      '/learning/courses?q=agile&page=2#results'
    )
  })

  test('anything a browser could read as another site goes home instead', ({ assert }) => {
    for (const bad of [
      '//evil.example/',
      '/\\evil.example/',
      '/%5Cevil.example/',
      '/%5cevil.example',
      '/%2F%2Fevil.example',
      '/\tevil.example',
      '/\u0000/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '/%E0%A4%A',
      '',
      null,
      ['/learning'],
    ]) {
      assert.equal(safeReturnPath(bad), '/', JSON.stringify(bad))
    }
  })
})

test.group('Form input flashed back after an error', () => {
  test('is kept whole when it fits', ({ assert }) => {
    const input = { title: 'x'.repeat(5000), code: 'A-1' }
    assert.deepEqual(boundedInput(input, 32_000), input)
  })

  test('drops the largest fields first until it fits, keeping the rest as typed', ({ assert }) => {
    const input = { padding: 'p'.repeat(130_000), summary: 's'.repeat(5000), code: 'A-1' }
    const kept = boundedInput(input, 32_000)
    assert.deepEqual(kept, { summary: input.summary, code: 'A-1' })
    assert.isAtMost(JSON.stringify(kept).length, 32_000)
  })
})
