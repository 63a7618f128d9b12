import type { ScormVersion } from '#domain/learning/scorm_manifest'

/* The values a package's run-time reported at a commit, as the player sends them. */
export type ScormReport = {
  lessonStatus?: string
  completionStatus?: string
  successStatus?: string
  scoreRaw?: number
  scoreMin?: number
  scoreMax?: number
  scoreScaled?: number
}

/* What a report means for the learner's module: done or not, passed or failed, and a score out of 100. */
export type ScormOutcome = {
  completed: boolean
  success: 'passed' | 'failed' | 'unknown'
  /* A percentage, two decimal places; null when the package gave no score. */
  score: number | null
}

export type ScormReportProblem = { field: string; message: string }

const round2 = (value: number) => Math.round(value * 100) / 100

/*
 * Checks a report against its package's edition: SCORM 1.2 reports a
 * lesson status and a raw score from 0 to 100; SCORM 2004 reports
 * completion and success statuses and a scaled score from -1 to 1. A raw
 * score lies between the lowest and highest the package gave.
 */
export function scormReportProblems(
  version: ScormVersion,
  report: ScormReport
): ScormReportProblem[] {
  const problems: ScormReportProblem[] = []
  if (version === '1.2') {
    if (report.lessonStatus === undefined) {
      problems.push({ field: 'lessonStatus', message: 'Enter the lesson status the package gave' })
    }
    if (report.completionStatus !== undefined || report.successStatus !== undefined) {
      problems.push({
        field: 'completionStatus',
        message: 'A SCORM 1.2 package reports a lesson status, not completion and success statuses',
      })
    }
    for (const field of ['scoreRaw', 'scoreMin', 'scoreMax'] as const) {
      const value = report[field]
      if (value !== undefined && (value < 0 || value > 100)) {
        problems.push({ field, message: 'A SCORM 1.2 score must be from 0 to 100' })
      }
    }
  } else {
    if (report.completionStatus === undefined) {
      problems.push({
        field: 'completionStatus',
        message: 'Enter the completion status the package gave',
      })
    }
    if (report.lessonStatus !== undefined) {
      problems.push({
        field: 'lessonStatus',
        message:
          'A SCORM 2004 package reports completion and success statuses, not a lesson status',
      })
    }
  }
  const { scoreRaw, scoreMin, scoreMax } = report
  if (scoreMin !== undefined && scoreMax !== undefined && scoreMin > scoreMax) {
    problems.push({ field: 'scoreMin', message: 'Lowest score must not be above the highest' })
  } else if (scoreRaw !== undefined) {
    if (scoreMin !== undefined && scoreRaw < scoreMin) {
      problems.push({ field: 'scoreRaw', message: 'Score must not be below the lowest score' })
    }
    if (scoreMax !== undefined && scoreRaw > scoreMax) {
      problems.push({ field: 'scoreRaw', message: 'Score must not be above the highest score' })
    }
  }
  return problems
}

/* A score out of 100: the scaled score when given, else the raw score within its range. */
function percentOf(report: ScormReport): number | null {
  if (report.scoreScaled !== undefined) return round2(report.scoreScaled * 100)
  if (report.scoreRaw === undefined) return null
  const min = report.scoreMin ?? 0
  const max = report.scoreMax ?? 100
  if (max <= min) return null
  return round2(((report.scoreRaw - min) / (max - min)) * 100)
}

/*
 * What a checked report means. SCORM 1.2: a lesson completed or passed is
 * completed; passed and failed are the success. SCORM 2004: completed is
 * completed unless the package also says the learner failed.
 */
export function scormOutcome(version: ScormVersion, report: ScormReport): ScormOutcome {
  const score = percentOf(report)
  if (version === '1.2') {
    const status = report.lessonStatus
    return {
      completed: status === 'completed' || status === 'passed',
      success: status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : 'unknown',
      score,
    }
  }
  const success =
    report.successStatus === 'passed' || report.successStatus === 'failed'
      ? report.successStatus
      : 'unknown'
  return {
    completed: report.completionStatus === 'completed' && success !== 'failed',
    success,
    score,
  }
}

/* The statuses a package resumes with, from where the learner stands in the module. */
export function resumeStatuses(progress: { status: string; success: string | null } | null): {
  lessonStatus: string
  completionStatus: string
  successStatus: string
} {
  if (!progress || progress.status === 'not_started') {
    return {
      lessonStatus: 'not attempted',
      completionStatus: 'not attempted',
      successStatus: 'unknown',
    }
  }
  const success = progress.success === 'passed' || progress.success === 'failed'
  const completed = progress.status === 'completed'
  return {
    lessonStatus: success ? progress.success! : completed ? 'completed' : 'incomplete',
    completionStatus: completed ? 'completed' : 'incomplete',
    successStatus: success ? progress.success! : 'unknown',
  }
}
