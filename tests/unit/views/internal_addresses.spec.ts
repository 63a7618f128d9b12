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

/* The one template that writes a <form> tag. */
const FORM_COMPONENT = join('components', 'form.edge')

/*
 * The route names a line gives: to route(), and to the form component as
 * its `to`, which may choose between two names (an edit form or a new one).
 */
function routeNames(line: string) {
  const names = [...line.matchAll(/\broute\(\s*'([^']+)'\s*[,)]/g)].map((match) => match[1])
  for (const given of line.matchAll(/@form\(\{\s*to:\s*([^,}]+)/g)) {
    const literal = /^'([^']+)'$/.exec(given[1].trim())
    const chosen = [...given[1].matchAll(/'([a-z]\w*(?:\.\w+)+)'/gi)].map((match) => match[1])
    names.push(...(literal ? [literal[1]] : chosen))
  }
  return names
}

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
      for (const name of routeNames(line)) {
        if (!router.has(name, undefined, undefined, true)) unknown.push(`${where}: ${name}`)
      }
    }
    assert.deepEqual(unknown, [])
  })

  test('every form is made by the form component, which takes a route name', ({ assert }) => {
    const handWritten = templateLines()
      .filter(({ where, line }) => /<form\b/.test(line) && !where.startsWith(FORM_COMPONENT))
      .map(({ where, line }) => `${where}: ${line.trim()}`)
    assert.deepEqual(handWritten, [], 'use @form({ to: name, params }) instead of <form>')
  })
})
