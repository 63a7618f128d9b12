import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'

/*
 * The floor's answers (bench/README.md). `rows` sets how many rows a page
 * or list carries, so each can be made about the size of the service's
 * answer it stands beside.
 */
const rowsOf = (value: unknown, fallback: number) => {
  const rows = Number(value ?? fallback)
  return Number.isInteger(rows) && rows >= 0 && rows <= 1000 ? rows : fallback
}

/* One query, as a list page's main one: published courses in title order. */
function courses(limit: number) {
  return db
    .from('courses')
    .where('status', 'published')
    .orderBy('title')
    .limit(limit)
    .select('id', 'code', 'title', 'mode', 'duration_hours', 'cost_pence', 'updated_at')
}

router.get('/health', ({ response }) => response.send('ok'))

/* A form page with no query, as the sign-in page: the session's CSRF secret and the CSP nonce. */
router.get('/sign-in', ({ view, request }) =>
  view.render('pages/sign_in', { lines: rowsOf(request.input('rows'), 0) })
)

/* A page with one query, rendered through a layout. */
router.get('/page', async ({ view, request }) => {
  const rows = await courses(rowsOf(request.input('rows'), 20))
  return view.render('pages/list', { rows })
})

/* A JSON list with one query, as an API list answers: no session, no shield beyond fixed headers. */
router.get('/api/list', async ({ request }) => {
  const limit = rowsOf(request.input('rows'), 20)
  const rows = await courses(limit)
  return {
    data: rows.map((row) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      mode: row.mode,
      durationHours: Number(row.duration_hours),
      costPence: Number(row.cost_pence),
      updatedAt: row.updated_at,
    })),
    meta: { page: 1, perPage: limit },
  }
})
