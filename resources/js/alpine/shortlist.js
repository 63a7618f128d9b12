/*
 * Drag and drop on an entrant's shortlist. Without JavaScript the Move up
 * and Move down buttons change the order one place at a time; with it, a
 * placement can also be dragged to a new place, and the whole new order is
 * saved at once. The page then reloads to show the saved order; if the
 * order cannot be saved, the list goes back as it was and says why.
 */
export default function shortlist() {
  return {
    enhanced: false,
    dragged: null,
    before: [],
    problem: '',

    init() {
      this.enhanced = true
    },

    get draggable() {
      return this.enhanced ? 'true' : 'false'
    },

    items() {
      return Array.from(this.$refs.list.children).filter((item) => item.dataset.id)
    },

    start(event) {
      this.dragged = event.currentTarget
      this.before = this.items()
      this.problem = ''
      event.dataTransfer.effectAllowed = 'move'
      event.dataTransfer.setData('text/plain', this.dragged.dataset.id)
      this.dragged.classList.add('opacity-50')
    },

    over(event) {
      if (!this.dragged) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'move'
    },

    drop(event) {
      if (!this.dragged) return
      event.preventDefault()
      const target = event.currentTarget
      if (target === this.dragged) return
      const items = this.items()
      const downwards = items.indexOf(this.dragged) < items.indexOf(target)
      this.$refs.list.insertBefore(this.dragged, downwards ? target.nextSibling : target)
      this.save(this.dragged.dataset.id)
    },

    end() {
      if (this.dragged) this.dragged.classList.remove('opacity-50')
      this.dragged = null
    },

    async save(movedId) {
      const list = this.$refs.list
      const placements = this.items().map((item) => Number(item.dataset.id))
      const token = this.$root.querySelector('input[name="_csrf"]')
      try {
        const response = await fetch(list.dataset.action, {
          method: 'PUT',
          credentials: 'same-origin',
          headers: {
            'Accept': 'application/json',
            'Content-Type': 'application/json',
            'X-CSRF-TOKEN': token ? token.value : '',
          },
          body: JSON.stringify({
            round: Number(list.dataset.round),
            placements,
            moved: Number(movedId),
          }),
        })
        if (response.ok) {
          window.location.reload()
          return
        }
        const body = await response.json().catch(() => ({}))
        this.problem =
          body.detail ||
          'Your new order was not saved. Try again, or use the Move up and Move down buttons.'
      } catch {
        this.problem =
          'Your new order was not saved. Try again, or use the Move up and Move down buttons.'
      }
      for (const item of this.before) list.appendChild(item)
    },
  }
}
