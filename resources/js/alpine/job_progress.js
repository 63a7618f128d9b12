/*
 * Progress of queued work (a staff import being checked or applied, a
 * round being matched): polls the address in data-url for { percent,
 * working }, moves the bar, and reloads the page when the work is done. The visible text follows every poll; screen readers hear the
 * percentage when it passes each further ten per cent, not every second.
 */
export default function jobProgress() {
  return {
    percent: 0,
    announced: 0,
    step: 0,
    timer: null,
    init() {
      this.percent = Number(this.$el.dataset.percent) || 0
      this.announced = this.percent
      this.step = Math.floor(this.percent / 10)
      this.timer = setInterval(() => this.poll(), 1000)
    },
    destroy() {
      clearInterval(this.timer)
    },
    async poll() {
      try {
        const response = await fetch(this.$el.dataset.url, { headers: { Accept: 'application/json' } })
        if (!response.ok) return
        const progress = await response.json()
        this.percent = progress.percent
        if (Math.floor(progress.percent / 10) > this.step) {
          this.step = Math.floor(progress.percent / 10)
          this.announced = progress.percent
        }
        if (!progress.working) {
          clearInterval(this.timer)
          window.location.reload()
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
    },
    get label() {
      return `${this.percent}% done`
    },
    get announcement() {
      return `${this.announced}% done`
    },
  }
}
