import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Creates (or promotes) a capability admin in any environment, and sends
 * them an invitation to create their password, or prints its link.
 */
export default class UsersCreateAdmin extends BaseCommand {
  static commandName = 'users:create-admin'
  static description =
    'Make someone a capability admin (creating them if needed) and e-mail them an invitation to create their password, or print its link with --print-link'

  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Their email address' })
  declare email: string | undefined

  @flags.string({ description: 'Their full name (someone already recorded keeps theirs)' })
  declare name: string | undefined

  @flags.string({
    description:
      'Code of their organisation, for example co; may be left out when there is only one organisation, or for someone already recorded',
  })
  declare organisation: string | undefined

  @flags.boolean({ description: 'Print the one-time link instead of e-mailing it' })
  declare printLink: boolean | undefined

  async run() {
    // Imported here: models need the booted application.
    const { createAdmin } = await import('#actions/identity/create_admin')
    const { ukMoment } = await import('#queries/identity/account_status_query')
    const result = await createAdmin({
      email: this.email,
      fullName: this.name,
      organisationCode: this.organisation,
    })
    switch (result.type) {
      case 'invalid':
        for (const message of result.messages) this.logger.error(message)
        return this.fail()
      case 'no_organisations':
        this.logger.error(
          'There are no organisations yet: load the reference data first with node ace db:seed --files database/seeders/main_seeder.ts'
        )
        return this.fail()
      case 'organisation_needed':
        this.logger.error(
          `Give their organisation with --organisation, one of: ${result.codes.join(', ')} (or the code of one inside them)`
        )
        return this.fail()
      case 'organisation_not_found':
        this.logger.error(
          `There is no organisation with the code ${result.code}. Top-level codes: ${result.codes.join(', ')}`
        )
        return this.fail()
      case 'other_organisation':
        this.logger.error(
          `${result.user.email} already belongs to ${result.organisation.name} (${result.organisation.code}): leave --organisation out to make them a capability admin there`
        )
        return this.fail()
      case 'deactivated':
        this.logger.error(
          `${result.user.email} is deactivated: reactivate their account, or choose another person`
        )
        return this.fail()
      case 'done':
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }

    const { user, organisation, invitation } = result
    const who = `${user.fullName} (${user.email})`
    this.logger.success(
      result.change === 'created'
        ? `Created ${who} in ${organisation.name} (${organisation.code}) as a capability admin`
        : result.change === 'promoted'
          ? `${who} is now a capability admin`
          : `${who} was already a capability admin`
    )
    if (result.recordedName) {
      this.logger.info(`Their recorded name, ${result.recordedName}, is kept`)
    }
    if (!invitation) {
      this.logger.info(
        result.notInvited === 'single_sign_on'
          ? 'No invitation: their organisation signs in with single sign-on only'
          : 'No invitation: they have signed in before. A forgotten password is reset from the sign-in page'
      )
      return
    }
    const until = ukMoment(invitation.expiresAt)
    if (this.printLink) {
      const { linkUrl } = await import('#services/password_links')
      this.logger.info(
        `One-time link to create their password (works until ${until}; any earlier invitation no longer works):`
      )
      this.ui.logger.log(linkUrl(invitation.token))
      return
    }
    const { default: mail } = await import('@adonisjs/mail/services/main')
    const { default: Invitation } = await import('#mails/invitation')
    try {
      await mail.send(
        new Invitation({
          person: { email: user.email, name: user.fullName },
          invitedBy: null,
          token: invitation.token,
          expiresAt: invitation.expiresAt,
        })
      )
    } catch (error) {
      this.logger.error(
        `The invitation could not be e-mailed (${(error as Error).message}). Run the command again with --print-link to get a link instead`
      )
      return this.fail()
    }
    this.logger.success(`Invitation e-mailed to ${user.email}; its link works until ${until}`)
  }

  private fail() {
    this.exitCode = 1
  }
}
