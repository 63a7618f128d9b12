import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'
import tailwindcss from '@tailwindcss/vite'

export default defineConfig({
  // Two test runs side by side (CI) each keep their pre-bundled dependencies apart.
  cacheDir: process.env.VITE_CACHE_DIR || 'node_modules/.vite',
  plugins: [
    tailwindcss(),
    adonisjs({
      entryPoints: [
        'resources/css/app.css',
        'resources/js/app.js',
        'resources/js/insights.js',
        'resources/js/package_player.js',
      ],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  // Every dependency is bundled when the dev server starts, not when a page first asks for it:
  // a late discovery re-bundles and reloads the pages open in the browser (tests included).
  optimizeDeps: {
    entries: ['resources/js/app.js', 'resources/js/insights.js', 'resources/js/package_player.js'],
    include: ['@alpinejs/csp', 'chart.js'],
  },
  // Under test nothing is watched and no WebSocket is opened: a file saved mid-run must not reload
  // a page a browser test is using, and two test runs side by side must not meet on one port.
  server:
    process.env.NODE_ENV === 'test'
      ? { watch: null, hmr: false, ws: false }
      : { watch: { ignored: ['**/tmp/**'] } },
})
