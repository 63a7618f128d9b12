import env from '#start/env'

/*
 * The course catalogue. Its filter choices (skills, providers and places
 * with a published course or an upcoming session) are counted once for
 * everyone and kept for CATALOGUE_CACHE_SECONDS (a minute by default); 0
 * counts them on every request (the test suite does).
 */
const catalogueConfig = {
  optionsCacheSeconds: env.get('CATALOGUE_CACHE_SECONDS', 60),
} as const

export default catalogueConfig
