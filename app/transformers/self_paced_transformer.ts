import { BaseTransformer } from '@adonisjs/core/transformers'
import {
  arrayOf,
  boolean,
  dateTime,
  id,
  integer,
  object,
  oneOfValues,
  orNull,
  selfLink,
  text,
} from '#openapi/components'
import { moduleKindValues, namedValuesOfSelfPaced } from '#enums/learning'
import type { ModuleStanding, SelfPacedRun } from '#queries/learning/self_paced_query'

export type SelfPacedRecord = { run: SelfPacedRun; modules: ModuleStanding[] }

const instant = (value: SelfPacedRecord['run']['startedAt']) => value.toUTC().toISO()

/*
 * A self-paced enrolment in the JSON API: the learner's run through a
 * self-paced course, with every module of the course and where they stand
 * in it. The same shape wherever the API gives one.
 */
export class SelfPacedEnrolmentTransformer extends BaseTransformer<SelfPacedRecord> {
  static schemas = {
    SelfPacedEnrolment: object({
      id: id('The self-paced enrolment’s id.'),
      course: object({ id: id(), code: text(), title: text() }),
      status: oneOfValues(namedValuesOfSelfPaced.status, 'In progress, completed or withdrawn.'),
      startedAt: dateTime(),
      completedAt: orNull(dateTime('When the last required module was finished.')),
      modulesFinished: integer('Modules of the course the learner has finished.', { min: 0 }),
      modulesTotal: integer('Modules the course has.', { min: 0 }),
      modules: arrayOf(
        object({
          id: id('The module’s id.'),
          position: integer('1 for the first module.', { min: 1 }),
          title: text(),
          kind: oneOfValues(moduleKindValues),
          required: boolean('Whether the course is completed only once this module is.'),
          status: oneOfValues(namedValuesOfSelfPaced.moduleStatus),
          success: orNull(
            oneOfValues(
              namedValuesOfSelfPaced.success,
              'Passed or failed, as an e-learning package reports it.'
            )
          ),
          score: orNull({
            type: 'number',
            description: 'The score an e-learning package reports.',
          }),
          completedAt: orNull(dateTime()),
        }),
        'The course’s modules in order, each with the learner’s state in it.'
      ),
      links: selfLink,
    }),
  }

  toObject() {
    const { run, modules } = this.resource
    return {
      id: run.id,
      course: { id: run.courseId, code: run.courseCode, title: run.courseTitle },
      status: run.status,
      startedAt: instant(run.startedAt),
      completedAt: run.completedAt ? instant(run.completedAt) : null,
      modulesFinished: run.modulesFinished,
      modulesTotal: run.modules,
      modules: modules.map((module) => ({
        id: module.id,
        position: module.position,
        title: module.title,
        kind: module.kind,
        required: module.required,
        status: module.status,
        success: module.success,
        score: module.score,
        completedAt: module.completedAt ? instant(module.completedAt) : null,
      })),
      links: { self: `/api/v1/me/self-paced-enrolments/${run.id}` },
    }
  }
}
