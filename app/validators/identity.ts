import vine from '@vinejs/vine'
import { gradeValues } from '#enums/grades'
import { professionValues } from '#enums/professions'
import { roleValues } from '#enums/roles'
import { newPassword } from '#validators/rules/password'

export const signInValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().maxLength(200),
})

export const tokenRequestValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().maxLength(200),
  name: vine.string().trim().maxLength(120).optional(),
  /* For people with two-step verification: the code from their app, or a recovery code. */
  code: vine.string().maxLength(50).optional(),
})

export const newTokenValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(120),
})

/* Meta data: the person's own `email` and `fullName`, which their new password must not be. */
export const changePasswordValidator = vine
  .withMetaData<{ email: string; fullName: string }>()
  .create({
    currentPassword: vine.string().maxLength(200),
    newPassword: newPassword('self').confirmed({ confirmationField: 'confirmPassword' }),
  })

/* A single checkbox arrives as a string; a list of them as an array. */
const asList = (value: unknown) =>
  value === undefined || value === null || Array.isArray(value) ? value : [value]

const email = () =>
  vine.string().trim().email().maxLength(254).normalizeEmail({ all_lowercase: true })

/* Fields in the order the form shows them, so the error summary follows the page. */
const personFields = {
  teamId: vine.number().withoutDecimals().positive().optional(),
  grade: vine.enum(gradeValues).optional(),
  profession: vine.enum(professionValues).optional(),
  lineManagerEmail: vine.string().trim().email().maxLength(254).optional(),
  roles: vine.array(vine.enum(roleValues)).parse(asList).optional(),
}

const fullName = () => vine.string().trim().minLength(2).maxLength(200)
const organisationId = () => vine.number().withoutDecimals().positive()

export const createUserValidator = vine.create({
  fullName: fullName(),
  email: email(),
  password: newPassword('person'),
  organisationId: organisationId(),
  ...personFields,
})

export const updateUserValidator = vine.create({
  fullName: fullName(),
  email: email(),
  organisationId: organisationId(),
  ...personFields,
})
