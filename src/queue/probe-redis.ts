// Before BullMQ connects (it retries for ever, and a client that never connected cannot be closed):
// one plain connection that gives up at once, so a wrong --queue is one clear error at start.
import { Redis } from "ioredis";
import { SwerigError } from "../core/index.js";
import { type QueueConnection, showQueueUrl } from "./connection.js";

export const PROBE_TIMEOUT_MS = 10_000;

/** Throws SwerigError("invalid_input") naming the URL and the cause when Redis does not answer a PING. */
export async function probeRedis(connection: QueueConnection, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const client = new Redis(connection.url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
  });
  let cause = "";
  client.on("error", (error: Error) => {
    cause = error.message;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const why = cause || (error instanceof Error ? error.message : String(error));
    throw new SwerigError("invalid_input", `--queue ${showQueueUrl(connection.url)}: cannot reach Redis (${why})`);
  } finally {
    client.disconnect();
  }
}
