// How a trace keeps a tool call's arguments when a model sent them as JSON text: the parsed value when
// the text is valid JSON, else the raw text (so the tool box can tell the model what was wrong with it).

/** The parsed value of valid JSON text, `{}` for none or blank text, else the text itself; objects pass through. */
export function decodeToolArguments(raw: unknown): unknown {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "string") return raw;
  try {
    return raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return raw;
  }
}
