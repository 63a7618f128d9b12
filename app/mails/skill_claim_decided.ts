import { skillLevelName } from '#domain/framework/levels'
import { NoticeMail, link, type NoticeRecipient } from '#mails/notice_mail'

/* "Level 3 (Practitioner)" */
export function levelText(level: number) {
  return `Level ${level} (${skillLevelName(level)})`
}

export type ClaimOutcome = 'agreed' | 'changed' | 'rejected'

export type SkillClaimDecidedContext = {
  learner: NoticeRecipient
  manager: string
  skill: string
  claimed: number
  /* The level the line manager recorded. */
  level: number
  outcome: ClaimOutcome
  comment: string | null
  /* The completed course the claim came from, if any. */
  from: string | null
}

/*
 * To the learner, when their line manager decides their claim to a skill
 * level: agreed, set at another level, or rejected, with what the manager
 * wrote (the reason, for a rejection).
 */
export default class SkillClaimDecided extends NoticeMail<SkillClaimDecidedContext> {
  recipient() {
    return this.context.learner
  }

  subjectLine() {
    const { skill, level, outcome } = this.context
    switch (outcome) {
      case 'agreed':
        return `Skill claim confirmed: ${skill} at ${levelText(level)}`
      case 'changed':
        return `Skill claim confirmed at another level: ${skill}`
      case 'rejected':
        return `Skill claim not accepted: ${skill}`
    }
  }

  content() {
    const { manager, skill, claimed, level, outcome, comment, from } = this.context
    const paragraphs: Record<ClaimOutcome, string[]> = {
      agreed: [
        `${manager}, your line manager, confirmed your claim to ${levelText(level)} in ${skill}.`,
        'It now counts as your level in that skill.',
      ],
      changed: [
        `${manager}, your line manager, confirmed your level in ${skill} as ${levelText(level)}, not the ${levelText(claimed)} you claimed.`,
        'That level now counts as yours in the skill.',
      ],
      rejected: [
        `${manager}, your line manager, did not accept your claim to ${levelText(claimed)} in ${skill}. They recorded your level as ${levelText(level)}.`,
        comment
          ? 'You can talk to them about it, and claim again once you have more evidence.'
          : 'They gave no reason: you can ask them about it.',
      ],
    }
    const headings: Record<ClaimOutcome, string> = {
      agreed: 'Your skill claim was confirmed',
      changed: 'Your skill claim was confirmed at another level',
      rejected: 'Your skill claim was not accepted',
    }
    return {
      heading: headings[outcome],
      paragraphs: paragraphs[outcome],
      details: {
        heading: 'Your claim',
        rows: [
          { term: 'Skill', value: skill },
          { term: 'Level claimed', value: levelText(claimed) },
          { term: 'Level recorded', value: levelText(level) },
          ...(from ? [{ term: 'From', value: from }] : []),
        ],
      },
      note: comment
        ? {
            heading: outcome === 'rejected' ? 'Reason given' : 'Your line manager’s comment',
            text: comment,
          }
        : null,
      action: link('/learning/record', 'See your skill claims in your learning record'),
    }
  }
}
