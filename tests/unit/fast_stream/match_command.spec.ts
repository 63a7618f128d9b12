import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/* Runs `node ace fast-stream:match` as a user would, and reports how it ended. */
function runMatch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['ace', 'fast-stream:match', ...args],
      { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

test.group('Fast Stream match command', (group) => {
  let dir: string
  group.each.setup(async () => {
    dir = await mkdtemp(join(root, 'tmp', 'fast-stream-match-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('matches the example round and writes the result as JSON', async ({ assert }) => {
    const output = join(dir, 'result.json')
    const run = await runMatch([
      '--input',
      'docs/examples/fast_stream_round.json',
      '--output',
      output,
    ])
    assert.equal(run.code, 0, run.stderr)
    assert.include(
      run.stdout,
      'Matched 3 of 6 entrants (4 places offered): 0 to their first choice, 3 to one of their top three'
    )

    const text = await readFile(output, 'utf8')
    assert.isTrue(text.startsWith('{\n  "matches": ['))
    const result = JSON.parse(text)
    assert.deepEqual(
      result.matches.map((match: { entrant: string; placement: string }) => [
        match.entrant,
        match.placement,
      ]),
      [
        ['amira', 'gds-platform'],
        ['ben', 'gds-platform'],
        ['dara', 'hmrc-data'],
      ]
    )
    assert.deepEqual(
      result.unmatched.map((row: { entrant: string; code: string }) => [row.entrant, row.code]),
      [
        ['chen', 'choices_filled'],
        ['eve', 'no_preferences'],
        ['faye', 'no_eligible_choice'],
      ]
    )
    assert.deepInclude(result.stats, {
      entrants: 6,
      matched: 3,
      firstChoice: 0,
      topThree: 3,
      placesOffered: 4,
      placesFilled: 3,
    })
  }).timeout(20_000)

  test('an invalid round writes nothing, names every problem and exits with status 2', async ({
    assert,
  }) => {
    const input = join(dir, 'round.json')
    const output = join(dir, 'result.json')
    await writeFile(
      input,
      JSON.stringify({
        rules: { excludePreviousDepartments: true, enforceDigital: true },
        entrants: [
          {
            id: 'e1',
            preferences: ['p9'],
            clearance: 'SC',
            previousDepartments: [],
            needsDigital: false,
          },
          {
            id: 'e1',
            preferences: [],
            clearance: 'SC',
            previousDepartments: [],
            needsDigital: false,
          },
        ],
        placements: [
          { id: 'p1', capacity: 0, department: 'DWP', clearanceRequired: 'SC', digital: true },
        ],
      })
    )
    const run = await runMatch(['--input', input, '--output', output])
    assert.equal(run.code, 2)
    assert.isFalse(existsSync(output))
    assert.include(
      run.stderr,
      'placements[0] "p1": capacity must be a whole number of at least 1, got 0'
    )
    assert.include(run.stderr, 'entrants[1] "e1": duplicate id (also entrants[0])')
    assert.include(
      run.stderr,
      'entrants[0] "e1": preferences[0] "p9" is not a placement in this round'
    )
    assert.include(run.stderr, 'has 3 problems; nothing was matched')
  }).timeout(20_000)

  test('a file that is not JSON, or no --input, exits with status 2', async ({ assert }) => {
    const input = join(dir, 'round.json')
    await writeFile(input, '{ "entrants": [')
    const [broken, missing] = await Promise.all([runMatch(['--input', input]), runMatch([])])
    assert.equal(broken.code, 2)
    assert.include(broken.stderr, 'is not valid JSON')
    assert.equal(broken.stdout, '')
    assert.equal(missing.code, 2)
    assert.include(missing.stderr, '--input')
  }).timeout(20_000)

  test('without --output the result alone goes to standard output', async ({ assert }) => {
    const run = await runMatch(['--input', 'docs/examples/fast_stream_round.json'])
    assert.equal(run.code, 0, run.stderr)
    assert.equal(JSON.parse(run.stdout).stats.matched, 3)
    assert.include(run.stderr, 'Matched 3 of 6 entrants')
  }).timeout(20_000)
})
