import { open } from 'node:fs/promises';

/** The first bytes of a file, where its type shows (magic numbers sit in the first few KB). */
export async function readHead(filepath: string, length = 4096): Promise<Buffer> {
  const handle = await open(filepath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
