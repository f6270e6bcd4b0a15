/** Where a command writes its lines: standard output and standard error (or a test's arrays). */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
