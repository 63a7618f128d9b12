import type { RoleAssignmentKind } from '#enums/capability'
import { NoticeMail, link, type NoticeRecipient } from '#mails/notice_mail'
import { roleLevelWithRole } from '#domain/framework/levels'

export type RoleLevelConfirmedContext = {
  person: NoticeRecipient
  confirmer: string
  kind: RoleAssignmentKind
  roleLevel: string
  roleProfile: string
}

/* To the person, when their line manager (or HR) confirms a role level they chose. */
export default class RoleLevelConfirmed extends NoticeMail<RoleLevelConfirmedContext> {
  recipient() {
    return this.context.person
  }

  subjectLine() {
    return `Role level confirmed: ${this.context.roleLevel}`
  }

  content() {
    const { confirmer, kind, roleLevel, roleProfile } = this.context
    const which = kind === 'current' ? 'your current role level' : 'the role level you aim for'
    return {
      heading: 'Your role level was confirmed',
      paragraphs: [
        `${confirmer} confirmed ${which}: ${roleLevelWithRole(roleLevel, roleProfile)}.`,
        kind === 'current'
          ? 'Your skills are now measured against what it needs.'
          : 'You can see what you need for it among your skills gaps.',
      ],
      details: {
        heading: 'Role level',
        rows: [
          { term: 'Role profile', value: roleProfile },
          { term: 'Role level', value: roleLevel },
          { term: 'Which', value: kind === 'current' ? 'Current' : 'Next (your target)' },
        ],
      },
      action: link('/capability/role', 'See your role level'),
    }
  }
}
