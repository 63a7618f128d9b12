import { test } from '@japa/runner'
import edge from 'edge.js'
import { collapse } from '#tests/support/html'

/* A template that uses a component, rendered with the page's helpers. */
async function render(template: string, data: Record<string, unknown> = {}) {
  return collapse(await edge.renderRaw(template, data))
}

test.group('Table component', () => {
  test('the table sits in a focusable region its caption names, with headers by scope and numbers to the right', async ({
    assert,
  }) => {
    const html = await render(
      `@table({ id: 'teams-table', caption: 'Teams in ' + name, head: ['Team', { text: 'People', numeric: true }, { text: 'Actions', hidden: true }] })
        <tbody><tr><th scope="row">Data</th><td class="text-right">3</td><td></td></tr></tbody>
      @end`,
      { name: 'Digital & Data' }
    )
    assert.equal(
      html,
      '<div class="relative overflow-x-auto" tabindex="0" role="region" aria-labelledby="teams-table-caption">' +
        ' <table class="data-table" id="teams-table">' +
        ' <caption id="teams-table-caption">Teams in Digital &amp; Data</caption>' +
        ' <thead> <tr> <th scope="col">Team</th> <th scope="col" class="text-right">People</th>' +
        ' <th scope="col"><span class="sr-only">Actions</span></th> </tr> </thead>' +
        ' <tbody><tr><th scope="row">Data</th><td class="text-right">3</td><td></td></tr></tbody>' +
        ' </table> </div>'
    )
  })

  test('a hidden caption stays the region’s name; a heading can name the region instead', async ({
    assert,
  }) => {
    const hidden = await render(
      `@table({ captionId: 'plan-caption', caption: 'Your plan', captionHidden: true, class: 'max-w-2xl' })
<tbody></tbody>
@end`
    )
    assert.include(hidden, 'role="region" aria-labelledby="plan-caption"')
    assert.include(hidden, '<table class="data-table max-w-2xl">')
    assert.include(hidden, '<caption id="plan-caption" class="sr-only">Your plan</caption>')

    const byHeading = await render(
      `@table({ id: 'matrix', caption: 'Skills', labelledBy: 'matrix-heading' })
<tbody></tbody>
@end`
    )
    assert.include(byHeading, 'role="region" aria-labelledby="matrix-heading"')
    assert.include(byHeading, '<caption id="matrix-caption">Skills</caption>')
  })
})

test.group('Notice component', () => {
  test('each variant has its own bar, and the notice carries the role, heading and focus it is given', async ({
    assert,
  }) => {
    const success = await render(
      `@notice({ variant: 'success', role: 'status', labelledBy: 'done-title' })
<h2 id="done-title">Saved</h2>
@end`
    )
    assert.equal(
      success,
      '<div class="border-l-8 border-success bg-success-surface p-4 mb-6" role="status" aria-labelledby="done-title"><h2 id="done-title">Saved</h2></div>'
    )
    assert.include(
      await render(`@notice()
<p>Note</p>
@end`),
      'border-l-8 border-border bg-info-surface'
    )
    assert.include(
      await render(`@notice({ variant: 'warning' })
<p>Closed</p>
@end`),
      'border-l-8 border-accent bg-warning-surface'
    )
    assert.include(
      await render(`@notice({ variant: 'important', class: 'mb-8' })
<p>Returned</p>
@end`),
      'class="border-l-8 border-error bg-surface-muted p-4 mb-8"'
    )
    assert.equal(
      await render(
        `@notice({ variant: 'error', role: 'alert', focus: true })
<p>Cannot be read</p>
@end`
      ),
      '<div class="border-4 border-error p-4 mb-6" role="alert" tabindex="-1" autofocus><p>Cannot be read</p></div>'
    )
    assert.match(
      await render(
        `@notice({ element: 'section', labelledBy: 'waiting' })
<h2 id="waiting">Waiting</h2>
@end`
      ),
      /^<section [^>]*aria-labelledby="waiting">/
    )
  })
})

test.group('Page header component', () => {
  test('the back link, the caption and the one h1, in that order, with the text escaped', async ({
    assert,
  }) => {
    const html = await render(
      `@!pageHeader({ title: 'Change ' + name, caption: 'HMRC', back: '/somewhere', backText: 'Back to ' + name })`,
      { name: 'Tom & Jerry' }
    )
    assert.equal(
      html,
      '<p><a href="/somewhere">Back to Tom &amp; Jerry</a></p>' +
        ' <span class="block text-text-muted text-lg">HMRC</span>' +
        ' <h1>Change Tom &amp; Jerry</h1>'
    )
    assert.equal(await render(`@!pageHeader({ title: 'People' })`), '<h1>People</h1>')
  })

  test('a status tag, a subtitle or actions sit with the heading', async ({ assert }) => {
    assert.equal(
      await render(`@!pageHeader({ title: 'Spring round', tag: 'Open' })`),
      '<div class="flex flex-wrap items-baseline gap-4 mb-6"> <h1 class="mb-0">Spring round</h1> <span class="tag">Open</span> </div>'
    )
    assert.equal(
      await render(`@!pageHeader({ title: 'Applicants', subtitle: 'Data analyst' })`),
      '<h1>Applicants <span class="block text-lg text-text-muted font-normal">Data analyst</span></h1>'
    )
    assert.equal(
      await render(`@pageHeader({ title: 'People' })
<a href="#add">Add a person</a>
@end`),
      '<div class="flex flex-wrap items-baseline justify-between gap-4"> <h1>People</h1> <a href="#add">Add a person</a> </div>'
    )
  })
})

test.group('Summary list component', () => {
  test('rows with an action get a link naming their row; rows without keep the two columns', async ({
    assert,
  }) => {
    const withAction = await render(
      `@!summaryList({ class: 'max-w-3xl', rows: [{ key: 'Agile working', value: '2 Working', action: { href: '/a#b', text: 'Change', hidden: 'your level for Agile working' } }] })`
    )
    assert.include(withAction, '<dl class="mb-8 border-t border-border-subtle max-w-3xl">')
    assert.include(withAction, '<dt class="font-bold sm:w-1/2 pr-4">Agile working</dt>')
    assert.include(
      withAction,
      '<a href="/a#b"> Change<span class="sr-only"> your level for Agile working</span> </a>'
    )
    const plain = await render(`@!summaryList({ rows: [{ key: 'Team', value: null }] })`)
    assert.equal(
      plain,
      '<dl class="mb-8 border-t border-border-subtle"> <div class="sm:flex border-b border-border-subtle py-3"> <dt class="font-bold sm:w-1/3 pr-4">Team</dt> <dd class="sm:w-2/3">Not set</dd> </div> </dl>'
    )
  })
})
