import Alpine from '@alpinejs/csp'
import navigation from './alpine/navigation.js'
import staffImportProgress from './alpine/staff_import_progress.js'
import shortlist from './alpine/shortlist.js'

Alpine.data('navigation', navigation)
Alpine.data('staffImportProgress', staffImportProgress)
Alpine.data('shortlist', shortlist)

window.Alpine = Alpine
Alpine.start()
