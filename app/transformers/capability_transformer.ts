import { BaseTransformer } from '@adonisjs/core/transformers'
import type SkillAssessment from '#models/skill_assessment'
import type { GapLine } from '#domain/capability/gap_engine'
import {
  AssessmentSources,
  AssessmentStatuses,
  PlanItemKinds,
  planItemStatusValues,
} from '#enums/capability'
import type { RecommendedCourse } from '#queries/capability/gaps_query'
import type { PlanItemRow } from '#queries/capability/plan_query'
import type { OrganisationCapability } from '#queries/capability/organisation_capability_query'
import {
  arrayOf,
  boolean,
  date,
  dateTime,
  id,
  integer,
  named,
  object,
  oneOfValues,
  orNull,
  skillLevel,
  text,
} from '#openapi/components'

/*
 * A person's capability as the JSON API shows it: their assessments, the
 * gaps against their role level, their development plan, and an
 * organisation's capability for its HR.
 */

/* A skill assessment: the level given, by whom, and whether it is validated yet. */
export class AssessmentTransformer extends BaseTransformer<SkillAssessment> {
  static schemas = {
    Assessment: object({
      id: id(),
      skillId: id('The skill’s id.'),
      level: skillLevel(),
      source: oneOfValues(Object.values(AssessmentSources), 'Who made the assessment.'),
      status: oneOfValues(
        Object.values(AssessmentStatuses),
        '`submitted` until the line manager validates it.'
      ),
      assessedAt: dateTime(),
    }),
  }

  toObject() {
    const assessment = this.resource
    return {
      id: assessment.id,
      skillId: assessment.skillId,
      level: assessment.level,
      source: assessment.source,
      status: assessment.status,
      assessedAt: assessment.assessedAt.toUTC().toISO(),
    }
  }
}

/*
 * A line manager's validation of a self-assessment: the level they judge,
 * and the self-assessment it validates.
 */
export class ValidationTransformer extends BaseTransformer<SkillAssessment> {
  static schemas = {
    Validation: object({
      id: id('The id of the line manager’s assessment.'),
      level: skillLevel(),
      validatesId: id('The id of the self-assessment it validates.'),
    }),
  }

  toObject() {
    const validation = this.resource
    return { id: validation.id, level: validation.level, validatesId: validation.validatesId }
  }
}

/* A skill the caller's role level needs, and the published courses that close its gap. */
export type SkillGapRecord = { line: GapLine; courses: RecommendedCourse[] }

/* One skill of the caller's gaps: the levels counted, how far short, and courses that help. */
export class SkillGapTransformer extends BaseTransformer<SkillGapRecord> {
  static schemas = {
    Gap: object({
      skill: object({ id: id(), name: orNull(text()) }),
      required: skillLevel('The level the role level needs.'),
      validated: orNull(skillLevel('The level a line manager validated.')),
      selfAssessed: orNull(skillLevel('The level the caller gave.')),
      gap: integer('Levels short of the requirement; 0 when met.', { min: 0 }),
      courses: arrayOf(
        object({
          id: id(),
          code: text(),
          title: text(),
          nextSession: orNull(
            object({
              id: id(),
              startsAt: dateTime(),
              location: orNull(text()),
              seatsLeft: integer(undefined, { min: 0 }),
            })
          ),
        }),
        'Published courses that build the skill to the level needed.'
      ),
    }),
  }

  toObject() {
    const { line, courses } = this.resource
    return {
      skill: { id: line.skillId, name: line.skillName ?? null },
      required: line.required,
      validated: line.validated,
      selfAssessed: line.selfAssessed,
      gap: line.gap,
      courses: courses
        .filter((course) => course.level >= line.required)
        .map((course) => {
          const next = course.sessions[0]
          return {
            id: course.id,
            code: course.code,
            title: course.title,
            nextSession: next
              ? {
                  id: next.id,
                  startsAt: next.startsAt.toUTC().toISO(),
                  location: next.location,
                  seatsLeft: next.seatsLeft,
                }
              : null,
          }
        }),
    }
  }
}

/* An item of a development plan: a skill to develop or a course to take. */
export class PlanItemTransformer extends BaseTransformer<PlanItemRow> {
  static schemas = {
    PlanItem: object({
      id: id(),
      kind: oneOfValues(Object.values(PlanItemKinds)),
      skill: orNull(named()),
      targetLevel: orNull(skillLevel()),
      course: orNull(object({ id: id(), code: text(), title: text() })),
      dueOn: orNull(date()),
      status: oneOfValues(planItemStatusValues),
      agreedAt: orNull(dateTime('When the line manager agreed the item.')),
      overdue: boolean('Due before today and not done.'),
    }),
  }

  toObject() {
    const item = this.resource
    return {
      id: item.id,
      kind: item.kind,
      skill: item.skill,
      targetLevel: item.targetLevel,
      course: item.course,
      dueOn: item.dueOn ? item.dueOn.toISODate() : null,
      status: item.status,
      agreedAt: item.agreedAt ? item.agreedAt.toUTC().toISO() : null,
      overdue: item.overdue,
    }
  }
}

/* An organisation and how its people measure up to their current role levels. */
export type OrganisationCapabilityRecord = {
  organisation: { id: number; name: string }
  capability: OrganisationCapability
}

export class OrganisationCapabilityTransformer extends BaseTransformer<OrganisationCapabilityRecord> {
  static schemas = {
    OrganisationCapability: object({
      organisation: named(),
      people: integer('People in the organisation’s tree with a current role level.', {
        min: 0,
      }),
      peopleMeetingAll: integer('Of those, people meeting every requirement.', { min: 0 }),
      bySkill: arrayOf(
        object({
          skill: named(),
          assessedAgainst: integer('People whose role level needs the skill.', { min: 0 }),
          below: integer('Of those, people below the level needed.', { min: 0 }),
          totalGap: integer('Levels missing, summed over those people.', { min: 0 }),
        }),
        'By skill name.'
      ),
      byRoleLevel: arrayOf(
        object({
          roleLevel: named(),
          people: integer(undefined, { min: 0 }),
          peopleMeetingAll: integer(undefined, { min: 0 }),
        }),
        'By role level name.'
      ),
    }),
  }

  toObject() {
    const { organisation, capability } = this.resource
    return {
      organisation: { id: organisation.id, name: organisation.name },
      people: capability.people,
      peopleMeetingAll: capability.peopleMeetingAll,
      bySkill: capability.bySkill,
      byRoleLevel: capability.byRoleLevel,
    }
  }
}
