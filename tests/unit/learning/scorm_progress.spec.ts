import { test } from '@japa/runner'
import { resumeStatuses, scormOutcome, scormReportProblems } from '#domain/learning/scorm_progress'

test.group('What a SCORM package reports', () => {
  test('SCORM 1.2: completed and passed complete the module; passed and failed are its success', ({
    assert,
  }) => {
    assert.deepEqual(scormOutcome('1.2', { lessonStatus: 'completed' }), {
      completed: true,
      success: 'unknown',
      score: null,
    })
    assert.deepEqual(scormOutcome('1.2', { lessonStatus: 'passed', scoreRaw: 8, scoreMax: 10 }), {
      completed: true,
      success: 'passed',
      score: 80,
    })
    assert.deepEqual(scormOutcome('1.2', { lessonStatus: 'failed', scoreRaw: 30 }), {
      completed: false,
      success: 'failed',
      score: 30,
    })
    for (const lessonStatus of ['incomplete', 'browsed', 'not attempted']) {
      assert.isFalse(scormOutcome('1.2', { lessonStatus }).completed, lessonStatus)
    }
  })

  test('SCORM 2004: completed completes the module unless the learner failed; the scaled score wins', ({
    assert,
  }) => {
    assert.deepEqual(
      scormOutcome('2004', {
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.755,
        scoreRaw: 10,
      }),
      { completed: true, success: 'passed', score: 75.5 }
    )
    assert.isFalse(
      scormOutcome('2004', { completionStatus: 'completed', successStatus: 'failed' }).completed
    )
    assert.isTrue(scormOutcome('2004', { completionStatus: 'completed' }).completed)
    assert.isFalse(
      scormOutcome('2004', { completionStatus: 'incomplete', successStatus: 'passed' }).completed
    )
  })

  test('a report is checked against its edition and its score range', ({ assert }) => {
    assert.deepEqual(scormReportProblems('1.2', { lessonStatus: 'passed', scoreRaw: 100 }), [])
    assert.deepEqual(
      scormReportProblems('1.2', { lessonStatus: 'passed', scoreRaw: 101 }).map((p) => p.field),
      ['scoreRaw']
    )
    assert.deepEqual(
      scormReportProblems('1.2', {}).map((p) => p.field),
      ['lessonStatus']
    )
    assert.deepEqual(
      scormReportProblems('2004', { completionStatus: 'completed', scoreRaw: -5, scoreMin: 0 }).map(
        (p) => p.field
      ),
      ['scoreRaw']
    )
    assert.deepEqual(
      scormReportProblems('2004', { completionStatus: 'completed', scoreRaw: 500, scoreMax: 1000 }),
      []
    )
    assert.deepEqual(
      scormReportProblems('2004', { lessonStatus: 'passed' }).map((p) => p.field),
      ['completionStatus', 'lessonStatus']
    )
  })

  test('a package resumes with the statuses its module has reached', ({ assert }) => {
    assert.deepEqual(resumeStatuses(null), {
      lessonStatus: 'not attempted',
      completionStatus: 'not attempted',
      successStatus: 'unknown',
    })
    assert.deepEqual(resumeStatuses({ status: 'in_progress', success: 'failed' }), {
      lessonStatus: 'failed',
      completionStatus: 'incomplete',
      successStatus: 'failed',
    })
    assert.deepEqual(resumeStatuses({ status: 'completed', success: 'unknown' }), {
      lessonStatus: 'completed',
      completionStatus: 'completed',
      successStatus: 'unknown',
    })
  })
})
