import { join } from 'node:path'
import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { templates } from '#tests/support/source_files'

/*
 * The server error page stands alone on purpose: it must render even when
 * routing is what failed, so it links to the root by its path.
 */
const STANDALONE = new Set([join('pages', 'errors', 'server_error.edge')])

/* Each line of each template but the standalone ones, with Edge comments left out. */
function templateLines() {
  const lines: Array<{ where: string; line: string }> = []
  for (const { path, text } of templates()) {
    if (STANDALONE.has(path)) continue
    const code = text.replace(/\{\{--[\s\S]*?--\}\}/g, (comment) => comment.replace(/[^\n]/g, ' '))
    for (const [index, line] of code.split('\n').entries()) {
      lines.push({ where: `${path}:${index + 1}`, line })
    }
  }
  return lines
}

/*
 * Ways a template can write one of the service's own addresses by hand:
 * an attribute that starts with a path, a path written on after an
 * interpolation, or a quoted path in an Edge expression.
 */
const LITERAL_ADDRESSES = [
  /\s(href|action|formaction|src|data-url)="\/(?!\/)/,
  /\s(href|action|formaction|src|data-url)="[^"]*\}\}\/[^"]*"/,
  /(['"`])\/[a-z0-9][\w./-]*/i,
]

test.group('Templates address pages by route name', () => {
  test('no template writes an internal link, form action or address as a literal path', ({
    assert,
  }) => {
    const problems: string[] = []
    for (const { where, line } of templateLines()) {
      if (LITERAL_ADDRESSES.some((pattern) => pattern.test(line))) {
        problems.push(`${where}: ${line.trim()}`)
      }
    }
    assert.deepEqual(problems, [], 'use route(name, params) instead of a path')
  })

  test('every route a template names by route() exists', ({ assert }) => {
    router.commit()
    const unknown: string[] = []
    for (const { where, line } of templateLines()) {
      for (const match of line.matchAll(/\broute\(\s*'([^']+)'\s*[,)]/g)) {
        if (!router.has(match[1], undefined, undefined, true)) {
          unknown.push(`${where}: ${match[1]}`)
        }
      }
    }
    assert.deepEqual(unknown, [])
  })
})
