import Alpine from '@alpinejs/csp'
import navigation from './alpine/navigation.js'
import staffImportProgress from './alpine/staff_import_progress.js'

Alpine.data('navigation', navigation)
Alpine.data('staffImportProgress', staffImportProgress)

window.Alpine = Alpine
Alpine.start()
