import { SKILL_LEVELS } from '#domain/framework/levels'
import {
  answer,
  arrayOf,
  dataOf,
  id,
  idInPath,
  integer,
  listOf,
  named,
  object,
  oneOfValues,
  orNull,
  pagingParameters,
  problemAnswer,
  problems,
  query,
  schemaRef,
  selfLink,
  text,
} from './components.js'
import type { ApiArea, Schema } from './types.js'

const TAG = 'Framework'

/* A skill level, from 1 (Awareness) to 4 (Expert). */
export const skillLevel = (
  description = 'A skill level: 1 Awareness, 2 Working, 3 Practitioner, 4 Expert.'
) => integer(description, { min: 1, max: SKILL_LEVELS.length })

/* The name of a skill level. */
export const skillLevelName = () =>
  oneOfValues(
    SKILL_LEVELS.map((entry) => entry.name),
    'The level’s name.'
  )

const roleLevel = (requirements: boolean): Schema =>
  object({
    id: id(),
    name: text(),
    position: integer('Order within the role profile, from the most junior.'),
    typicalGrades: arrayOf(text(), 'The grades people at this level typically hold.'),
    description: orNull(text()),
    ...(requirements
      ? {
          requirements: arrayOf(
            object({
              skill: named(),
              level: skillLevel('The level the role level needs.'),
              levelName: skillLevelName(),
            }),
            'The live skills the level needs, by skill name.'
          ),
        }
      : {}),
  })

const roleProfile = (requirements: boolean): Schema =>
  object({
    id: id(),
    name: text(),
    description: orNull(text()),
    family: named('The role family the profile belongs to.'),
    levels: arrayOf(roleLevel(requirements), 'The profile’s role levels, most junior first.'),
    links: selfLink,
  })

const skillFields = {
  id: id(),
  name: text(),
  category: text('The skill’s category, such as `Technical`.'),
  description: orNull(text()),
  levels: {
    ...arrayOf(
      object({
        level: skillLevel(),
        name: skillLevelName(),
        descriptor: orNull(text('What a person at this level can do.')),
      }),
      'The four levels, each with its descriptor.'
    ),
    minItems: SKILL_LEVELS.length,
    maxItems: SKILL_LEVELS.length,
  },
  links: selfLink,
}

const step = (fields: Record<string, Schema>) => object({ skill: named(), ...fields })

/* The capability framework: role profiles, skills, and moving between role levels. */
export const framework: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The capability framework, read-only: role profiles with their levels, skills with their level descriptors, and what changes between two role levels.',
  },
  schemas: {
    RoleProfile: roleProfile(false),
    RoleProfileDetail: roleProfile(true),
    Skill: object(skillFields),
    SkillDetail: object({
      ...skillFields,
      neededBy: arrayOf(
        object({
          roleLevel: named(),
          roleProfile: named(),
          level: skillLevel('The level the role level needs.'),
          levelName: skillLevelName(),
        }),
        'The role levels that need the skill.'
      ),
    }),
    Progression: object({
      from: named('The role level moved from.'),
      to: named('The role level moved to.'),
      raise: arrayOf(
        step({ from: skillLevel(), to: skillLevel() }),
        'Skills both levels need, the new one at a higher level.'
      ),
      new: arrayOf(step({ to: skillLevel() }), 'Skills only the new level needs.'),
      same: arrayOf(step({ level: skillLevel() }), 'Skills needed at the same level by both.'),
      lower: arrayOf(
        step({ from: skillLevel(), to: skillLevel() }),
        'Skills both need, the new one at a lower level.'
      ),
      dropped: arrayOf(step({ from: skillLevel() }), 'Skills only the old level needs.'),
    }),
  },
  paths: {
    '/role-profiles': {
      get: {
        operationId: 'listRoleProfiles',
        summary: 'List role profiles',
        description:
          'Live role profiles of live role families, by name, each with its role levels (without their requirements).',
        tags: [TAG],
        parameters: [
          ...pagingParameters,
          query('q', 'Words in the profile’s name.', text(undefined, { max: 100 })),
          query('family', 'Only profiles of this role family.', id()),
        ],
        responses: {
          200: answer('A page of role profiles.', listOf(schemaRef('RoleProfile'))),
          ...problems(401, 422),
        },
      },
    },
    '/role-profiles/{id}': {
      get: {
        operationId: 'getRoleProfile',
        summary: 'Get a role profile',
        description:
          'One role profile with every role level and the skills, and levels of skill, each level needs.',
        tags: [TAG],
        parameters: [idInPath('role profile')],
        responses: {
          200: answer('The role profile.', dataOf(schemaRef('RoleProfileDetail'))),
          ...problems(401, 404),
        },
      },
    },
    '/skills': {
      get: {
        operationId: 'listSkills',
        summary: 'List skills',
        description: 'Live skills, by name, each with its four level descriptors.',
        tags: [TAG],
        parameters: [
          ...pagingParameters,
          query('q', 'Words in the skill’s name.', text(undefined, { max: 100 })),
          query('category', 'Only skills of this category.', text(undefined, { max: 64 })),
        ],
        responses: {
          200: answer('A page of skills.', listOf(schemaRef('Skill'))),
          ...problems(401, 422),
        },
      },
    },
    '/skills/{id}': {
      get: {
        operationId: 'getSkill',
        summary: 'Get a skill',
        description:
          'One skill with its level descriptors and the role levels that need it, at which level.',
        tags: [TAG],
        parameters: [idInPath('skill')],
        responses: {
          200: answer('The skill.', dataOf(schemaRef('SkillDetail'))),
          ...problems(401, 404),
        },
      },
    },
    '/progression': {
      get: {
        operationId: 'compareRoleLevels',
        summary: 'Compare two role levels',
        description:
          'What a person moving from one role level to another must learn: skills to raise, new skills, skills that stay the same, and skills needed less or no longer.',
        tags: [TAG],
        parameters: [
          query('from', 'The id of the role level to start from.', id(), true),
          query('to', 'The id of the role level to move to.', id(), true),
        ],
        responses: {
          200: answer('The differences between the two levels.', dataOf(schemaRef('Progression'))),
          ...problems(401),
          422: problemAnswer(
            '`from` or `to` is missing, or is not the id of a live role level.',
            schemaRef('ValidationProblem')
          ),
        },
      },
    },
  },
}
