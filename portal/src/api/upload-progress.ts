/** Each file's share of a multipart upload's progress: the parts are sent in order. */
export function perFileProgress(files: File[], fraction: number): number[] {
  const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
  let sent = fraction * total;
  return files.map((file) => {
    const share = file.size === 0 ? (sent >= 0 ? 1 : 0) : Math.min(1, Math.max(0, sent / file.size));
    sent -= file.size;
    return share;
  });
}
