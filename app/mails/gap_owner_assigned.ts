import { NoticeMail, link, type NoticeRecipient } from '#mails/notice_mail'

export type GapOwnerAssignedContext = {
  owner: NoticeRecipient
  assignedBy: string
  gap: {
    id: number
    title: string
    organisation: string
    about: string
    severity: string
    mitigation: string | null
    dueOn: string | null
    description: string | null
  }
  /* Whether the owner may open the gap register (department HR or a capability admin). */
  canOpen: boolean
}

/* To the person made owner of a capability gap: what it is and by when it should close. */
export default class GapOwnerAssigned extends NoticeMail<GapOwnerAssignedContext> {
  recipient() {
    return this.context.owner
  }

  subjectLine() {
    return `You own a capability gap: ${this.context.gap.title}`
  }

  content() {
    const { assignedBy, gap, canOpen } = this.context
    return {
      heading: 'You are the owner of a capability gap',
      paragraphs: [
        `${assignedBy} made you the owner of a gap in ${gap.organisation}’s capability gap register.`,
        gap.dueOn
          ? `As its owner, you see that it is closed by ${gap.dueOn}.`
          : 'As its owner, you see that it is closed.',
        ...(canOpen ? [] : [`Ask ${assignedBy} about it: the gap register is open to HR only.`]),
      ],
      details: {
        heading: 'The gap',
        rows: [
          { term: 'Gap', value: gap.title },
          { term: 'Organisation', value: gap.organisation },
          { term: 'About', value: gap.about },
          { term: 'Severity', value: gap.severity },
          { term: 'How it will be closed', value: gap.mitigation ?? 'Not decided yet' },
          { term: 'Due', value: gap.dueOn ?? 'No date set' },
        ],
      },
      note: gap.description ? { heading: 'Description', text: gap.description } : null,
      action: canOpen ? link(`/workforce/gaps/${gap.id}/edit`, 'Open the gap') : null,
    }
  }
}
