/*
 * Alpine runs only what the templates wrote. Directives are kept on an
 * element only when it sits in a component this script registered (its
 * x-data names one), the directive is one the templates use, and its
 * value is the name of one of the component's own properties or methods
 * (optionally negated). Anything else — markup that reached the page from
 * data, an unknown x-data, x-init, x-html, magics such as $el — has its
 * directives removed before Alpine reads them, on the first start and for
 * every element added later. docs/adr/0008-output-escaping.md says why.
 */
const DIRECTIVE = /^(x-|:|@)/
const USED = /^(x-data|x-text|x-ref|x-bind:[a-z-]+|x-on:[a-z-]+|:[a-z-]+)$/
const MEMBER = /^!?[A-Za-z_][A-Za-z0-9_]*$/

export function keepOnlyKnownDirectives(Alpine, components) {
  const known = new Set(components)
  Alpine.interceptInit((element) => {
    const names = element.getAttributeNames().filter((name) => DIRECTIVE.test(name))
    if (names.length === 0) return
    const root = element.hasAttribute('x-data')
      ? element
      : element.parentElement?.closest('[x-data]')
    const inComponent = Boolean(root) && known.has(root.getAttribute('x-data'))
    for (const name of names) {
      const value = element.getAttribute(name) ?? ''
      const allowed =
        inComponent &&
        USED.test(name) &&
        (name === 'x-data' ? known.has(value) : MEMBER.test(value.trim()))
      if (!allowed) element.removeAttribute(name)
    }
  })
}
