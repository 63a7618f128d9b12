import vine from '@vinejs/vine'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { SKILL_LEVELS } from '#domain/framework/levels'

const LEVELS = SKILL_LEVELS.map((entry) => entry.level) as number[]

/* A person's current role level (needed) and target role level (optional). */
export const roleLevelsValidator = vine.create({
  currentRoleLevelId: vine.number().withoutDecimals().positive(),
  targetRoleLevelId: vine.number().withoutDecimals().positive().optional(),
})

roleLevelsValidator.messagesProvider = new FormMessages({
  'currentRoleLevelId.required': 'Select the role level you are at now',
  ...idMessages('currentRoleLevelId', 'Select the role level you are at now from the list'),
  ...idMessages('targetRoleLevelId', 'Select the role level you want to move to from the list'),
})

/* A line manager's judgement of a self-assessment or a skill claim. */
export const judgementValidator = vine.create({
  decision: vine.enum(['agree', 'other', 'reject'] as const),
  level: vine.number().in(LEVELS).optional().requiredWhen('decision', 'in', ['other', 'reject']),
  comment: vine.string().multiline().trim().maxLength(1000).optional(),
})

judgementValidator.messagesProvider = new FormMessages({
  ...sameMessage('decision', ['required', 'enum'], 'Choose whether you agree or set another level'),
  ...sameMessage('level', ['required', 'number', 'in'], 'Select the level you judge them to be at'),
  'comment.string': 'Enter your comment as text',
  'comment.maxLength': 'Your comment must be 1,000 characters or fewer',
})

/* The self-assessment form's field for one skill. */
export function skillField(skillId: number) {
  return `skill-${skillId}`
}

/*
 * Reads a self-assessment form: one level for each skill listed, with a
 * message naming the skill for any left out. Checked by hand because the
 * fields depend on the person's role levels.
 */
export function readSelfAssessment(
  input: Record<string, unknown>,
  skills: { id: number; name: string }[]
):
  | { answers: { skillId: number; level: number }[] }
  | { errors: Record<string, string[]>; entered: Record<string, string> } {
  const answers: { skillId: number; level: number }[] = []
  const errors: Record<string, string[]> = {}
  const entered: Record<string, string> = {}
  for (const skill of skills) {
    const field = skillField(skill.id)
    const raw = input[field]
    const level = Number(raw)
    if (raw !== undefined && raw !== null) entered[field] = String(raw)
    if (LEVELS.includes(level)) answers.push({ skillId: skill.id, level })
    else errors[field] = [`Select your level for ${skill.name}`]
  }
  return Object.keys(errors).length ? { errors, entered } : { answers }
}

/* The API's self-assessment: levels for skills of the caller's role levels. */
export const apiSelfAssessmentValidator = vine.create({
  assessments: vine
    .array(
      vine.object({
        skillId: vine.number().withoutDecimals().positive(),
        level: vine.number().in(LEVELS),
      })
    )
    .minLength(1),
})

apiSelfAssessmentValidator.messagesProvider = new FormMessages({
  ...sameMessage('assessments', ['required', 'array'], 'Send the assessments as a list'),
  'assessments.minLength': 'Send at least one assessment',
  'assessments.*.skillId.required': 'Give the skill’s id',
  'assessments.*.skillId.number': 'Give the skill’s id as a number',
  ...sameMessage('assessments.*.level', ['required', 'number', 'in'], 'Give a level from 1 to 4'),
})

/* The API's validation of a self-assessment: a level and an optional comment. */
export const apiValidationValidator = vine.create({
  level: vine.number().in(LEVELS),
  comment: vine.string().multiline().trim().maxLength(1000).optional(),
})

apiValidationValidator.messagesProvider = new FormMessages({
  ...sameMessage('level', ['required', 'number', 'in'], 'Give a level from 1 to 4'),
  'comment.maxLength': 'The comment must be 1,000 characters or fewer',
})
