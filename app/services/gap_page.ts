import type { GapView } from '#queries/capability/gaps_query'
import { recommendedCourses } from '#domain/capability/recommended_courses'
import {
  formatCost,
  formatDayTime,
  seatsLeftText,
  sessionPlace,
} from '#transformers/learning_transformer'
import { skillLevelName } from '#domain/framework/levels'
import type { RoleAssignmentKind } from '#enums/capability'
import { holdingStateText } from '#services/enrolment_messages'

/* A person's gap view as its page prints it: each skill's levels, gap and the courses that close it. */

/* "Level 3 (Practitioner)". */
function levelText(level: number) {
  return `Level ${level} (${skillLevelName(level)})`
}

/* "Practitioner (3)". */
function levelName(level: number) {
  return `${skillLevelName(level)} (${level})`
}

/* "Brings you to Practitioner (3) of the Expert (4) needed". */
function reachesText(level: number, required: number) {
  if (level < required) {
    return `Brings you to ${levelName(level)} of the ${levelName(required)} needed`
  }
  if (level === required) return `Brings you to ${levelName(level)}, the level needed`
  return `Brings you to ${levelName(level)}, above the ${levelName(required)} needed`
}

/* "2 more courses bring you to Level 3 (Practitioner), and 1 more goes part of the way". */
function moreText(more: { reaching: number; partway: number }, required: number) {
  const parts = []
  if (more.reaching) {
    parts.push(
      `${more.reaching} more ${more.reaching === 1 ? 'course brings' : 'courses bring'} you to ${levelText(required)}`
    )
  }
  if (more.partway) {
    const course = more.reaching ? '' : more.partway === 1 ? ' course' : ' courses'
    parts.push(
      `${more.partway} more${course} ${more.partway === 1 ? 'goes' : 'go'} part of the way`
    )
  }
  return parts.length ? parts.join(', and ') : null
}

/* The gap in words, so colour is never the only signal. */
export function gapText(gap: number) {
  if (gap <= 0) return 'Meets the level'
  return `${gap} ${gap === 1 ? 'level' : 'levels'} short`
}

/* The gap view's table and recommendations, as the page prints them. */
export function gapPage(view: GapView, toward: RoleAssignmentKind) {
  const mandatoryText =
    toward === 'target' ? 'Mandatory for the role you are aiming for' : 'Mandatory for your role'
  return {
    roleLevel: view.roleLevel,
    meetsAll: view.gaps.meetsAll,
    below: view.gaps.below,
    lines: view.gaps.lines.map((line) => {
      const pendingClaim = line.gap > 0 ? (view.pendingClaims.get(line.skillId) ?? null) : null
      const found = recommendedCourses(
        view.courses.get(line.skillId) ?? [],
        { required: line.required, current: line.current, pendingClaim },
        view.holdings
      )
      return {
        skillId: line.skillId,
        skillName: line.skillName ?? `Skill ${line.skillId}`,
        required: levelText(line.required),
        requiredLevel: line.required,
        current:
          line.validated !== null
            ? levelText(line.validated)
            : line.selfAssessed !== null
              ? `${levelText(line.selfAssessed)} (not yet confirmed)`
              : 'Not assessed',
        gap: line.gap,
        gapText: gapText(line.gap),
        claimText:
          pendingClaim === null
            ? null
            : `${levelText(pendingClaim)} from a course you completed, waiting for your line manager`,
        claimReachesRequired: pendingClaim !== null && pendingClaim >= line.required,
        moreText: moreText(found.more, line.required),
        courses: found.courses.map((course) => ({
          id: course.id,
          code: course.code,
          title: course.title,
          reaches: reachesText(course.level, line.required),
          mandatory: course.mandatory ? mandatoryText : null,
          cost: formatCost(course.costPence),
          requiresApproval: course.requiresApproval,
          state: course.holding ? holdingStateText(course.holding) : null,
          sessions: course.sessions.map((session) => ({
            id: session.id,
            when: formatDayTime(session.startsAt),
            place: sessionPlace(session),
            seats:
              session.seatsLeft > 0
                ? seatsLeftText(session.seatsLeft)
                : 'Full – join the waiting list',
            full: session.seatsLeft === 0,
          })),
        })),
      }
    }),
  }
}
