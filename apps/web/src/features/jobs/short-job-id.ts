/** Job ids are UUIDv7, whose leading characters are a timestamp shared by neighbours; the tail is random. */
export function shortJobId(jobId: string): string {
  return `…${jobId.slice(-8)}`;
}
