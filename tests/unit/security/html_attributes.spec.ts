import { test } from '@japa/runner'
import { attributesHtml, escapeHtml, safeUrl } from '#services/html_attributes'
import { templates } from '#tests/support/source_files'

test.group('Attributes written from data', () => {
  test('every value is escaped, so it cannot end its attribute or start a tag', ({ assert }) => {
    const written = attributesHtml({
      'value': `"><i x-data x-init="$el.form.requestSubmit()">`,
      'title': `' autofocus onfocus=alert(1) '`,
      'aria-label': '</textarea><script>alert(1)</script>',
      'data-url': '/a?b=1&c=2',
    })
    assert.equal(
      written,
      'value="&quot;&gt;&lt;i x-data x-init=&quot;$el.form.requestSubmit()&quot;&gt;" ' +
        'title="&#39; autofocus onfocus=alert(1) &#39;" ' +
        'aria-label="&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" ' +
        'data-url="/a?b=1&amp;c=2"'
    )
  })

  test('true writes the bare name, false and nothing leave it out, numbers and zero are written', ({
    assert,
  }) => {
    assert.equal(
      attributesHtml({ checked: true, disabled: false, hidden: null, title: undefined, value: 0 }),
      'checked value="0"'
    )
  })

  test('class takes a list or conditions, and is left out when empty', ({ assert }) => {
    assert.equal(attributesHtml({ class: ['a', 'b"c'] }), 'class="a b&quot;c"')
    assert.equal(attributesHtml({ class: { on: true, off: false } }), 'class="on"')
    assert.equal(attributesHtml({ class: '' }), '')
  })

  test('event handlers, Alpine directives and odd names are refused', ({ assert }) => {
    for (const name of ['onclick', 'x-init', 'x-data', '@click', ':value', 'a b', 'A', '"x']) {
      assert.throws(() => attributesHtml({ [name]: '1' }), /cannot be written as an attribute/)
    }
  })

  test('text between tags is escaped too', ({ assert }) => {
    assert.equal(
      escapeHtml(`<b class="x">'&'</b>`),
      '&lt;b class=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;'
    )
  })

  test('only http and https addresses are used as links', ({ assert }) => {
    assert.equal(safeUrl('https://example.gov.uk/a?b=1'), 'https://example.gov.uk/a?b=1')
    assert.equal(safeUrl('http://example.gov.uk/'), 'http://example.gov.uk/')
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      '/relative',
      '',
      null,
      7,
    ]) {
      assert.isNull(safeUrl(bad), String(bad))
    }
  })
})

/*
 * Unescaped output the views may use: a component's slot (the layout's with its error summary put
 * in the fields' order), and API reference text that escapes first.
 */
const ALLOWED_RAW = [
  /^await \$slots\.\w+\(\)$/,
  /^errorsInPageOrder\(await \$slots\.main\(\)\)$/,
  /^(inlineMarkup|markup)\([\w.]+\)$/,
]

test.group('Templates write data escaped', () => {
  test('no template uses html.attrs, html.safe or unescaped output beyond slots', ({ assert }) => {
    const problems: string[] = []
    for (const { path, text } of templates()) {
      for (const [index, line] of text.split('\n').entries()) {
        if (/html\.(attrs|safe)\(/.test(line)) problems.push(`${path}:${index + 1}: ${line.trim()}`)
        for (const match of line.matchAll(/\{\{\{\s*([\s\S]*?)\s*\}\}\}/g)) {
          if (!ALLOWED_RAW.some((allowed) => allowed.test(match[1]))) {
            problems.push(`${path}:${index + 1}: ${match[0]}`)
          }
        }
      }
    }
    assert.deepEqual(problems, [])
  })

  test('Alpine directives are written only in templates, never built from data', ({ assert }) => {
    const problems: string[] = []
    for (const { path, text } of templates()) {
      for (const [index, line] of text.split('\n').entries()) {
        // A directive's value must be literal: no {{ }} inside x-…="…", :…="…" or @…="…".
        for (const match of line.matchAll(/\s(x-[\w:.-]+|:[\w-]+|@[\w.-]+)="([^"]*)"/g)) {
          if (match[2].includes('{{')) problems.push(`${path}:${index + 1}: ${match[0].trim()}`)
        }
      }
    }
    assert.deepEqual(problems, [])
  })
})
