// A write that failed because the disk is full (ENOSPC, or a quota: EDQUOT) is not one task's failure:
// every later write fails too. It becomes one typed error naming the file, so a run can stop cleanly.
import { SwerigError } from "./errors.js";

/** The disk_full error for a failed write of `path`, or undefined when `error` is not a full disk. */
export function diskFullError(error: unknown, path: string): SwerigError | undefined {
  if (SwerigError.isInstance(error)) return error.code === "disk_full" ? error : undefined;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "ENOSPC" && code !== "EDQUOT") return undefined;
  return new SwerigError("disk_full", `no space left on the device (${code}) while writing ${path}`, { cause: error });
}

export function isDiskFull(error: unknown): error is SwerigError {
  return SwerigError.isInstance(error) && error.code === "disk_full";
}
