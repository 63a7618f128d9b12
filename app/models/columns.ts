import { column } from '@adonisjs/lucid/orm'

/* A true-or-false column: MySQL and SQLite both hand it back as 0 or 1. */
export const booleanColumn = () => column({ consume: (value) => Boolean(value) })

/* A decimal or big integer column, which the MySQL driver hands back as a string. */
export const numberColumn = () => column({ consume: (value) => Number(value) })
