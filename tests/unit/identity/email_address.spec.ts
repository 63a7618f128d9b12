import { test } from '@japa/runner'
import { isEmailAddress, printable } from '#domain/identity/email_address'
import { checkCells, type Reference } from '#domain/identity/staff_rows'

const reference: Reference = {
  organisations: new Map([['dft', 1]]),
  grades: new Map(),
  professions: new Map(),
  roleLevels: new Map(),
}
const columns = { grade: false, profession: false, roleLevel: false, lineManager: true }
const row = (email: string, lineManagerEmail = '') => ({
  line: 2,
  email,
  fullName: 'Ada Lovelace',
  organisationCode: 'dft',
  grade: '',
  profession: '',
  roleLevel: '',
  lineManagerEmail,
})

test.group('E-mail addresses in imports', () => {
  test('an address is one by the service’s e-mail rule', ({ assert }) => {
    assert.isTrue(isEmailAddress('ada.lovelace@dft.example'))
    assert.isTrue(isEmailAddress('"ada lovelace"@dft.example'))
    for (const address of [
      'ada',
      'ada@localhost',
      'ada"<x>@dft.example',
      'ada<b>@dft.example',
      `${'a'.repeat(250)}@dft.example`,
    ]) {
      assert.isFalse(isEmailAddress(address), address)
    }
  })

  test('control characters are refused, even inside a quoted local part the rule lets through', ({
    assert,
  }) => {
    for (const address of [
      'ada\u0000@dft.example',
      '"ada\u0001"@dft.example',
      '"ada\t"@dft.example',
      'ada@dft.example\u007F',
    ]) {
      assert.isFalse(isEmailAddress(address), JSON.stringify(address))
    }
  })

  test('a staff row with a NUL in either address is bad, and the reason shows it visibly', ({
    assert,
  }) => {
    assert.deepEqual(checkCells(row('ada\u0000@dft.example'), reference, columns), {
      ok: false,
      reason: '“ada\uFFFD@dft.example” is not an e-mail address',
    })
    assert.deepEqual(
      checkCells(row('ada@dft.example', '"boss\u0000"@dft.example'), reference, columns),
      { ok: false, reason: 'Line manager “"boss\uFFFD"@dft.example” is not an e-mail address' }
    )
    assert.equal(printable('a\u0000b\u001Fc'), 'a\uFFFDb\uFFFDc')
  })
})
