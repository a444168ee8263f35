// `--queue redis://[:PASSWORD@]HOST:PORT[/DB]`: the Redis server coordinator and workers share, and the
// one BullMQ queue swerig uses on it.
import { SwerigError } from "../core/index.js";

export const QUEUE_NAME = "swerig";

export interface QueueConnection {
  url: string;
  /** BullMQ's workers block on Redis; ioredis must not give up on their commands. */
  maxRetriesPerRequest: null;
}

/** Throws SwerigError("invalid_input") naming what is wrong with the URL. */
export function parseQueueUrl(raw: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SwerigError("invalid_input", `--queue ${JSON.stringify(raw)} is not a URL; give redis://HOST:PORT`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new SwerigError("invalid_input", `--queue ${JSON.stringify(raw)}: only redis:// and rediss:// URLs are supported`);
  }
  if (!url.hostname) throw new SwerigError("invalid_input", `--queue ${JSON.stringify(raw)} names no host; give redis://HOST:PORT`);
  if (url.pathname !== "" && url.pathname !== "/" && !/^\/\d+$/.test(url.pathname)) {
    throw new SwerigError("invalid_input", `--queue ${JSON.stringify(raw)}: the path must be a database number (/0), not ${url.pathname}`);
  }
  return { url: raw, maxRetriesPerRequest: null };
}

/** The URL without its password, for the console. */
export function showQueueUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = "***";
  return url.toString();
}
