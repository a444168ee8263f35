// swerig debug tool, Node side: preloaded into every Node process of the debugged command
// (NODE_OPTIONS=--require), it sets the breakpoints through an in-process inspector session and, at
// each hit, evaluates the expressions in the paused frame and appends one JSON line to a hits file.
//
// A same-thread session (session.connect) receives Debugger.paused synchronously while the thread is
// stopped; posts answer synchronously too, and since such a session does not hold the thread paused,
// execution goes on once the handler returns. Breakpoints are set per script as it is parsed, through
// its source map when it has one (vitest, tsx, tsc output), so lines are the repository file's lines.
"use strict";

function installSwerigDebugger() {
  const text = process.env.SWERIG_DEBUG;
  if (!text) return;
  const fs = require("node:fs");
  const path = require("node:path");
  const url = require("node:url");
  const util = require("node:util");
  const inspector = require("node:inspector");
  const workerThreads = require("node:worker_threads");

  const cfg = JSON.parse(text);
  const RENDER = Symbol.for("swerig.debug.render");
  const COND_ERROR = Symbol.for("swerig.debug.conditionError");
  const thread = workerThreads.isMainThread ? "main" : `worker ${workerThreads.threadId}`;
  const append = (file, line) => fs.appendFileSync(file, line);
  const record = (value) => append(cfg.hitsFile, `${JSON.stringify({ ...value, pid: process.pid })}\n`);
  const hitCount = () => (fs.existsSync(cfg.countFile) ? fs.statSync(cfg.countFile).size : 0);
  if (hitCount() >= cfg.maxHits) return;

  const realOf = (p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  /** Breakpoints by file, under the given path and its real path. */
  const byFile = new Map();
  cfg.breakpoints.forEach((bp, index) => {
    for (const key of new Set([bp.file, realOf(bp.file)])) {
      if (!byFile.has(key)) byFile.set(key, []);
      byFile.get(key).push({ ...bp, index });
    }
  });

  Object.defineProperty(globalThis, RENDER, {
    configurable: true,
    enumerable: false,
    value: (value) => {
      const shown = util.inspect(value, {
        depth: 2,
        maxArrayLength: 20,
        maxStringLength: cfg.reprChars,
        breakLength: Infinity,
        colors: false,
      });
      return shown.length > cfg.reprChars ? `${shown.slice(0, cfg.reprChars)}...` : shown;
    },
  });

  const session = new inspector.Session();
  session.connect();
  /** A synchronous post: on a same-thread session the callback runs before post returns. */
  const post = (method, params) => {
    let out = { error: `no answer to ${method}` };
    session.post(method, params, (error, result) => {
      out = error ? { error: error.message } : { result };
    });
    return out;
  };

  const scriptPath = (scriptUrl) => {
    if (scriptUrl.startsWith("file://")) return url.fileURLToPath(scriptUrl.replace(/[?#].*$/, ""));
    return path.isAbsolute(scriptUrl) ? scriptUrl : undefined;
  };

  // --- source maps: VLQ mappings decoded into [generatedLine, generatedColumn, source, originalLine] ---
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function decodeMappings(mappings) {
    const segments = [];
    let source = 0;
    let origLine = 0;
    let _origCol = 0;
    mappings.split(";").forEach((lineText, genLine) => {
      let genCol = 0;
      for (const seg of lineText.split(",")) {
        if (!seg) continue;
        const values = [];
        let value = 0;
        let shift = 0;
        for (const ch of seg) {
          const digit = B64.indexOf(ch);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        genCol += values[0];
        if (values.length < 4) continue;
        source += values[1];
        origLine += values[2];
        _origCol += values[3];
        segments.push([genLine, genCol, source, origLine]);
      }
    });
    return segments;
  }

  function loadSourceMap(mapUrl, scriptUrl, file) {
    try {
      let json;
      if (mapUrl.startsWith("data:")) {
        const comma = mapUrl.indexOf(",");
        const payload = mapUrl.slice(comma + 1);
        json = /;base64$/.test(mapUrl.slice(0, comma)) ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload);
      } else {
        json = fs.readFileSync(path.resolve(path.dirname(file), mapUrl.replace(/^file:\/\//, "")), "utf8");
      }
      const map = JSON.parse(json);
      const base = scriptUrl.startsWith("file://") ? scriptUrl : url.pathToFileURL(file).href;
      const sources = (map.sources || []).map((s) => {
        try {
          const resolved = new URL(`${map.sourceRoot ? `${map.sourceRoot.replace(/\/?$/, "/")}` : ""}${s}`, base);
          return resolved.protocol === "file:" ? url.fileURLToPath(resolved) : undefined;
        } catch {
          return undefined;
        }
      });
      // Decoding is the costly part; most scripts of a test run map to no breakpoint file.
      if (!sources.some((source) => source && byFile.has(source))) return undefined;
      return { sources, segments: decodeMappings(map.mappings || "") };
    } catch (error) {
      record({ type: "error", message: `could not read the source map of ${file}: ${error.message}` });
      return undefined;
    }
  }

  /** Generated positions of an original line (0-based): the first column on each generated line. */
  function generatedFor(map, sourceIndex, line) {
    const byLine = new Map();
    for (const [genLine, genCol, src, origLine] of map.segments) {
      if (src === sourceIndex && origLine === line && !(byLine.get(genLine) <= genCol)) byLine.set(genLine, genCol);
    }
    return [...byLine.entries()].sort((a, b) => a[0] - b[0]);
  }

  /** The first original line (0-based) after `line` that has generated code. */
  function nextMapped(map, sourceIndex, line) {
    let next;
    for (const [, , src, origLine] of map.segments) {
      if (src === sourceIndex && origLine > line && (next === undefined || origLine < next)) next = origLine;
    }
    return next;
  }

  /** The original line (0-based) of a generated position: the closest segment at or before it. */
  function originalFor(map, sourceIndex, genLine, genCol) {
    let best;
    for (const [gl, gc, src, origLine] of map.segments) {
      if (src !== sourceIndex || gl !== genLine || gc > genCol) continue;
      if (!best || gc >= best.gc) best = { gc, origLine };
    }
    return best ? best.origLine : undefined;
  }

  const conditionOf = (condition) =>
    condition
      ? `(() => { try { return !!(\n${condition}\n); } catch (e) { ` +
        'globalThis[Symbol.for("swerig.debug.conditionError")] = String(e && e.stack ? e.stack.split("\\n")[0] : e); ' +
        "return true; } })()"
      : undefined;

  /**
   * Sets a breakpoint at a generated position and keeps it only if V8 places it on the requested
   * line: a line without code of its own cannot be hit (as in Python), and `next` says where code is.
   * Returns true when kept, else the next original line (1-based) with code, or null.
   */
  const placed = new Map(); // breakpointId -> { index, map, sourceIndex }
  function place(scriptId, bp, genLine, genCol, map, sourceIndex) {
    const answer = post("Debugger.setBreakpoint", {
      location: { scriptId, lineNumber: genLine, columnNumber: genCol },
      condition: conditionOf(bp.condition),
    });
    if (answer.error) return null;
    const actual = answer.result.actualLocation;
    const line = map ? originalFor(map, sourceIndex, actual.lineNumber, actual.columnNumber) : actual.lineNumber;
    if (line === bp.line - 1) {
      placed.set(answer.result.breakpointId, { index: bp.index, map, sourceIndex });
      return true;
    }
    post("Debugger.removeBreakpoint", { breakpointId: answer.result.breakpointId });
    return line === undefined || line < bp.line - 1 ? null : line + 1;
  }

  /** Records whether breakpoint `bp` could be placed in a loaded script, and where code is if not. */
  function placeAll(bp, attempts, fallbackNext) {
    const results = attempts.map((attempt) => attempt());
    if (results.includes(true)) return record({ type: "seen", bp: bp.index, placed: true });
    const next = results.filter((r) => typeof r === "number").sort((a, b) => a - b)[0];
    record({ type: "seen", bp: bp.index, placed: false, next: next ?? fallbackNext ?? null });
  }

  function onScript({ scriptId, url: scriptUrl, sourceMapURL }) {
    const file = scriptPath(scriptUrl);
    if (!file || file.includes(`${path.sep}node_modules${path.sep}`)) return;
    const own = byFile.get(file);
    const underRoot = file === cfg.root || file.startsWith(`${cfg.root}${path.sep}`);
    const map = sourceMapURL && (own || underRoot) ? loadSourceMap(sourceMapURL, scriptUrl, file) : undefined;
    const mapped = new Set();
    if (map) {
      map.sources.forEach((source, sourceIndex) => {
        for (const bp of (source && byFile.get(source)) || []) {
          mapped.add(bp.index);
          const positions = generatedFor(map, sourceIndex, bp.line - 1);
          const next = nextMapped(map, sourceIndex, bp.line - 1);
          placeAll(
            bp,
            positions.map(
              ([genLine, genCol]) =>
                () =>
                  place(scriptId, bp, genLine, genCol, map, sourceIndex),
            ),
            next === undefined ? null : next + 1,
          );
        }
      });
    }
    for (const bp of own || []) {
      if (!mapped.has(bp.index)) placeAll(bp, [() => place(scriptId, bp, bp.line - 1, 0)]);
    }
  }

  /** Renders a value where the render function is not defined: a script run in another vm context. */
  const FALLBACK_RENDER = [
    "((v) => { try { const t = typeof v;",
    'if (t === "string") return JSON.stringify(v);',
    'if (t === "function") return "[Function: " + (v.name || "anonymous") + "]";',
    'if (t === "bigint") return v + "n";',
    'if (t === "symbol" || v === undefined) return String(v);',
    "const j = JSON.stringify(v); return j === undefined ? String(v) : j;",
    "} catch (e) { return Object.prototype.toString.call(v); } })",
  ].join(" ");

  function evaluate(callFrameId, expression) {
    const answer = post("Debugger.evaluateOnCallFrame", {
      callFrameId,
      expression: `(globalThis[Symbol.for("swerig.debug.render")] || ${FALLBACK_RENDER})((\n${expression}\n))`,
      returnByValue: true,
      silent: true,
    });
    if (answer.error) return { expr: expression, value: `<error: ${answer.error}>`, error: true };
    const { result, exceptionDetails } = answer.result;
    if (exceptionDetails) {
      const described = exceptionDetails.exception?.description || exceptionDetails.text || "exception";
      return { expr: expression, value: `<error: ${described.split("\n")[0].slice(0, cfg.reprChars)}>`, error: true };
    }
    const value = String(result.value);
    return { expr: expression, value: value.length > cfg.reprChars ? `${value.slice(0, cfg.reprChars)}...` : value, error: false };
  }

  let done = false;
  function onPaused({ callFrames, hitBreakpoints }) {
    try {
      const bp = (hitBreakpoints || []).map((id) => placed.get(id)).find(Boolean);
      if (done || !bp) return;
      const conditionError = globalThis[COND_ERROR];
      delete globalThis[COND_ERROR];
      append(cfg.countFile, ".");
      if (hitCount() > cfg.maxHits) return stop();
      const frame = callFrames[0];
      const { lineNumber, columnNumber } = frame.location;
      const line = bp.map ? originalFor(bp.map, bp.sourceIndex, lineNumber, columnNumber) : lineNumber;
      const values = cfg.expressions.map((e) => evaluate(frame.callFrameId, e));
      record({
        type: "hit",
        bp: bp.index,
        line: line === undefined ? null : line + 1,
        function: frame.functionName || "(anonymous)",
        thread,
        values,
        ...(conditionError ? { conditionError: `<error: ${conditionError}>` } : {}),
      });
      if (hitCount() >= cfg.maxHits) stop();
    } catch (error) {
      record({ type: "error", message: `the debugger hook failed at a hit: ${error?.message}` });
    } finally {
      session.post("Debugger.resume");
    }
  }

  function stop() {
    done = true;
    session.post("Debugger.disable");
  }

  session.on("Debugger.scriptParsed", (message) => {
    try {
      onScript(message.params);
    } catch (error) {
      record({ type: "error", message: `the debugger hook failed on ${message.params.url}: ${error?.message}` });
    }
  });
  session.on("Debugger.paused", (message) => onPaused(message.params));
  post("Debugger.enable", {});
}

try {
  installSwerigDebugger();
} catch (error) {
  // The debugged program runs on without breakpoints; the tool shows why.
  try {
    const line = { type: "error", message: `the debugger could not start in this process: ${error?.message}`, pid: process.pid };
    require("node:fs").appendFileSync(JSON.parse(process.env.SWERIG_DEBUG).hitsFile, `${JSON.stringify(line)}\n`);
  } catch {
    // nowhere to report to
  }
}
