/*
 * Ticking people on a session's roster. Without JavaScript the box at the
 * top of a table selects everyone listed in it when the form is sent; with
 * it, that box also ticks or clears every row, and shows as ticked, clear
 * or part-ticked as rows change, so what is sent is what is shown.
 */
export default function rosterSelection() {
  return {
    rowsOf(group) {
      return Array.from(this.$root.querySelectorAll('input[data-row-of]')).filter(
        (box) => box.dataset.rowOf === group
      )
    },

    toggleGroup(event) {
      const all = event.currentTarget
      for (const box of this.rowsOf(all.dataset.allOf)) box.checked = all.checked
      all.indeterminate = false
    },

    syncGroup(event) {
      const group = event.currentTarget.dataset.rowOf
      const all = Array.from(this.$root.querySelectorAll('input[data-all-of]')).find(
        (box) => box.dataset.allOf === group
      )
      if (!all) return
      const rows = this.rowsOf(group)
      const ticked = rows.filter((box) => box.checked).length
      all.checked = ticked === rows.length
      all.indeterminate = ticked > 0 && ticked < rows.length
    },
  }
}
