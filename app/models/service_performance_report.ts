import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import { numberColumn } from '#models/columns'
import Service from '#models/service'
import {
  CHANNELS,
  SATISFACTION,
  type Channel,
  type PerformanceFigures,
} from '#domain/workforce/service_performance'

/*
 * What a service reported for one period (strategy action 13): the raw
 * figures its indicators are worked out from. A correction changes the row
 * and counts a revision; the audit trail keeps each earlier version.
 */
export default class ServicePerformanceReport extends AuditedModel {
  static auditSubjectType = 'service_performance'

  @column()
  declare serviceId: number

  /* The first day of the period. */
  @column.date()
  declare periodStart: DateTime

  @column()
  declare digitalTransactions: number
  @column()
  declare assistedDigitalTransactions: number
  @column()
  declare phoneTransactions: number
  @column()
  declare paperTransactions: number
  @column()
  declare faceToFaceTransactions: number
  @column()
  declare totalTransactions: number

  @numberColumn()
  declare totalCostPence: number
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare digitalCostPence: number | null
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare assistedDigitalCostPence: number | null
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare phoneCostPence: number | null
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare paperCostPence: number | null
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare faceToFaceCostPence: number | null

  @column()
  declare verySatisfied: number
  @column()
  declare satisfied: number
  @column()
  declare neither: number
  @column()
  declare dissatisfied: number
  @column()
  declare veryDissatisfied: number

  @column()
  declare startedTransactions: number
  @column()
  declare completedTransactions: number

  @column()
  declare notes: string | null

  @column()
  declare revision: number

  @column()
  declare reportedBy: number | null

  @belongsTo(() => Service)
  declare service: BelongsTo<typeof Service>

  auditLabel() {
    return this.periodStart.toISODate()
  }

  /* Filed under the organisation that runs the service. */
  async auditOrganisationId() {
    const row = await db
      .from('services')
      .where('id', this.serviceId)
      .select('organisation_id')
      .first()
    return row ? Number(row.organisation_id) : null
  }
}

/* A model attribute's column: `assistedDigitalTransactions` → `assisted_digital_transactions`. */
const columnNames = new Map<string, string>()
const columnOf = (attribute: string) => {
  let name = columnNames.get(attribute)
  if (name === undefined) {
    name = attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    columnNames.set(attribute, name)
  }
  return name
}

/* The attributes of a channel's transactions and cost. */
const channelAttributes = (channel: Channel) => ({
  transactions: `${channel}Transactions`,
  cost: `${channel}CostPence`,
})

/* The columns that hold a report's figures, to read no more than they need. */
export const FIGURE_COLUMNS = [
  'totalTransactions',
  'totalCostPence',
  'startedTransactions',
  'completedTransactions',
  ...CHANNELS.flatMap((channel) => Object.values(channelAttributes(channel))),
  ...SATISFACTION,
].map(columnOf)

/*
 * A report's figures from a row: a model's attributes (camelCase) or a
 * row as the query builder gives it (snake_case columns, MySQL's big
 * integers as text).
 */
export function figuresFromRow(
  row: Record<string, unknown>,
  naming: 'attributes' | 'columns' = 'columns'
): PerformanceFigures {
  const read = (attribute: string) => row[naming === 'columns' ? columnOf(attribute) : attribute]
  const count = (attribute: string) => Number(read(attribute))
  const pence = (attribute: string) => {
    const value = read(attribute)
    return value === null || value === undefined ? null : Number(value)
  }
  return {
    transactions: Object.fromEntries(
      CHANNELS.map((channel) => [channel, count(channelAttributes(channel).transactions)])
    ) as Record<Channel, number>,
    totalTransactions: count('totalTransactions'),
    totalCostPence: count('totalCostPence'),
    channelCostPence: Object.fromEntries(
      CHANNELS.map((channel) => [channel, pence(channelAttributes(channel).cost)])
    ) as Record<Channel, number | null>,
    satisfaction: Object.fromEntries(
      SATISFACTION.map((answer) => [answer, count(answer)])
    ) as PerformanceFigures['satisfaction'],
    startedTransactions: count('startedTransactions'),
    completedTransactions: count('completedTransactions'),
  }
}

/* The model's attributes for these figures. */
export function attributesFromFigures(figures: PerformanceFigures): Record<string, number | null> {
  const attributes: Record<string, number | null> = {
    totalTransactions: figures.totalTransactions,
    totalCostPence: figures.totalCostPence,
    startedTransactions: figures.startedTransactions,
    completedTransactions: figures.completedTransactions,
  }
  for (const channel of CHANNELS) {
    attributes[channelAttributes(channel).transactions] = figures.transactions[channel]
    attributes[channelAttributes(channel).cost] = figures.channelCostPence[channel]
  }
  for (const answer of SATISFACTION) attributes[answer] = figures.satisfaction[answer]
  return attributes
}

/* The table's columns for these figures, as a row to insert. */
export function columnsFromFigures(figures: PerformanceFigures): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(attributesFromFigures(figures)).map(([attribute, value]) => [
      columnOf(attribute),
      value,
    ])
  )
}
