import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { declareLearningValidator, completedDate } from '#validators/learning_learner'
import { declareLearning } from '#actions/learning/declare_learning'
import {
  decidedSkillClaims,
  learningRecordPage,
  pendingSkillClaims,
} from '#queries/learning/my_learning_query'
import { ownCertificates } from '#queries/learning/certificates_query'
import { longDate, standingLabels, standingWords } from '#services/certificate_messages'

/*
 * The learning record: completed courses, declared learning, skills awaiting
 * confirmation and the line manager's decisions on earlier claims.
 */
export default class LearningRecordController {
  async show({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const page = Math.max(1, Number.parseInt(String(request.input('page', '1')), 10) || 1)
    const certificates = await ownCertificates(user.id)
    return view.render('pages/learning/record', {
      records: await learningRecordPage(user.id, page),
      claims: await pendingSkillClaims(user.id),
      decided: await decidedSkillClaims(user.id),
      certificates: certificates.map((certificate) => ({
        ...certificate,
        completedOn: longDate(certificate.completedOn),
        standingLabel: standingLabels[certificate.standing],
        standingWords: standingWords(certificate),
      })),
    })
  }

  /* The learner's whole learning record as CSV. */
  async csv(ctx: HttpContext) {
    return exportList(ctx, 'learningRecord')
  }

  async store({ auth, backWithErrors, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const input = await request.validateUsing(declareLearningValidator)
    const completed = completedDate(input.completedOn)
    if ('error' in completed) return backWithErrors({ completedOn: completed.error })
    const result = await declareLearning(user, { ...input, completedOn: completed.date })
    switch (result.type) {
      case 'declared':
        session.flash('success', `${result.record.title} has been added to your learning record`)
        return response.redirect().toRoute('learning.record')
      case 'completed_in_future':
        return backWithErrors({
          completedOn: 'The date you completed it must be today or in the past',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
