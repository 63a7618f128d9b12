import vine from '@vinejs/vine'
import { dateFromParts } from '#validators/date_parts'
import { FormMessages, idMessages } from '#validators/messages'

/* The groups of a roster whose people a course admin can select to mark. */
export const SELECTABLE_GROUPS = ['booked', 'attended', 'no_show'] as const
export type SelectableGroup = (typeof SELECTABLE_GROUPS)[number]

const ids = () => vine.array(vine.number().withoutDecimals().positive()).maxLength(1000).optional()
const datePart = () => vine.string().trim().maxLength(10).optional()

/*
 * The roster's form for many people at once: what to record, the people
 * ticked, the groups whose "select all" box is ticked with the people each
 * listed when the page was drawn (so "all" works without JavaScript and
 * never takes in someone the admin did not see), and a completion date.
 */
export const rosterAttendanceValidator = vine.create({
  mark: vine.enum(['attended', 'no_show', 'completed'] as const),
  enrolments: ids(),
  all: vine.array(vine.enum(SELECTABLE_GROUPS)).maxLength(SELECTABLE_GROUPS.length).optional(),
  listed: vine.object({ booked: ids(), attended: ids(), no_show: ids() }).optional(),
  completedOn: vine.object({ day: datePart(), month: datePart(), year: datePart() }).optional(),
})

rosterAttendanceValidator.messagesProvider = new FormMessages({
  'mark.required': 'Choose what to record for the people you selected',
  'mark.enum': 'Choose attended, did not attend or completed',
  'enrolments.array': 'Select people from the roster',
  ...idMessages('enrolments.*', 'Select people from the roster'),
  'enrolments.maxLength': 'Select at most 1,000 people at once',
  'all.array': 'Select people from the roster',
  'all.*.enum': 'Select people from the roster',
})

export type RosterAttendanceInput = Awaited<ReturnType<typeof rosterAttendanceValidator.validate>>

/* The people the form selects: each one ticked, and everyone listed in a group whose "select all" is ticked. */
export function selectedEnrolmentIds(input: RosterAttendanceInput) {
  const selected = new Set(input.enrolments ?? [])
  for (const group of input.all ?? []) {
    for (const id of input.listed?.[group] ?? []) selected.add(id)
  }
  return [...selected]
}

const LABEL = 'The completion date'

/*
 * The completion date typed as day, month and year: null when all three
 * are blank (the session's last day is used), else an ISO date or what is
 * wrong with it in the words the form shows. Its bounds (the session's
 * first day to today) are the action's rule.
 */
export function completionDate(
  parts: RosterAttendanceInput['completedOn']
): { date: string | null } | { error: string } {
  const day = parts?.day ?? ''
  const month = parts?.month ?? ''
  const year = parts?.year ?? ''
  const read = dateFromParts({ day, month, year }, LABEL, '27 3 2026')
  if (!read) return { date: null }
  if ('error' in read) return read
  return { date: read.date.toISODate()! }
}
