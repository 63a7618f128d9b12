import Alpine from '@alpinejs/csp'
import navigation from './alpine/navigation.js'
import jobProgress from './alpine/job_progress.js'
import shortlist from './alpine/shortlist.js'
import rosterSelection from './alpine/roster_selection.js'
import errorSummary from './alpine/error_summary.js'
import { keepOnlyKnownDirectives } from './alpine/guard.js'

const components = { navigation, jobProgress, shortlist, rosterSelection, errorSummary }
for (const [name, component] of Object.entries(components)) Alpine.data(name, component)
keepOnlyKnownDirectives(Alpine, Object.keys(components))

window.Alpine = Alpine
Alpine.start()
