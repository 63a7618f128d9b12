import { test } from '@japa/runner'
import { counted, noun } from '#domain/shared/wording'

test.group('Counts in words', () => {
  test('one of anything is singular, any other count plural', ({ assert }) => {
    assert.equal(counted(1, 'post'), '1 post')
    assert.equal(counted(0, 'post'), '0 posts')
    assert.equal(counted(2, 'post'), '2 posts')
    assert.equal(counted(1, 'person', 'people'), '1 person')
    assert.equal(counted(12, 'person', 'people'), '12 people')
    assert.equal(counted(1.5, 'day'), '1.5 days')
  })

  test('a count read as text counts the same, thousands separators and all', ({ assert }) => {
    assert.equal(counted('1', 'seat'), '1 seat')
    assert.equal(counted('1,000', 'seat'), '1,000 seats')
    assert.equal(counted((1).toLocaleString('en-GB'), 'seat'), '1 seat')
  })

  test('the noun alone follows the same rule', ({ assert }) => {
    assert.equal(noun(1, 'active person', 'active people'), 'active person')
    assert.equal(noun(3, 'active person', 'active people'), 'active people')
    assert.equal(noun('1', 'place'), 'place')
    assert.equal(noun(0, 'place'), 'places')
  })
})
