import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
import { csvCell, formulaRestored, formulaSafe, writeCsvFile } from '#services/csv_export'

/* Text a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list). */
const FORMULAS = [
  '=HYPERLINK("http://evil","x")',
  '+1+1',
  '-1+1',
  '@SUM(1)',
  '\t=1',
  '\r=1',
  '=1',
  '-',
  '-3e2',
  '+3',
  "-cmd|' /C calc'!A0",
]

test.group('CSV cells', () => {
  test('text that starts like a formula is written with a single quote in front', ({ assert }) => {
    for (const text of FORMULAS) {
      assert.equal(csvCell(text), `'${text}`, JSON.stringify(text))
      assert.equal(formulaSafe(text), `'${text}`, JSON.stringify(text))
    }
  })

  test('the full-width = + - @ that some spreadsheets also read are quoted too', ({ assert }) => {
    for (const text of ['＝1+1', '＋1', '－1', '＠SUM(1)']) {
      assert.equal(csvCell(text), `'${text}`, text)
    }
  })

  test('numbers stay numbers, and text that is just a plain decimal number stays as it is', ({
    assert,
  }) => {
    assert.strictEqual(csvCell(-3), -3)
    assert.strictEqual(csvCell(12.5), 12.5)
    assert.strictEqual(csvCell(0), 0)
    for (const text of ['-3', '12.5', '-0.75', '450.00', '2026']) {
      assert.strictEqual(csvCell(text), text)
    }
  })

  test('everyday text, blanks, yes/no and dates are written as before', ({ assert }) => {
    for (const text of ['Ada Lovelace', 'a=b', 'O’Brien', 'Sum: =1', 'x@example.gov.uk', '']) {
      assert.strictEqual(csvCell(text), text)
    }
    assert.strictEqual(csvCell(null), '')
    assert.strictEqual(csvCell(undefined), '')
    assert.strictEqual(csvCell(true), 'yes')
    assert.strictEqual(csvCell(false), 'no')
    const when = DateTime.fromISO('2026-03-27T09:30:00Z', { zone: 'utc' })
    assert.strictEqual(csvCell(when), when.toISO())
    assert.strictEqual(csvCell(when.toJSDate()), DateTime.fromJSDate(when.toJSDate()).toISO())
  })

  test('anything else turned into text is checked as text', ({ assert }) => {
    assert.strictEqual(csvCell(Number.NEGATIVE_INFINITY), "'-Infinity")
    assert.strictEqual(csvCell({ toString: () => '=1+1' }), "'=1+1")
    assert.strictEqual(csvCell(BigInt(-5)), '-5')
  })

  test('a written file keeps the quoted text whole, quotes and commas included', async ({
    assert,
  }) => {
    const path = join(process.cwd(), 'tmp', `csv-cell-${process.pid}.csv`)
    try {
      const written = await writeCsvFile(
        path,
        ['name', '=total'],
        (async function* () {
          yield ['=HYPERLINK("http://evil","x")', -3]
          yield ['Ada, Countess of Lovelace', '\r=1']
        })(),
        async () => {}
      )
      assert.equal(written, 2)
      assert.deepEqual(parse(await readFile(path, 'utf8')), [
        ['name', "'=total"],
        ['\'=HYPERLINK("http://evil","x")', '-3'],
        ['Ada, Countess of Lovelace', "'\r=1"],
      ])
    } finally {
      await rm(path, { force: true })
    }
  })

  test('a failure reading the rows fails the file rather than leaving it open', async ({
    assert,
  }) => {
    const path = join(process.cwd(), 'tmp', `csv-cell-fail-${process.pid}.csv`)
    try {
      await assert.rejects(
        () =>
          writeCsvFile(
            path,
            ['name'],
            (async function* () {
              yield ['Ada']
              throw new Error('connection lost')
            })(),
            async () => {}
          ),
        'connection lost'
      )
    } finally {
      await rm(path, { force: true })
    }
  })
})

test.group('CSV read back by an import', () => {
  test('a cell guarded on export is read as the text it stood for; anything else as written', ({
    assert,
  }) => {
    for (const text of [
      '=HYPERLINK("x")',
      '+1+1',
      '-1+1',
      '@SUM(1)',
      '\t=1',
      'Plain',
      '-3',
      "'quoted",
    ]) {
      assert.equal(formulaRestored(formulaSafe(text)), text, JSON.stringify(text))
    }
    assert.equal(formulaRestored("'not a formula"), "'not a formula")
    assert.equal(formulaRestored("'-3"), "'-3")
  })
})
