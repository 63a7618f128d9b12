import { NoticeMail, link, type NoticeRecipient } from '#mails/notice_mail'

export type PlanNoticeContext = {
  to: NoticeRecipient
  plan: { id: number; organisation: string; year: string }
  /* Who sent or decided it. */
  actor: string
  /* The plan's totals as frozen on sending (or approval). */
  totals: { lines: number; postsNeeded: number; inPost: number; vacancies: number } | null
  comment?: string | null
}

function details(context: PlanNoticeContext) {
  const { plan, totals } = context
  return {
    heading: 'The plan',
    rows: [
      { term: 'Organisation', value: plan.organisation },
      { term: 'Financial year', value: plan.year },
      ...(totals
        ? [
            { term: 'Role profiles', value: String(totals.lines) },
            { term: 'Posts needed', value: String(totals.postsNeeded) },
            { term: 'In post', value: String(totals.inPost) },
            { term: 'Vacancies', value: String(totals.vacancies) },
          ]
        : []),
    ],
  }
}

/* A notice about a capability plan, to the person the context names. */
abstract class PlanNotice extends NoticeMail<PlanNoticeContext> {
  recipient() {
    return this.context.to
  }
}

/* To each capability admin, who decide on it: a plan was sent for approval. */
export class PlanSubmitted extends PlanNotice {
  subjectLine() {
    const { plan } = this.context
    return `Capability plan to approve: ${plan.organisation}, ${plan.year}`
  }

  content() {
    const { plan, actor } = this.context
    return {
      heading: 'A capability plan is waiting for your decision',
      paragraphs: [
        `${actor} sent ${plan.organisation}’s capability plan for ${plan.year} for approval.`,
        'Approve it, or return it with a comment saying what needs to change.',
      ],
      details: details(this.context),
      action: link(`/workforce/plans/${plan.id}/check`, 'Check the plan and decide'),
    }
  }
}

/* To the organisation's HR, who change and resend it: the plan came back with a comment. */
export class PlanReturned extends PlanNotice {
  subjectLine() {
    const { plan } = this.context
    return `Capability plan returned: ${plan.organisation}, ${plan.year}`
  }

  content() {
    const { plan, actor, comment } = this.context
    return {
      heading: 'Your capability plan was returned',
      paragraphs: [
        `${actor}, for the capability team, returned ${plan.organisation}’s capability plan for ${plan.year}.`,
        'Change it as the comment asks, then send it again.',
      ],
      details: details(this.context),
      note: comment ? { heading: 'What needs to change', text: comment } : null,
      action: link(`/workforce/plans/${plan.id}`, 'Open the plan'),
    }
  }
}

/* To the organisation's HR: the plan was approved, with its figures as they stood. */
export class PlanApproved extends PlanNotice {
  subjectLine() {
    const { plan } = this.context
    return `Capability plan approved: ${plan.organisation}, ${plan.year}`
  }

  content() {
    const { plan, actor } = this.context
    return {
      heading: 'Your capability plan was approved',
      paragraphs: [
        `${actor}, for the capability team, approved ${plan.organisation}’s capability plan for ${plan.year}.`,
        'Its figures are kept as they stood when it was approved.',
      ],
      details: details(this.context),
      action: link(`/workforce/plans/${plan.id}`, 'Open the plan'),
    }
  }
}
