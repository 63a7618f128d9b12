import Alpine from '@alpinejs/csp'
import navigation from './alpine/navigation.js'

Alpine.data('navigation', navigation)

window.Alpine = Alpine
Alpine.start()
