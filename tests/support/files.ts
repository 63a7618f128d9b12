/*
 * The bytes of a binary file renamed .csv: a fixed pseudo-random sequence,
 * the same on every run, with no signature a file-type sniffer knows, and
 * a quote inside its first cell as such files usually have somewhere.
 */
export function binaryFile(length = 4096) {
  let seed = 20_261_207
  const bytes = Buffer.alloc(length)
  for (let i = 0; i < length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    bytes[i] = (seed >> 16) & 0xff
  }
  bytes.write('ab"', 0, 'latin1')
  bytes[3] = 0
  return bytes
}
