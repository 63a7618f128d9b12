import type { HttpContext } from '@adonisjs/core/http'
import { safeReturnPath } from '#services/return_path'
import { signInValidator } from '#validators/identity'
import { signIn } from '#actions/identity/sign_in'
import { signInFormError } from '#services/sign_in_messages'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { endSession, tagSession } from '#services/user_sessions'
import { holdSignIn } from '#services/two_step'
import { ACCOUNT_KEY, sendToDepartment } from '#controllers/identity/department_sign_in_controller'
import {
  departmentSignOutUrl,
  startDepartmentSignIn,
  type DepartmentAccount,
} from '#actions/identity/department_sign_in'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/identity/sign_in')
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, session, backWithErrors } = ctx
    const { email, password } = await request.validateUsing(signInValidator)
    // An address whose department signs its people in goes there; the password is not used.
    const department = await startDepartmentSignIn(
      email,
      safeReturnPath(request.input('returnTo')),
      request.ip()
    )
    if (department.type !== 'no_provider') return sendToDepartment(ctx, department)
    const result = await signIn(email, password, request.ip())
    switch (result.type) {
      case 'signed_in':
        // login() gives the session a new id (no fixation); tagging it lets it be ended from elsewhere.
        await auth.use('web').login(result.user)
        await tagSession(session, result.user.id)
        return response.redirect().toPath(safeReturnPath(request.input('returnTo')))
      case 'two_step_needed':
        // Nobody is signed in yet: the sign-in waits in the session for the code.
        holdSignIn(session, result.user.id, safeReturnPath(request.input('returnTo')))
        return response.redirect().toRoute('twoStepSignIn.create')
      case 'invalid_credentials':
      case 'deactivated':
      case 'single_sign_on_only':
        return backWithErrors({ email: signInFormError(result) }, { except: ['password'] })
      case 'throttled':
        return backWithErrors(
          { email: signInFormError(result) },
          { except: ['password'], status: 429 }
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async destroy({ auth, response, session }: HttpContext) {
    const user = auth.user
    const account = session.pull(ACCOUNT_KEY) as DepartmentAccount | undefined
    await auth.use('web').logout()
    if (user) {
      await endSession(session, user.id)
      await recordAudit({
        action: AuditActions.SignOut,
        subjectType: 'user',
        subjectId: user.id,
        subjectLabel: user.email,
        organisationId: user.organisationId,
        actorId: user.id,
      })
    }
    session.flash('success', 'You have signed out')
    // Signed in through their department: offer to sign out there too, when it can.
    const departmentSignOut = account ? await departmentSignOutUrl(account) : null
    if (departmentSignOut) session.flash('departmentSignOut', departmentSignOut)
    return response.redirect().toRoute('session.create')
  }
}
