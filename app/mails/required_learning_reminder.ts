import { NoticeMail, link } from '#mails/notice_mail'
import { longDay, type ReminderKind } from '#domain/learning/required_learning'

export type RequiredLearningReminderContext = {
  person: { email: string; name: string }
  course: { id: number; title: string }
  kind: ReminderKind
  /* The day it is due (or due again), yyyy-mm-dd. */
  dueOn: string
  /* Their completion lapsed, so it is due again. */
  expired: boolean
}

/* To someone a course is required of: before its due date, on it, and once after it. */
export default class RequiredLearningReminder extends NoticeMail<RequiredLearningReminderContext> {
  recipient() {
    return this.context.person
  }

  subjectLine() {
    const { course, kind, dueOn } = this.context
    switch (kind) {
      case 'before':
        return `${course.title} is required of you by ${longDay(dueOn)}`
      case 'on':
        return `${course.title} is due today`
      case 'after':
        return `${course.title} is overdue`
    }
  }

  content() {
    const { course, kind, dueOn, expired } = this.context
    const due = longDay(dueOn)
    const why = expired
      ? `Your completion of ${course.title} has expired, so you need to complete it again.`
      : `You are required to complete ${course.title}.`
    const when = {
      before: `It is due by ${due}.`,
      on: `It is due today, ${due}.`,
      after: `It was due by ${due}. Please complete it as soon as you can.`,
    }[kind]
    return {
      heading:
        kind === 'after' ? `${course.title} is overdue` : `${course.title} is required of you`,
      paragraphs: [why, when, 'Book a session or start the course from its page.'],
      action: link(`/learning/courses/${course.id}`, `Go to ${course.title}`),
    }
  }
}
