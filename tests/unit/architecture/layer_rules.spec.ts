import { test } from '@japa/runner'
import { ESLint } from 'eslint'

/*
 * The layer rules in eslint.config.js (docs/CONTEXT.md, "Layers"), run
 * through ESLint itself on small pieces of code placed in each folder, and
 * on the folders as they are: a rule that stops firing fails here.
 */
const LAYER_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'])

let eslint: ESLint

async function layerErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((message) => LAYER_RULES.has(message.ruleId ?? ''))
}

test.group('Layers the linter enforces', (group) => {
  group.setup(() => {
    eslint = new ESLint({ cwd: process.cwd() })
  })

  test('the domain imports nothing from the app but the domain and enums', async ({ assert }) => {
    const file = 'app/domain/workforce/example.ts'
    for (const code of [
      "import { counted } from '#services/wording'\nexport const a = counted\n",
      "import type User from '#models/user'\nexport type A = User\n",
      "import { counted } from '../../services/wording.js'\nexport const a = counted\n",
      "import db from '@adonisjs/lucid/services/db'\nexport const a = db\n",
      "export const load = () => import('#queries/capability/gaps_query')\n",
    ]) {
      const errors = await layerErrors(file, code)
      assert.lengthOf(errors, 1, code)
      assert.include(errors[0].message, 'The domain is pure')
    }
    const allowed = [
      "import { DateTime } from 'luxon'",
      "import { Roles } from '#enums/roles'",
      "import { overlaps } from '#domain/fast_stream/postings'",
      "import type { Grade } from '../../enums/grades.js'",
      "import type { HttpContext } from '@adonisjs/core/http'",
      'export const all = [DateTime, Roles, overlaps]',
      'export type Context = HttpContext | Grade',
    ].join('\n')
    assert.deepEqual(await layerErrors(file, `${allowed}\n`), [])
  }).timeout(60_000)

  test('models import nothing above them, but a service’s types', async ({ assert }) => {
    const file = 'app/models/example.ts'
    for (const code of [
      "import type { T } from '#actions/capability/refresh_standings'\nexport type A = T\n",
      "import { recordAudit } from '#services/audit'\nexport const a = recordAudit\n",
      "import HomeController from '#controllers/home_controller'\nexport const a = HomeController\n",
      "import { x } from '#queries/learning/roster_query'\nexport const a = x\n",
      "import { x } from '#validators/catalogue'\nexport const a = x\n",
      "import { x } from '#transformers/user_transformer'\nexport const a = x\n",
      "export const load = () => import('#actions/capability/refresh_standings')\n",
    ]) {
      const errors = await layerErrors(file, code)
      assert.lengthOf(errors, 1, code)
      assert.include(errors[0].message, 'Models sit below')
    }
    const allowed = [
      "import type { AuditEntry } from '#services/audit'",
      "import User from '#models/user'",
      "import type { StandingsTarget } from '#domain/capability/standings'",
      'export const all = [User]',
      'export type Types = AuditEntry | StandingsTarget',
    ].join('\n')
    assert.deepEqual(await layerErrors(file, `${allowed}\n`), [])
  }).timeout(60_000)

  test('validators import no queries, actions or controllers', async ({ assert }) => {
    const file = 'app/validators/example.ts'
    for (const code of [
      "import { x } from '#queries/fast_stream/match_results_query'\nexport const a = x\n",
      "import type { T } from '#actions/learning/save_course_session'\nexport type A = T\n",
      "import X from '#controllers/home_controller'\nexport const a = X\n",
    ]) {
      const errors = await layerErrors(file, code)
      assert.lengthOf(errors, 1, code)
      assert.include(errors[0].message, 'Validators sit below')
    }
    const allowed =
      "import { withoutBlanks } from '#services/list_pipeline'\nexport const a = withoutBlanks\n"
    assert.deepEqual(await layerErrors(file, allowed), [])
  }).timeout(60_000)

  test('the domain, models and validators keep the rules today', async ({ assert }) => {
    const results = await eslint.lintFiles(['app/domain', 'app/models', 'app/validators'])
    const broken = results.flatMap((result) =>
      result.messages
        .filter((message) => LAYER_RULES.has(message.ruleId ?? ''))
        .map((message) => `${result.filePath}:${message.line} ${message.message}`)
    )
    assert.isAbove(results.length, 50)
    assert.deepEqual(broken, [])
  }).timeout(120_000)
})
