import env from '../start/env.js'
import { defineConfig } from '@adonisjs/core/http'

export const appKey = env.get('APP_KEY')

/* As the service's config/app.ts. */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  cookie: { domain: '', path: '/', maxAge: '2h', httpOnly: true, secure: true, sameSite: 'lax' },
})
