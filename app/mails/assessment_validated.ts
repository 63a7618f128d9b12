import { NoticeMail, link, type NoticeRecipient } from '#mails/notice_mail'
import { levelText } from '#mails/skill_claim_decided'

export type AssessmentValidatedContext = {
  learner: NoticeRecipient
  manager: string
  skill: string
  /* The level the learner gave themselves, and the one the manager confirmed. */
  selfLevel: number
  level: number
  comment: string | null
}

/*
 * To the learner, when their line manager validates their self-assessment
 * of a skill: accepted as it was, or changed to another level, with the
 * manager's comment.
 */
export default class AssessmentValidated extends NoticeMail<AssessmentValidatedContext> {
  get changed() {
    return this.context.level !== this.context.selfLevel
  }

  recipient() {
    return this.context.learner
  }

  subjectLine() {
    return this.changed
      ? `Self-assessment changed: ${this.context.skill}`
      : `Self-assessment confirmed: ${this.context.skill}`
  }

  content() {
    const { manager, skill, selfLevel, level, comment } = this.context
    return {
      heading: this.changed
        ? 'Your line manager changed your self-assessment'
        : 'Your line manager confirmed your self-assessment',
      paragraphs: [
        this.changed
          ? `${manager}, your line manager, set your level in ${skill} at ${levelText(level)} rather than the ${levelText(selfLevel)} you gave yourself.`
          : `${manager}, your line manager, agreed with your level in ${skill}: ${levelText(level)}.`,
        'That level now counts as yours in the skill.',
      ],
      details: {
        heading: 'Your assessment',
        rows: [
          { term: 'Skill', value: skill },
          { term: 'Your level', value: levelText(selfLevel) },
          { term: 'Level confirmed', value: levelText(level) },
        ],
      },
      note: comment ? { heading: 'Your line manager’s comment', text: comment } : null,
      action: link('/capability/gaps', 'See your skills against your role level'),
    }
  }
}
