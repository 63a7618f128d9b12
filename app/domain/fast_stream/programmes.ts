/*
 * The programmes that place people through placement rounds: the Fast
 * Stream (graduates) and the Future Leaders Scheme (middle managers; both
 * Digital Strategy action 04). They share the rounds, the matching engine
 * and the digital-placement rule; what differs is who may join, how long
 * a participant has to meet the rule, and what a placement must be. Days
 * are ISO 8601 text (yyyy-mm-dd). Pure: no framework imports.
 */
import { addMonths } from '#domain/fast_stream/postings'

export const PROGRAMMES = ['fast_stream', 'future_leaders'] as const
export type Programme = (typeof PROGRAMMES)[number]

export function isProgramme(value: unknown): value is Programme {
  return typeof value === 'string' && (PROGRAMMES as readonly string[]).includes(value)
}

export type ProgrammeRules = {
  /* Months from the start date within which the digital placement must start (the rule's deadline). */
  ruleMonths: number
  /* The grades a person must hold to join; null when any grade may. */
  grades: readonly string[] | null
  /*
   * Whether each placement names a digitally delivered service of the
   * register (a service area), and so counts as digital by that alone.
   */
  placementInService: boolean
}

/*
 * Fast Stream entrants have their first two years; Future Leaders, middle
 * managers at Grade 7 or Grade 6, have the scheme's eighteen months, in
 * which one placement gives them operational management experience in a
 * digitally delivered service area.
 */
export const PROGRAMME_RULES: Record<Programme, ProgrammeRules> = {
  fast_stream: { ruleMonths: 24, grades: null, placementInService: false },
  future_leaders: { ruleMonths: 18, grades: ['G7', 'G6'], placementInService: true },
}

/*
 * How pages and e-mails speak of a programme to the people on it, and of
 * them: its name, the word for one participant and for many (alone, and
 * named with the programme where "entrants" alone would not say whose),
 * and the team that runs it for them. Fast Streamers are entrants; the
 * Future Leaders Scheme's participants are Future Leaders.
 */
export type ProgrammeWords = {
  /* "Fast Stream", "Future Leaders Scheme". */
  name: string
  /* "entrant", "Future Leader". */
  one: string
  /* "entrants", "Future Leaders". */
  many: string
  /* "Fast Stream entrant", "Future Leader". */
  namedOne: string
  /* "Fast Stream entrants", "Future Leaders". */
  namedMany: string
  /* "Fast Stream team", "Future Leaders Scheme team": after "the". */
  team: string
}

export const PROGRAMME_WORDS: Record<Programme, ProgrammeWords> = {
  fast_stream: {
    name: 'Fast Stream',
    one: 'entrant',
    many: 'entrants',
    namedOne: 'Fast Stream entrant',
    namedMany: 'Fast Stream entrants',
    team: 'Fast Stream team',
  },
  future_leaders: {
    name: 'Future Leaders Scheme',
    one: 'Future Leader',
    many: 'Future Leaders',
    namedOne: 'Future Leader',
    namedMany: 'Future Leaders',
    team: 'Future Leaders Scheme team',
  },
}

/* The words for a programme; the Fast Stream's when none is known (as for rows made before programmes). */
export function programmeWords(programme: Programme | null | undefined): ProgrammeWords {
  return PROGRAMME_WORDS[isProgramme(programme) ? programme : 'fast_stream']
}

/* The day the programme's time for the digital placement runs out: a placement must start before it. */
export function ruleDeadline(programme: Programme, startedOn: string) {
  return addMonths(startedOn, PROGRAMME_RULES[programme].ruleMonths)
}

export type JoinRefusal = { code: 'grade'; grades: readonly string[] } | { code: 'programme' }

/*
 * Why a person may not be (or become) a participant of a scheme of this
 * programme, or null when they may: their grade is not one the programme
 * takes (no grade recorded counts as not one), or they are already a
 * participant of the other programme (a participant stays in theirs).
 */
export function joinRefusal(
  programme: Programme,
  person: { grade: string | null; currentProgramme?: Programme | null }
): JoinRefusal | null {
  if (person.currentProgramme && person.currentProgramme !== programme) {
    return { code: 'programme' }
  }
  const grades = PROGRAMME_RULES[programme].grades
  if (grades && !(person.grade !== null && grades.includes(person.grade))) {
    return { code: 'grade', grades }
  }
  return null
}
