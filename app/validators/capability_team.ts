import vine from '@vinejs/vine'

/* The team capability matrix's filters, read from the query string. */
export const teamFiltersValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive().optional(),
  roleLevelId: vine.number().withoutDecimals().positive().optional(),
  teamId: vine.number().withoutDecimals().positive().optional(),
  page: vine.number().withoutDecimals().positive().max(100000).optional(),
})
