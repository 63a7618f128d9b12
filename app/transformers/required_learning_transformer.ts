import { BaseTransformer } from '@adonisjs/core/transformers'
import { gradeValues } from '#enums/grades'
import { professionValues } from '#enums/professions'
import {
  requirementAudienceValues,
  requirementDueValues,
  requirementStateValues,
} from '#enums/required_learning'
import type {
  LoadedRequirement,
  OrganisationCounts,
  PersonStanding,
  RequiredOfPerson,
  StateCounts,
} from '#queries/learning/required_learning_query'
import {
  arrayOf,
  date,
  dateTime,
  id,
  integer,
  named,
  object,
  oneOfValues,
  orNull,
  text,
} from '#openapi/components'

const count = (description: string) => integer(description, { min: 0 })

const stateCounts = (description: string) =>
  object(
    {
      overdue: count('Never completed, and past their due date.'),
      expired: count('Completed, but the completion has lapsed, so it is due again.'),
      due: count('Never completed, due within 30 days.'),
      not_due: count('Never completed, due later than 30 days from today.'),
      completed: count('Completed, and the completion still counts.'),
      total: count('Everyone in the audience.'),
    },
    { description }
  )

const countsOf = (counts: StateCounts) => ({
  overdue: counts.overdue,
  expired: counts.expired,
  due: counts.due,
  not_due: counts.not_due,
  completed: counts.completed,
  total: counts.total,
})

const standingSchema = {
  state: oneOfValues(
    requirementStateValues,
    'Where the person stands today: overdue, expired (due again), due (within 30 days), not_due or completed.'
  ),
  dueOn: orNull(
    date(
      'The day it is due, or due again; null once completed for good. For a completion that lapses, the day after its last valid day.'
    )
  ),
  lastCompletedOn: orNull(date('Their latest completion of the course, from any source.')),
  validUntil: orNull(
    date('The last day the latest completion counts; null when it does not lapse or there is none.')
  ),
}

/* A requirement's one API shape: its course, audience, due rule and recurrence. */
export class RequirementTransformer extends BaseTransformer<{
  requirement: LoadedRequirement
  counts?: StateCounts
}> {
  static schemas = {
    Requirement: object(
      {
        id: id(),
        course: object({ id: id(), code: text(), title: text() }),
        audience: object(
          {
            kind: oneOfValues(requirementAudienceValues),
            organisation: orNull(
              named('An organisation audience: it and the organisations below it.')
            ),
            grades: orNull(arrayOf(oneOfValues(gradeValues), 'A grade audience’s grades.')),
            profession: orNull(
              oneOfValues(professionValues, 'A profession audience’s profession.')
            ),
            roleProfile: orNull(named('A role audience: everyone whose current role is in it.')),
          },
          { description: 'Who the course is required of.' }
        ),
        due: object(
          {
            kind: oneOfValues(requirementDueValues),
            dueOn: orNull(date('A fixed due day.')),
            days: orNull(count('Days after joining the audience.')),
          },
          {
            description: 'When it is due: on a fixed day, or some days after joining the audience.',
          }
        ),
        recurrenceMonths: orNull(
          integer('Months after the last completion it is due again.', { min: 1 })
        ),
        setFor: orNull(
          named('Department HR’s organisation it was set for (only its tree); null for everyone.')
        ),
        createdAt: dateTime(),
        withdrawnAt: orNull(dateTime()),
        compliance: stateCounts(
          'How many people of the audience stand in each state today, within the caller’s scope.'
        ),
      },
      { optional: ['compliance'] }
    ),
  }

  toObject() {
    const { requirement, counts } = this.resource
    return {
      id: requirement.id,
      course: {
        id: requirement.course.id,
        code: requirement.course.code,
        title: requirement.course.title,
      },
      audience: {
        kind: requirement.audienceKind,
        organisation: requirement.organisation
          ? { id: requirement.organisation.id, name: requirement.organisation.name }
          : null,
        grades: requirement.grades,
        profession: requirement.profession,
        roleProfile: requirement.roleProfile
          ? { id: requirement.roleProfile.id, name: requirement.roleProfile.name }
          : null,
      },
      due: {
        kind: requirement.dueKind,
        dueOn: requirement.dueOn ? requirement.dueOn.toISODate() : null,
        days: requirement.dueDays,
      },
      recurrenceMonths: requirement.recurrenceMonths,
      setFor: requirement.scopeOrganisation
        ? { id: requirement.scopeOrganisation.id, name: requirement.scopeOrganisation.name }
        : null,
      createdAt: requirement.createdAt.toUTC().toISO(),
      withdrawnAt: requirement.withdrawnAt ? requirement.withdrawnAt.toUTC().toISO() : null,
      ...(counts ? { compliance: countsOf(counts) } : {}),
    }
  }
}

/* One requirement of the caller, with where they stand. */
export class RequiredLearningTransformer extends BaseTransformer<RequiredOfPerson> {
  static schemas = {
    RequiredLearning: object({
      requirementId: id(),
      course: object({ id: id(), code: text(), title: text() }),
      ...standingSchema,
    }),
  }

  toObject() {
    const { requirement, standing } = this.resource
    return {
      requirementId: requirement.id,
      course: {
        id: requirement.course.id,
        code: requirement.course.code,
        title: requirement.course.title,
      },
      state: standing.state,
      dueOn: standing.dueOn,
      lastCompletedOn: standing.lastCompletedOn,
      validUntil: standing.validUntil,
    }
  }
}

/* A requirement's compliance: counts in all and by organisation, and a page of its people. */
export class RequirementComplianceTransformer extends BaseTransformer<{
  requirementId: number
  counts: StateCounts
  organisations: OrganisationCounts[]
  people: PersonStanding[]
}> {
  static schemas = {
    RequirementCompliance: object({
      requirementId: id(),
      counts: stateCounts('Everyone in the audience within the caller’s scope.'),
      organisations: arrayOf(
        object({
          organisation: named(),
          counts: stateCounts('The organisation’s people.'),
        }),
        'The counts for each organisation with people in the audience, by name.'
      ),
      people: arrayOf(
        object({
          person: object({ id: id(), name: text(), email: text() }),
          organisation: text(),
          ...standingSchema,
        }),
        'A page of the people, by name, with the filters given.'
      ),
    }),
  }

  toObject() {
    const { requirementId, counts, organisations, people } = this.resource
    return {
      requirementId,
      counts: countsOf(counts),
      organisations: organisations.map((row) => ({
        organisation: { id: row.organisationId, name: row.name },
        counts: countsOf(row),
      })),
      people: people.map((person) => ({
        person: { id: person.id, name: person.fullName, email: person.email },
        organisation: person.organisationName,
        state: person.standing.state,
        dueOn: person.standing.dueOn,
        lastCompletedOn: person.standing.lastCompletedOn,
        validUntil: person.standing.validUntil,
      })),
    }
  }
}
