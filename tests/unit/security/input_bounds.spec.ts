import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { dateBounds, outOfBounds } from '#validators/date_bounds'
import { hasControlCharacters } from '#validators/control_characters'

test.group('Date bounds', () => {
  test('days run from 2000 to ten years ahead in UK time; instants stop at the end of 2037', ({
    assert,
  }) => {
    const winter = DateTime.fromISO('2026-12-07T23:30:00Z')
    assert.deepEqual(dateBounds('day', winter), { earliest: '2000-01-01', latest: '2036-12-07' })
    assert.deepEqual(dateBounds('instant', winter), {
      earliest: '2000-01-01',
      latest: '2036-12-07',
    })
    // 23:30 UTC on 30 June is already 1 July in London.
    const summer = DateTime.fromISO('2030-06-30T23:30:00Z')
    assert.deepEqual(dateBounds('day', summer), { earliest: '2000-01-01', latest: '2040-07-01' })
    assert.deepEqual(dateBounds('instant', summer), {
      earliest: '2000-01-01',
      latest: '2037-12-31',
    })
  })

  test('a date out of bounds is named with both ends in words; one inside is not', ({ assert }) => {
    const now = DateTime.fromISO('2030-06-01T12:00:00Z')
    const inWords = { earliest: '1 January 2000', latest: '31 December 2037' }
    assert.deepEqual(outOfBounds(DateTime.fromISO('2038-01-19T03:14:07Z'), 'instant', now), inWords)
    assert.deepEqual(outOfBounds(DateTime.fromISO('1999-12-31T12:00:00Z'), 'instant', now), inWords)
    assert.isNull(outOfBounds(DateTime.fromISO('2037-12-31T23:59:00Z'), 'instant', now))
    assert.isNull(outOfBounds(DateTime.fromISO('2039-05-01'), 'day', now))
  })
})

test.group('Control characters', () => {
  test('single-line text refuses every control and bidi override; multi-line text allows line breaks and tabs only', ({
    assert,
  }) => {
    for (const text of ['a\u0000b', 'a\u001Fb', 'a\u007Fb', 'a\u0085b', 'a\u009Fb', 'a\u202Ab']) {
      assert.isTrue(hasControlCharacters(text), JSON.stringify(text))
      assert.isTrue(hasControlCharacters(text, true), JSON.stringify(text))
    }
    for (const text of ['a\u202Eb', 'a\u2066b', 'a\u2069b']) {
      assert.isTrue(hasControlCharacters(text, true), JSON.stringify(text))
    }
    for (const text of ['a\nb', 'a\r\nb', 'a\tb']) {
      assert.isTrue(hasControlCharacters(text), JSON.stringify(text))
      assert.isFalse(hasControlCharacters(text, true), JSON.stringify(text))
    }
    for (const text of [
      'Ada Lovelace',
      'Zoë Brontë-Ōsaka',
      'مرحبا',
      '🙂',
      'a\u200Db',
      'a\u00A0b',
    ]) {
      assert.isFalse(hasControlCharacters(text), JSON.stringify(text))
    }
  })
})
