import { test } from '@japa/runner'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

test.group('A route id', () => {
  test('a plain whole number is the id', ({ assert }) => {
    assert.equal(idParam('1'), 1)
    assert.equal(idParam('12'), 12)
    assert.equal(idParam(42), 42)
    assert.equal(idParam('9007199254740991'), Number.MAX_SAFE_INTEGER)
  })

  test('anything else is an address that does not exist: {$self}')
    .with([
      '0',
      '-1',
      '012',
      '12.0',
      '1e3',
      '+12',
      ' 12',
      '12 ',
      '0x1f',
      '',
      'twelve',
      '9007199254740993',
      '99999999999999999999',
    ])
    .run(({ assert }, value) => {
      assert.throws(() => idParam(value), RecordNotFoundException)
    })

  test('a value that is not text or a number does not exist either', ({ assert }) => {
    for (const value of [undefined, null, 12.5, Number.NaN, ['12'], { id: 12 }]) {
      assert.throws(() => idParam(value), RecordNotFoundException)
    }
  })
})
