import type { Assert } from '@japa/assert'
import type { Locator } from 'playwright'

/*
 * A table whose rows each have a box, with one box above them that ticks
 * them all: once it has, clearing one row's box with the space bar leaves
 * that box clear and the box for everyone neither ticked nor clear, showing
 * that only some are (`message` says which box that is).
 */
export async function assertClearingOneLeavesSomeTicked(
  assert: Assert,
  everyone: Locator,
  one: Locator,
  message: string
) {
  await one.focus()
  await one.page().keyboard.press('Space')
  assert.isFalse(await one.isChecked())
  assert.isFalse(await everyone.isChecked())
  assert.isTrue(await everyone.evaluate((box) => (box as HTMLInputElement).indeterminate), message)
}
