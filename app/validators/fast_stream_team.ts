import vine from '@vinejs/vine'
import { FormMessages, idMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { recordId } from '#validators/fields'
import { dayFromParts } from '#validators/date_parts'
import { clearanceValues } from '#enums/fast_stream'

/* The most skills one placement may list. */
export const MAX_PLACEMENT_SKILLS = 10

const placementFields = {
  title: vine.string().trim().minLength(2).maxLength(200),
  location: vine.string().trim().minLength(2).maxLength(120),
  description: vine.string().multiline().trim().minLength(20).maxLength(5000),
  skillIds: vine
    .array(recordId())
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .minLength(1)
    .maxLength(MAX_PLACEMENT_SKILLS),
  clearanceRequired: vine.enum(clearanceValues),
  isDigital: vine.enum(['yes', 'no'] as const),
  capacity: vine.number().withoutDecimals().range([1, 20]),
  startsOn: dayFromParts('The start date', '7 9 2026'),
  serviceId: recordId().optional(),
}

const placementMessages = {
  ...requiredIdMessages('roundId', 'Select the round to offer the placement in'),
  ...sameMessage('title', ['required', 'string'], 'Enter the title of the placement'),
  'title.minLength': 'The title must be 2 characters or more',
  'title.maxLength': 'The title must be 200 characters or fewer',
  ...sameMessage(
    'location',
    ['required', 'string'],
    'Enter where the entrant will work, like Leeds'
  ),
  'location.minLength': 'The location must be 2 characters or more',
  'location.maxLength': 'The location must be 120 characters or fewer',
  ...sameMessage(
    'description',
    ['required', 'string'],
    'Describe the placement: the team, the work and what the entrant will do'
  ),
  'description.minLength': 'The description must be 20 characters or more',
  'description.maxLength': 'The description must be 5,000 characters or fewer',
  'skillIds.required': 'Select at least one skill the placement develops',
  'skillIds.array': 'Select the skills the placement develops from the list',
  'skillIds.minLength': 'Select at least one skill the placement develops',
  'skillIds.maxLength': `Select no more than ${MAX_PLACEMENT_SKILLS} skills`,
  ...idMessages('skillIds.*', 'Select the skills the placement develops from the list'),
  ...sameMessage(
    'clearanceRequired',
    ['required', 'enum'],
    'Select the security clearance the placement needs'
  ),
  ...sameMessage('isDigital', ['required', 'enum'], 'Select yes if this is a digital placement'),
  'capacity.required': 'Enter how many entrants the placement takes',
  ...sameMessage(
    'capacity',
    ['number', 'withoutDecimals'],
    'Enter the number of entrants as a whole number, like 2'
  ),
  'capacity.range': 'The placement must take between 1 and 20 entrants',
  'startsOn.required': 'Enter the date the placement starts',
  'startsOn.dateRange': 'The start date must be between {{ earliest }} and {{ latest }}',
  ...idMessages('serviceId', 'Select the service the placement works in from the list'),
}

/* A placement a team lead offers in a round. */
export const offerPlacementValidator = vine.create({ roundId: recordId(), ...placementFields })
offerPlacementValidator.messagesProvider = new FormMessages(placementMessages)

/* Changes to a placement; its round stays the same. */
export const updatePlacementValidator = vine.create(placementFields)
updatePlacementValidator.messagesProvider = new FormMessages(placementMessages)

export type RankingFormResult =
  { type: 'valid'; ranking: number[] } | { type: 'invalid'; errors: Record<string, string> }

/*
 * The ranking form's key for an applicant: "e12" for entrant 12. A letter
 * first, so the body parser keeps an object and does not read the keys as
 * the indexes of an array.
 */
export function rankKey(entrantId: number) {
  return `e${entrantId}`
}

/* "Amy Adams, Ben Brown and Cat Clark". */
const NAME_LIST = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' })

/*
 * Applicants given the same rank, one group per rank in the form's order.
 * A clash is reported once, on the first applicant who repeats the rank,
 * naming everyone who shares it.
 */
function rankClashes<Entry extends { rank: number }>(ranked: Entry[]): Entry[][] {
  const byRank = new Map<number, Entry[]>()
  for (const entry of ranked) byRank.set(entry.rank, [...(byRank.get(entry.rank) ?? []), entry])
  return [...byRank.values()].filter((group) => group.length > 1)
}

/*
 * Reads the ranking form: a rank for each applicant, keyed by rankKey,
 * blank for one the team does not rank. Ranks are whole numbers from 1 to
 * the number of applicants, each used once; gaps close up (ranks 1, 2 and
 * 4 are saved as 1, 2 and 3). Messages name the applicant; applicants
 * sharing a rank are named in one message.
 */
export function readRankingForm(
  applicants: { entrantId: number; name: string }[],
  input: unknown
): RankingFormResult {
  const values = input && typeof input === 'object' ? (input as Record<string, unknown>) : {}
  const count = applicants.length
  const errors: Record<string, string> = {}
  const ranked: { entrantId: number; name: string; rank: number }[] = []
  for (const applicant of applicants) {
    const raw = values[rankKey(applicant.entrantId)]
    const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : ''
    if (text === '') continue
    const key = `ranks.${rankKey(applicant.entrantId)}`
    if (!/^\d+$/.test(text)) {
      errors[key] = `Enter ${applicant.name}’s rank as a whole number, like 1, or leave it blank`
      continue
    }
    const rank = Number(text)
    if (rank < 1 || rank > count) {
      errors[key] =
        `${applicant.name}’s rank must be between 1 and ${count}, or blank for not ranked`
      continue
    }
    ranked.push({ entrantId: applicant.entrantId, name: applicant.name, rank })
  }
  for (const clash of rankClashes(ranked)) {
    const [, repeat] = clash
    const names = NAME_LIST.format(clash.map((entry) => entry.name))
    errors[`ranks.${rankKey(repeat.entrantId)}`] =
      `${names} ${clash.length === 2 ? 'both' : 'all'} have rank ${repeat.rank}: give each applicant a different rank`
  }
  if (Object.keys(errors).length) return { type: 'invalid', errors }
  return {
    type: 'valid',
    ranking: ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.entrantId),
  }
}

/* The API's ranking: entrant ids, best first; applicants left out are not ranked. */
export const apiRankingValidator = vine.create({
  entrants: vine.array(recordId()).maxLength(5000),
})

apiRankingValidator.messagesProvider = new FormMessages({
  'entrants.required':
    'Give entrants: the ids of the applicants, best first (an empty list ranks no one)',
  'entrants.array': 'entrants must be a list of entrant ids, best first',
  'entrants.maxLength': 'entrants may list at most 5,000 ids',
  ...idMessages('entrants.*', 'Each entry of entrants must be the id of an entrant'),
})
