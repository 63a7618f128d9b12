import db from '@adonisjs/lucid/services/db'

/* The Fast Stream team's home figures, counted in one statement. */
export async function fastStreamCounts() {
  const row = await db
    .query()
    .select(
      db.raw('(select count(*) from fast_stream_schemes) as schemes'),
      db.raw('(select count(*) from fast_stream_cohorts) as cohorts'),
      db.raw('(select count(*) from fast_stream_entrants) as entrants'),
      db.raw(
        `(select count(*) from fast_stream_entrants e join fast_stream_schemes sc on sc.id = e.scheme_id
           where sc.programme = 'future_leaders') as future_leaders`
      ),
      db.raw(
        `(select count(*) from fast_stream_entrants e where not exists (
           select 1 from fast_stream_postings fp where fp.entrant_id = e.id and fp.is_digital = ?
         )) as without_digital`,
        [true]
      ),
      db.raw('(select count(*) from placement_rounds) as rounds'),
      db.raw("(select count(*) from placement_rounds where status = 'open') as open_rounds"),
      db.raw(
        `(select count(*) from placements p join placement_rounds r on r.id = p.round_id
           where p.status = 'offered' and r.status in ('open', 'closed')) as waiting_placements`
      )
    )
    .first()
  return {
    schemes: Number(row?.schemes ?? 0),
    cohorts: Number(row?.cohorts ?? 0),
    entrants: Number(row?.entrants ?? 0),
    futureLeaders: Number(row?.future_leaders ?? 0),
    withoutDigital: Number(row?.without_digital ?? 0),
    rounds: Number(row?.rounds ?? 0),
    openRounds: Number(row?.open_rounds ?? 0),
    waitingPlacements: Number(row?.waiting_placements ?? 0),
  }
}
