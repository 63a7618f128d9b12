/*
 * What changes between two role levels: the skills to raise (from which
 * level to which), the skills new to the target, those already enough and
 * those the target no longer asks for. Pure: no framework imports.
 */
export type Requirement = { skillId: number; skillName: string; level: number }

export type ProgressionStep =
  | { kind: 'raise'; skillId: number; skillName: string; from: number; to: number }
  | { kind: 'new'; skillId: number; skillName: string; to: number }
  | { kind: 'same'; skillId: number; skillName: string; level: number }
  | { kind: 'lower'; skillId: number; skillName: string; from: number; to: number }
  | { kind: 'dropped'; skillId: number; skillName: string; from: number }

export type Progression = {
  raise: Extract<ProgressionStep, { kind: 'raise' }>[]
  new: Extract<ProgressionStep, { kind: 'new' }>[]
  same: Extract<ProgressionStep, { kind: 'same' }>[]
  lower: Extract<ProgressionStep, { kind: 'lower' }>[]
  dropped: Extract<ProgressionStep, { kind: 'dropped' }>[]
}

const byName = (a: { skillName: string }, b: { skillName: string }) =>
  a.skillName.localeCompare(b.skillName)

export function compareRequirements(from: Requirement[], to: Requirement[]): Progression {
  const fromBySkill = new Map(from.map((requirement) => [requirement.skillId, requirement]))
  const toBySkill = new Map(to.map((requirement) => [requirement.skillId, requirement]))
  const result: Progression = { raise: [], new: [], same: [], lower: [], dropped: [] }

  for (const target of toBySkill.values()) {
    const current = fromBySkill.get(target.skillId)
    const base = { skillId: target.skillId, skillName: target.skillName }
    if (!current) result.new.push({ kind: 'new', ...base, to: target.level })
    else if (target.level > current.level)
      result.raise.push({ kind: 'raise', ...base, from: current.level, to: target.level })
    else if (target.level < current.level)
      result.lower.push({ kind: 'lower', ...base, from: current.level, to: target.level })
    else result.same.push({ kind: 'same', ...base, level: target.level })
  }
  for (const current of fromBySkill.values()) {
    if (!toBySkill.has(current.skillId)) {
      result.dropped.push({
        kind: 'dropped',
        skillId: current.skillId,
        skillName: current.skillName,
        from: current.level,
      })
    }
  }

  result.raise.sort((a, b) => b.to - b.from - (a.to - a.from) || byName(a, b))
  result.new.sort((a, b) => b.to - a.to || byName(a, b))
  result.same.sort(byName)
  result.lower.sort(byName)
  result.dropped.sort(byName)
  return result
}
