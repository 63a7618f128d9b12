/*
 * The error summary's links, as GOV.UK's behave: a link moves focus to its
 * field and scrolls the field's question (its legend, or else its label)
 * into view, so the question is read with the field and not hidden above
 * the top of the screen. Without JavaScript the link still goes to the field.
 */
export default function errorSummary() {
  return {
    follow(event) {
      const id = (event.currentTarget.getAttribute('href') || '').slice(1)
      const input = id ? document.getElementById(id) : null
      if (!input) return
      const question = questionOf(input)
      if (!question) return
      event.preventDefault()
      question.scrollIntoView()
      input.focus({ preventScroll: true })
    },
  }
}

/*
 * A field in a fieldset is asked by its legend, when the legend is on the
 * same screen as the field (a long list of radios asks it far above);
 * otherwise by its own label.
 */
function questionOf(input) {
  const fieldset = input.closest('fieldset')
  const legend = fieldset ? fieldset.querySelector('legend') : null
  if (legend) {
    const legendTop = legend.getBoundingClientRect().top
    const inputTop = input.getBoundingClientRect().top
    if (inputTop - legendTop < window.innerHeight / 2) return legend
  }
  return document.querySelector(`label[for="${CSS.escape(input.id)}"]`) || legend
}
