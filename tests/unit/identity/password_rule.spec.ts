import { test } from '@japa/runner'
import { passwordWeakness } from '#validators/rules/password'

test.group('New passwords: what is guessed first', () => {
  test('common passwords are refused, in any case and with digits or symbols added at the ends', async ({
    assert,
  }) => {
    for (const password of [
      'password1234',
      'PASSWORD1234',
      '!!Password2024!!',
      'monkey123456789',
    ]) {
      assert.equal(await passwordWeakness(password), 'common', password)
    }
  })

  test('one character, or a group of up to four, repeated is refused', async ({ assert }) => {
    for (const password of ['aaaaaaaaaaaa', '            ', 'abababababab', 'abcdabcdabcd']) {
      assert.equal(await passwordWeakness(password), 'repeated', JSON.stringify(password))
    }
  })

  test('the person’s name, e-mail address or its first part is refused, however written', async ({
    assert,
  }) => {
    const person = { email: 'grace.hopper@navy.example.gov.uk', fullName: 'Grace Brewster Hopper' }
    for (const password of [
      'grace.hopper@navy.example.gov.uk',
      'Grace Brewster Hopper',
      'grace-brewster-hopper',
      'GRACE.HOPPER',
    ]) {
      assert.equal(await passwordWeakness(password, person), 'personal', password)
    }
    assert.isNull(await passwordWeakness('grace.hopper.sails.far', person))
  })

  test('long passwords that are none of these pass, whatever characters they use', async ({
    assert,
  }) => {
    for (const password of [
      'correct-horse-battery',
      'lantern orchard pebble',
      'tuesdaycoffeepuddle',
      '7391 8820 4417',
      'abcabcabcabcx',
    ]) {
      assert.isNull(await passwordWeakness(password), password)
    }
  })
})
