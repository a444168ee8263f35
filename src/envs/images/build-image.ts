// Builds one image from a Dockerfile and a context directory through dockerode's buildImage, streaming
// the daemon's output to the build log and quoting its tail when the build fails.
import type Docker from "dockerode";
import { SwerigError, errorMessage } from "../../core/index.js";
import type { BuildLog } from "./build-log.js";
import { tarDirectory } from "./tar-directory.js";

export interface ContextBuild {
  docker: Docker;
  /** Directory holding `Dockerfile` and everything it copies. */
  contextDir: string;
  tag: string;
  labels: Record<string, string>;
  /** `"none"` runs the RUN steps without network; default: the daemon's bridge. */
  networkMode?: string;
  buildArgs?: Record<string, string>;
  /** Ignore the daemon's layer cache (a forced rebuild). */
  noCache?: boolean;
  log: BuildLog;
}

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** A build failure quoting the end of its log. */
export function buildFailure(tag: string, what: string, log: BuildLog, cause?: unknown): SwerigError {
  const tail = log.tail();
  return new SwerigError("image_build_failed", `building ${tag} failed: ${what}\n--- last lines of ${log.path} ---\n${tail}`, { cause });
}

/** Copies a daemon progress stream into `log`; resolves with the error it reported, if any; rejects if the stream breaks. */
export function followDaemonOutput(docker: Docker, stream: NodeJS.ReadableStream, log: BuildLog): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (error: Error | null) => (error ? reject(error) : resolve(failure)),
      (event: BuildEvent) => {
        if (event.stream) log.write(event.stream);
        else if (event.status) log.line(event.status);
        if (event.error || event.errorDetail) {
          failure = event.errorDetail?.message ?? event.error ?? "unknown error";
          log.line(`ERROR: ${failure}`);
        }
      },
    );
  });
}

/**
 * Builds `tag` from `contextDir`. Resolves when the image exists; throws SwerigError("image_build_failed")
 * with the tail of the log when the daemon reports an error, the stream breaks or tar fails.
 */
export async function buildFromContext(build: ContextBuild): Promise<void> {
  const { docker, tag, log } = build;
  const tar = tarDirectory(build.contextDir);
  let failure: string | undefined;
  try {
    const response = await docker.buildImage(tar.stream, {
      t: tag,
      labels: build.labels,
      rm: true,
      forcerm: true,
      nocache: build.noCache === true,
      ...(build.networkMode ? { networkmode: build.networkMode } : {}),
      ...(build.buildArgs ? { buildargs: build.buildArgs } : {}),
    });
    failure = await followDaemonOutput(docker, response, log);
    await tar.done;
  } catch (error) {
    if (SwerigError.isInstance(error)) throw buildFailure(tag, error.message, log, error);
    throw buildFailure(tag, `the Docker daemon reported: ${errorMessage(error)}`, log, error);
  }
  if (failure !== undefined) throw buildFailure(tag, failure, log);
  try {
    await docker.getImage(tag).inspect();
  } catch (error) {
    throw buildFailure(tag, `the build ended but ${tag} does not exist (${errorMessage(error)})`, log, error);
  }
}
