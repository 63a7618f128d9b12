import { test } from '@japa/runner'
import {
  formatRecoveryCode,
  readOneTimeCode,
  readRecoveryCode,
  rolesNeedTwoStep,
  RECOVERY_CODE_COUNT,
} from '#domain/identity/two_step'
import { hashRecoveryCode, matchingStep, newRecoveryCodes, newSecret } from '#services/two_step'
import { awayFromStepEdge, codeFor } from '#tests/support/two_step'

test.group('Two-step verification: reading codes', () => {
  test('a code from an app is six digits, spaces and hyphens between them allowed', ({
    assert,
  }) => {
    assert.deepEqual(readOneTimeCode('123456'), { type: 'code', code: '123456' })
    assert.deepEqual(readOneTimeCode(' 123 456 '), { type: 'code', code: '123456' })
    assert.deepEqual(readOneTimeCode('123-456'), { type: 'code', code: '123456' })
    for (const empty of ['', '   ', null, undefined]) {
      assert.deepEqual(readOneTimeCode(empty), { type: 'empty' })
    }
    for (const malformed of ['12345', '1234567', 'abcdef', '12345a', '１２３４５６', '0x1234']) {
      assert.deepEqual(readOneTimeCode(malformed), { type: 'malformed' }, malformed)
    }
  })

  test('a recovery code is read whatever its case and separators, with o, i and l as digits', ({
    assert,
  }) => {
    assert.deepEqual(readRecoveryCode('abcd-efgh-2345'), { type: 'code', code: 'abcdefgh2345' })
    assert.deepEqual(readRecoveryCode(' ABCD EFGH 2345 '), {
      type: 'code',
      code: 'abcdefgh2345',
    })
    assert.deepEqual(readRecoveryCode('oOiI-lLab-cdef'), {
      type: 'code',
      code: '001111abcdef',
    })
    assert.deepEqual(readRecoveryCode(''), { type: 'empty' })
    for (const malformed of ['abcd-efgh', 'abcd-efgh-23456', 'uuuu-uuuu-uuuu', '123456']) {
      assert.deepEqual(readRecoveryCode(malformed), { type: 'malformed' }, malformed)
    }
    assert.equal(formatRecoveryCode('abcdefgh2345'), 'abcd-efgh-2345')
  })

  test('new recovery codes are ten different codes, each read back as itself, hashed one way', ({
    assert,
  }) => {
    const codes = newRecoveryCodes()
    assert.lengthOf(codes, RECOVERY_CODE_COUNT)
    assert.lengthOf(new Set(codes), RECOVERY_CODE_COUNT)
    for (const code of codes) {
      assert.deepEqual(readRecoveryCode(formatRecoveryCode(code)), { type: 'code', code })
      assert.match(hashRecoveryCode(code), /^[0-9a-f]{64}$/)
      assert.notInclude(hashRecoveryCode(code), code)
    }
  })

  test('a code matches its own time step and the ones either side, no further', async ({
    assert,
  }) => {
    const secret = newSecret()
    await awayFromStepEdge()
    const now = Date.now()
    const step = Math.floor(now / 30_000)
    for (const offset of [-1, 0, 1]) {
      const code = await codeFor(secret, offset)
      const matched = await matchingStep(secret, code, now)
      // A code may repeat in another step by chance: it must at least match one in the window.
      assert.isNotNull(matched)
      assert.isAtMost(Math.abs(matched! - step), 1)
    }
    const far = await codeFor(secret, 3)
    const nearby = await Promise.all([-1, 0, 1].map((offset) => codeFor(secret, offset)))
    if (!nearby.includes(far)) assert.isNull(await matchingStep(secret, far, now))
  })

  test('capability admins and department HR are the roles it can be compulsory for', ({
    assert,
  }) => {
    assert.isTrue(rolesNeedTwoStep(['capability_admin']))
    assert.isTrue(rolesNeedTwoStep(['learner', 'department_hr']))
    assert.isFalse(rolesNeedTwoStep(['learner', 'team_lead', 'course_admin', 'fast_stream_admin']))
  })
})
