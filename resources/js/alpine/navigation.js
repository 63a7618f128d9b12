/*
 * The mobile menu: hidden behind a button when JavaScript runs; without
 * JavaScript the navigation is simply shown in full.
 */
export default function navigation() {
  return {
    open: false,
    enhanced: false,
    init() {
      this.enhanced = true
    },
    toggle() {
      this.open = !this.open
    },
    close() {
      this.open = false
    },
    get expanded() {
      return this.open ? 'true' : 'false'
    },
    get smallScreenClass() {
      return this.enhanced && !this.open ? 'hidden md:block' : ''
    },
  }
}
