/*
 * The mobile menu: where scripts run, the navigation starts folded on a
 * phone behind the Menu button (the stylesheet's .folding-navigation, from
 * the first paint, so nothing moves when this starts); without JavaScript
 * the navigation is simply shown in full and the button not at all.
 */
export default function navigation() {
  return {
    open: false,
    toggle() {
      this.open = !this.open
    },
    close() {
      this.open = false
    },
    get expanded() {
      return this.open ? 'true' : 'false'
    },
    get openClass() {
      return this.open ? 'is-open' : ''
    },
  }
}
