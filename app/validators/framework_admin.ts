import vine from '@vinejs/vine'
import { gradeValues } from '#enums/grades'
import type { FieldContext } from '@vinejs/vine/types'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { SKILL_LEVELS } from '#domain/framework/levels'
import { sentenceStart } from '#domain/shared/wording'

/* FormMessages that also match list items by their wildcard path ("typicalGrades.*.enum"). */
class ListFormMessages extends FormMessages {
  constructor(private listMessages: Record<string, string>) {
    super(listMessages)
  }

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const wildcard = field.wildCardPath ? this.listMessages[`${field.wildCardPath}.${rule}`] : null
    return wildcard ?? super.getMessage(rawMessage, rule, field, args)
  }
}

/* A single checkbox arrives as a string; a list of them as an array. */
const asList = (value: unknown) =>
  value === undefined || value === null || Array.isArray(value) ? value : [value]

const name = () => vine.string().trim().minLength(2).maxLength(200)
const description = () => vine.string().multiline().trim().maxLength(2000).optional()
const position = () => vine.number().withoutDecimals().range([0, 9999]).optional()
const skillLevel = () => vine.number().withoutDecimals().range([1, 4])
const descriptor = () => vine.string().multiline().trim().minLength(1).maxLength(2000)

const LEVEL_RANGE = 'Select Awareness, Working, Practitioner or Expert'

/* A framework item's name, in the words of its form: "Enter a name for the role". */
const nameMessages = (thing: string) => ({
  ...sameMessage('name', ['required', 'string'], `Enter a name for the ${thing}`),
  'name.minLength': `${sentenceStart(thing)} name must be 2 characters or more`,
  'name.maxLength': `${sentenceStart(thing)} name must be 200 characters or fewer`,
})

/* Each level's descriptor, named by its level: "Enter the Awareness descriptor". */
const descriptorMessages = Object.fromEntries(
  SKILL_LEVELS.flatMap(({ level, name: levelName }) =>
    Object.entries({
      ...sameMessage(
        `descriptor${level}`,
        ['required', 'string', 'minLength'],
        `Enter the ${levelName} descriptor`
      ),
      [`descriptor${level}.maxLength`]: `The ${levelName} descriptor must be 2,000 characters or fewer`,
    })
  )
)

const descriptionMessages = {
  'description.string': 'Enter the description as text',
  'description.maxLength': 'Description must be 2,000 characters or fewer',
}

const positionMessages = {
  ...sameMessage(
    'position',
    ['number', 'withoutDecimals'],
    'Order must be a whole number, like 10'
  ),
  'position.range': 'Order must be between 0 and 9999',
}

/* What the role family form may send. */
export const roleFamilyValidator = vine.create({
  name: name(),
  description: description(),
  position: position(),
})

roleFamilyValidator.messagesProvider = new FormMessages({
  ...nameMessages('role family'),
  ...descriptionMessages,
  ...positionMessages,
})

/* What the role form may send; the family comes from the address. */
export const roleProfileValidator = vine.create({
  name: name(),
  description: description(),
})

roleProfileValidator.messagesProvider = new FormMessages({
  ...nameMessages('role'),
  ...descriptionMessages,
})

/* What the role level form may send; the role comes from the address. */
export const roleLevelValidator = vine.create({
  name: name(),
  description: description(),
  typicalGrades: vine.array(vine.enum(gradeValues)).parse(asList).optional(),
  position: position(),
})

roleLevelValidator.messagesProvider = new ListFormMessages({
  ...nameMessages('role level'),
  ...descriptionMessages,
  'typicalGrades.array': 'Select typical grades from the list',
  'typicalGrades.*.enum': 'Select typical grades from the list',
  ...positionMessages,
})

/* What the skill form may send: the skill and its four level descriptors together. */
export const skillValidator = vine.create({
  name: name(),
  category: vine.string().trim().minLength(2).maxLength(64),
  description: description(),
  descriptor1: descriptor(),
  descriptor2: descriptor(),
  descriptor3: descriptor(),
  descriptor4: descriptor(),
})

skillValidator.messagesProvider = new FormMessages({
  ...nameMessages('skill'),
  ...sameMessage('category', ['required', 'string'], 'Enter a category for the skill'),
  'category.minLength': 'Category must be 2 characters or more',
  'category.maxLength': 'Category must be 64 characters or fewer',
  ...descriptionMessages,
  ...descriptorMessages,
})

const levelMessages = {
  'level.required': 'Select the level the role needs',
  ...sameMessage('level', ['number', 'withoutDecimals', 'range'], LEVEL_RANGE),
}

/* What the form adding a requirement to a role level may send. */
export const roleRequirementValidator = vine.create({
  skillId: vine.number().withoutDecimals().positive(),
  level: skillLevel(),
})

roleRequirementValidator.messagesProvider = new FormMessages({
  'skillId.required': 'Select a skill',
  ...idMessages('skillId', 'Select a skill from the list'),
  ...levelMessages,
})

/* What the form changing a requirement's level may send. */
export const requirementLevelValidator = vine.create({
  level: skillLevel(),
})

requirementLevelValidator.messagesProvider = new FormMessages(levelMessages)
