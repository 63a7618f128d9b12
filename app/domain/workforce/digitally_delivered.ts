/*
 * Whether a service of the register is digitally delivered: people use it
 * through a digital channel (HR say so on the service), and it is in
 * public beta or live, so there is a running digital service to work in.
 * Discovery and alpha build nothing the public uses yet. A Future Leaders
 * placement must be in such a service area. Pure: no framework imports;
 * `DIGITALLY_DELIVERED_PHASES` is the same test in SQL.
 */

/* The phases in which a service with a digital channel is used by the public. */
export const DIGITALLY_DELIVERED_PHASES = ['beta', 'live'] as const

export function isDigitallyDelivered(service: { phase: string; hasDigitalChannel: boolean }) {
  return (
    service.hasDigitalChannel &&
    (DIGITALLY_DELIVERED_PHASES as readonly string[]).includes(service.phase)
  )
}
