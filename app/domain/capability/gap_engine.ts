/*
 * The gap engine: what a role needs against what a person can do. Given
 * requirements and assessments it computes each person's gaps, and sums
 * them by any grouping (team, organisation, role, skill) in one pass over
 * rows that can be streamed. Pure: no framework imports.
 */

export type Requirement = { skillId: number; level: number; skillName?: string; retired?: boolean }

/* What is known of one person's level in one skill. A manager's validation counts over self-assessment. */
export type SkillEvidence = {
  skillId: number
  validated: number | null
  selfAssessed: number | null
}

export type GapLine = {
  skillId: number
  skillName?: string
  required: number
  validated: number | null
  selfAssessed: number | null
  /* The level that counts: validated if there is one, else self-assessed (unconfirmed), else 0. */
  current: number
  confirmed: boolean
  gap: number
}

export type IndividualGaps = {
  lines: GapLine[]
  /* Skills below the required level. */
  below: number
  /* Sum of levels missing across all skills. */
  totalGap: number
  meetsAll: boolean
  /* Whether every counted level has been validated by a manager. */
  fullyConfirmed: boolean
}

/*
 * One person's gaps against one role level: every live requirement, with
 * the level that counts and how far short it is, biggest gap first.
 * Retired requirements are ignored; evidence for skills the role does not
 * need is ignored too.
 */
export function individualGaps(
  requirements: Requirement[],
  evidence: SkillEvidence[]
): IndividualGaps {
  const bySkill = new Map(evidence.map((row) => [row.skillId, row]))
  const lines: GapLine[] = []
  for (const requirement of requirements) {
    if (requirement.retired) continue
    const known = bySkill.get(requirement.skillId)
    const validated = known?.validated ?? null
    const selfAssessed = known?.selfAssessed ?? null
    const current = validated ?? selfAssessed ?? 0
    lines.push({
      skillId: requirement.skillId,
      skillName: requirement.skillName,
      required: requirement.level,
      validated,
      selfAssessed,
      current,
      confirmed: validated !== null,
      gap: Math.max(0, requirement.level - current),
    })
  }
  lines.sort(
    (a, b) =>
      b.gap - a.gap || (a.skillName ?? '').localeCompare(b.skillName ?? '') || a.skillId - b.skillId
  )
  const below = lines.filter((line) => line.gap > 0).length
  return {
    lines,
    below,
    totalGap: lines.reduce((sum, line) => sum + line.gap, 0),
    meetsAll: below === 0,
    fullyConfirmed: lines.every((line) => line.confirmed),
  }
}

/* One row of a streamed aggregate: one person's level (or none) in one required skill. */
export type AggregateRow = {
  group: string
  personId: number
  skillId: number
  required: number
  current: number | null
}

export type GroupAggregate = {
  group: string
  people: number
  peopleMeetingAll: number
  /* Per skill: how many people the skill applies to and how many are below the level. */
  skills: Map<number, { assessedAgainst: number; below: number; totalGap: number }>
}

/*
 * Sums gaps by group in one pass. Rows may arrive in any order; only a
 * set of person ids per group is kept, never the people themselves.
 */
export function aggregateGaps(rows: Iterable<AggregateRow>): Map<string, GroupAggregate> {
  const groups = new Map<string, GroupAggregate & { failing: Set<number>; seen: Set<number> }>()
  for (const row of rows) {
    let group = groups.get(row.group)
    if (!group) {
      group = {
        group: row.group,
        people: 0,
        peopleMeetingAll: 0,
        skills: new Map(),
        failing: new Set(),
        seen: new Set(),
      }
      groups.set(row.group, group)
    }
    group.seen.add(row.personId)
    const gap = Math.max(0, row.required - (row.current ?? 0))
    const skill = group.skills.get(row.skillId) ?? { assessedAgainst: 0, below: 0, totalGap: 0 }
    skill.assessedAgainst += 1
    if (gap > 0) {
      skill.below += 1
      skill.totalGap += gap
      group.failing.add(row.personId)
    }
    group.skills.set(row.skillId, skill)
  }
  const result = new Map<string, GroupAggregate>()
  for (const [key, group] of groups) {
    result.set(key, {
      group: key,
      people: group.seen.size,
      peopleMeetingAll: group.seen.size - group.failing.size,
      skills: group.skills,
    })
  }
  return result
}
