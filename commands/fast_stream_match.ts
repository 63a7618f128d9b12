import { readFile, writeFile } from 'node:fs/promises'
import { counted } from '#domain/shared/wording'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { matchRound, validateRoundInput } from '#domain/fast_stream/matching_engine'

/*
 * Matches a placement round from a JSON file, outside the web service: the
 * same engine, no database. Exit status 0 when matched, 2 when the input
 * is missing or wrong (nothing is written), 1 when the result cannot be
 * written.
 */
export default class FastStreamMatch extends BaseCommand {
  static commandName = 'fast-stream:match'
  static description =
    'Match Fast Stream entrants to placements from a round in a JSON file (see docs/fast-stream-matching.md)'

  static options: CommandOptions = { startApp: false }

  @flags.string({
    description: 'The round to match: a JSON file of entrants, placements and rules',
  })
  declare input?: string

  @flags.string({ description: 'Where to write the result as JSON (printed when left out)' })
  declare output?: string

  async run() {
    if (!this.input) {
      this.logger.error('Give the round to match with --input <file.json>')
      this.exitCode = 2
      return
    }

    let text: string
    try {
      text = await readFile(this.input, 'utf8')
    } catch (error) {
      this.logger.error(`Cannot read ${this.input}: ${(error as Error).message}`)
      this.exitCode = 2
      return
    }

    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      this.logger.error(`${this.input} is not valid JSON: ${(error as Error).message}`)
      this.exitCode = 2
      return
    }

    const validation = validateRoundInput(json)
    if (!validation.ok) {
      for (const problem of validation.problems) this.logger.error(problem)
      const count = validation.problems.length
      this.logger.error(
        `${this.input} has ${count} problem${count === 1 ? '' : 's'}; nothing was matched`
      )
      this.exitCode = 2
      return
    }

    const result = matchRound(validation.input)
    const { stats } = result
    const summary = `Matched ${stats.matched} of ${counted(stats.entrants, 'entrant')} (${counted(stats.placesOffered, 'place')} offered): ${stats.firstChoice} to their first choice, ${stats.topThree} to one of their top three`
    const body = `${JSON.stringify(result, null, 2)}\n`

    if (!this.output) {
      // The result goes to standard output on its own, so it can be piped; the summary to standard error.
      process.stdout.write(body)
      this.logger.logError(summary)
      return
    }
    try {
      await writeFile(this.output, body, 'utf8')
    } catch (error) {
      this.logger.error(`Cannot write ${this.output}: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }
    this.logger.success(`${summary}. Written to ${this.output}`)
  }
}
