import { test } from '@japa/runner'
import {
  changedFields,
  checkCells,
  managerLoops,
  mapHeaders,
  presentColumns,
  readRecord,
  type Reference,
} from '#domain/identity/staff_rows'

const reference: Reference = {
  organisations: new Map([
    ['dft', 1],
    ['dvla', 2],
  ]),
  grades: new Map([
    ['eo', 'EO'],
    ['executive officer (eo)', 'EO'],
  ]),
  professions: new Map([
    ['digital', 'digital'],
    ['digital, data and technology', 'digital'],
  ]),
  roleLevels: new Map([
    ['developer', 7],
    ['software developer / developer', 7],
    ['analyst', -1],
    ['data / analyst', 8],
  ]),
}
const all = { grade: true, profession: true, roleLevel: true, lineManager: true }

const row = (overrides: Record<string, string> = {}) => ({
  line: 2,
  email: 'ada@dft.example',
  fullName: 'Ada Lovelace',
  organisationCode: 'dft',
  grade: 'EO',
  profession: 'Digital, data and technology',
  roleLevel: 'Software developer/Developer',
  lineManagerEmail: '',
  ...overrides,
})

/* What the row above resolves to: the values stored for Ada. */
const ADA = {
  email: 'ada@dft.example',
  fullName: 'Ada Lovelace',
  organisationId: 1,
  grade: 'EO',
  profession: 'digital',
  roleLevelId: 7,
  lineManagerEmail: null,
}

test.group('Staff rows: headers', () => {
  test('headers are matched without case, spaces or punctuation, in any order', ({ assert }) => {
    const result = mapHeaders([
      '\uFEFFLine manager’s e-mail',
      'Organisation',
      'E-mail',
      'Full name',
    ])
    assert.isTrue(result.ok)
    if (result.ok) {
      assert.deepEqual(result.columns, {
        lineManagerEmail: 0,
        organisationCode: 1,
        email: 2,
        fullName: 3,
      })
      assert.deepEqual(presentColumns(result.columns), {
        grade: false,
        profession: false,
        roleLevel: false,
        lineManager: true,
      })
    }
  })

  test('a missing required column is named', ({ assert }) => {
    assert.deepEqual(mapHeaders(['email', 'grade']), {
      ok: false,
      message: 'The first row must name the columns. Missing: name, organisation code',
    })
  })

  test('cells are trimmed, e-mails and codes lower-cased, names single-spaced', ({ assert }) => {
    const columns = { email: 0, fullName: 1, organisationCode: 2 }
    assert.deepInclude(readRecord([' Ada@DfT.Example ', 'Ada   Lovelace', ' DFT'], 5, columns), {
      line: 5,
      email: 'ada@dft.example',
      fullName: 'Ada Lovelace',
      organisationCode: 'dft',
      grade: '',
    })
  })
})

test.group('Staff rows: cells', () => {
  test('labels and values of grades, professions and role levels resolve to stored values', ({
    assert,
  }) => {
    const result = checkCells(row(), reference, all)
    assert.deepEqual(result, {
      ok: true,
      values: ADA,
    })
  })

  test('every problem of a row is given in one reason', ({ assert }) => {
    const result = checkCells(
      row({
        email: 'not-an-email',
        organisationCode: 'hmrc',
        grade: 'Band 9',
        lineManagerEmail: 'x',
      }),
      reference,
      all
    )
    assert.deepEqual(result, {
      ok: false,
      reason:
        '“not-an-email” is not an e-mail address; organisation code “hmrc” is not one of your organisations; grade “Band 9” is not a civil service grade; line manager “x” is not an e-mail address',
    })
  })

  test('an ambiguous role level asks for its role profile', ({ assert }) => {
    const result = checkCells(row({ roleLevel: 'Analyst' }), reference, all)
    assert.isFalse(result.ok)
    if (!result.ok) assert.include(result.reason, 'write it as “role profile / role level”')
    assert.isTrue(checkCells(row({ roleLevel: 'Data / Analyst' }), reference, all).ok)
  })

  test('nobody is their own line manager', ({ assert }) => {
    assert.deepEqual(checkCells(row({ lineManagerEmail: 'ada@dft.example' }), reference, all), {
      ok: false,
      reason: 'A person cannot be their own line manager',
    })
  })

  test('cells of absent columns are ignored', ({ assert }) => {
    const result = checkCells(row({ grade: 'Band 9' }), reference, { ...all, grade: false })
    assert.isTrue(result.ok)
  })
})

test.group('Staff rows: changes and loops', () => {
  const existing = { id: 9, ...ADA, inScope: true }
  const values = { ...existing, roleLevelId: 7 as number | null }

  test('only fields that differ and whose column is present count as changes', ({ assert }) => {
    assert.deepEqual(changedFields(values, existing, all), [])
    assert.deepEqual(
      changedFields(
        { ...values, grade: 'HEO', organisationId: 2, lineManagerEmail: 'b@x.example' },
        existing,
        all
      ),
      ['organisation', 'grade', 'line manager']
    )
    assert.deepEqual(
      changedFields({ ...values, grade: null }, existing, { ...all, grade: false }),
      []
    )
  })

  test('a blank role level keeps the current one', ({ assert }) => {
    assert.deepEqual(changedFields({ ...values, roleLevelId: null }, existing, all), [])
    assert.deepEqual(changedFields({ ...values, roleLevelId: 8 }, existing, all), ['role level'])
  })

  test('loops are found with their members, chains into a loop are not in it', ({ assert }) => {
    const loops = managerLoops(
      new Map<string, string | null>([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['d', 'a'],
        ['e', null],
        ['f', 'e'],
      ])
    )
    assert.deepEqual([...loops.keys()].sort(), ['a', 'b', 'c'])
    assert.equal(loops.get('a'), 'a → b → c → a')
  })
})
