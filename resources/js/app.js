import Alpine from '@alpinejs/csp'
import navigation from './alpine/navigation.js'
import jobProgress from './alpine/job_progress.js'
import shortlist from './alpine/shortlist.js'

Alpine.data('navigation', navigation)
Alpine.data('jobProgress', jobProgress)
Alpine.data('shortlist', shortlist)

window.Alpine = Alpine
Alpine.start()
