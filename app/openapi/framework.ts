import {
  ProgressionTransformer,
  RoleProfileTransformer,
  SkillTransformer,
} from '#transformers/framework_transformer'
import {
  answer,
  dataOf,
  id,
  listOf,
  pagingParameters,
  problemAnswer,
  problems,
  readById,
  query,
  schemaRef,
  text,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Framework'

/* The capability framework: role profiles, skills, and moving between role levels. */
export const framework: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The capability framework, read-only: role profiles with their levels, skills with their level descriptors, and what changes between two role levels.',
  },
  schemas: {
    ...RoleProfileTransformer.schemas,
    ...SkillTransformer.schemas,
    ...ProgressionTransformer.schemas,
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
      get: readById(
        {
          operationId: 'getRoleProfile',
          summary: 'Get a role profile',
          description:
            'One role profile with every role level and the skills, and levels of skill, each level needs.',
          tags: [TAG],
        },
        { what: 'role profile', answer: 'The role profile.', schema: 'RoleProfileDetail' }
      ),
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
      get: readById(
        {
          operationId: 'getSkill',
          summary: 'Get a skill',
          description:
            'One skill with its level descriptors and the role levels that need it, at which level.',
          tags: [TAG],
        },
        { what: 'skill', answer: 'The skill.', schema: 'SkillDetail' }
      ),
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
