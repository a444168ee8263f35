// The report page's script: a filterable, sortable, virtualised list of task runs and a detail view
// per run. Plain browser JavaScript, inlined into the page; every untrusted string goes in as text.
(() => {
  const data = JSON.parse(document.getElementById("swerig-data").textContent);
  const KNOWN = JSON.parse(document.getElementById("swerig-statuses").textContent);
  const virtual = document.body.dataset.virtual !== "off";
  const ROW_H = 26;
  const OVERSCAN = 8;
  const COLS = [
    ["id", "instance"],
    ["sample", "#"],
    ["status", "status"],
    ["repo", "repository"],
    ["language", "lang"],
    ["failureMode", "failure mode"],
    ["steps", "steps"],
    ["costUsd", "cost $"],
    ["tokens", "tokens"],
    ["seconds", "secs"],
    ["findings", "findings"],
    ["security", "security"],
  ];
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const statusClass = (s) => (KNOWN.indexOf(s) >= 0 ? `st st-${s}` : "st st-other");
  const quality = globalThis.swerigQuality(el);
  let view = data.rows.map((_, i) => i);
  let sortKey = "id";
  let sortDir = 1;
  let selected = -1;

  function fillSelect(id, key) {
    const select = $(id);
    const values = Array.from(new Set(data.rows.map((r) => r[key]).filter((v) => v !== ""))).sort();
    for (const v of values) select.appendChild(el("option", null, v)).value = v;
  }
  fillSelect("filter-status", "status");
  fillSelect("filter-repo", "repo");
  fillSelect("filter-language", "language");
  fillSelect("filter-mode", "failureMode");

  const head = $("list-head");
  for (const [key, label] of COLS) {
    const button = el("button", `col c-${key}`, label);
    button.dataset.sort = key;
    button.title = quality.titles[key] || "";
    button.addEventListener("click", () => {
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      applyFilters();
    });
    head.appendChild(button);
  }

  function applyFilters() {
    const text = $("filter-text").value.trim().toLowerCase();
    const status = $("filter-status").value;
    const repo = $("filter-repo").value;
    const language = $("filter-language").value;
    const mode = $("filter-mode").value;
    const signal = $("filter-quality").value;
    view = [];
    for (let i = 0; i < data.rows.length; i++) {
      const r = data.rows[i];
      if (status && r.status !== status) continue;
      if (repo && r.repo !== repo) continue;
      if (language && r.language !== language) continue;
      if (mode && r.failureMode !== mode) continue;
      if (!quality.matches(r, signal)) continue;
      if (text && r.id.toLowerCase().indexOf(text) < 0 && r.repo.toLowerCase().indexOf(text) < 0) continue;
      view.push(i);
    }
    const key = sortKey;
    view.sort((a, b) => {
      const x = data.rows[a][key] ?? -1;
      const y = data.rows[b][key] ?? -1;
      const c = x < y ? -1 : x > y ? 1 : a - b;
      return c * sortDir;
    });
    for (const b of head.children) b.dataset.dir = b.dataset.sort === key ? (sortDir > 0 ? "asc" : "desc") : "";
    $("row-count").textContent = `${view.length} of ${data.rows.length} task runs`;
    $("spacer").style.height = virtual ? `${view.length * ROW_H}px` : "auto";
    if (virtual) $("viewport").scrollTop = 0;
    renderRows();
  }

  function rowNode(index, position) {
    const r = data.rows[index];
    const row = el("div", `row${index === selected ? " sel" : ""}${r.flaky ? " flaky" : ""}`);
    row.dataset.index = String(index);
    if (virtual) row.style.top = `${position * ROW_H}px`;
    const cells = [r.id, r.sample, null, r.repo, r.language, r.failureMode, r.steps, r.costUsd.toFixed(4), r.tokens, r.seconds];
    cells.push(quality.count(r.findings), quality.count(r.security));
    COLS.forEach(([key], i) => {
      const cell = el("span", `col c-${key}`, cells[i]);
      if (key === "status") cell.appendChild(el("span", statusClass(r.status), r.status + (r.flaky ? " (flaky)" : "")));
      row.appendChild(cell);
    });
    return row;
  }

  function renderRows() {
    const rows = $("rows");
    const frag = document.createDocumentFragment();
    if (virtual) {
      const port = $("viewport");
      const first = Math.max(0, Math.floor(port.scrollTop / ROW_H) - OVERSCAN);
      const last = Math.min(view.length, Math.ceil((port.scrollTop + port.clientHeight) / ROW_H) + OVERSCAN);
      for (let p = first; p < last; p++) frag.appendChild(rowNode(view[p], p));
    } else {
      for (let p = 0; p < view.length; p++) frag.appendChild(rowNode(view[p], p));
    }
    rows.replaceChildren(frag);
  }

  let pending = false;
  $("viewport").addEventListener("scroll", () => {
    if (!virtual || pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      renderRows();
    });
  });
  $("rows").addEventListener("click", (event) => {
    const row = event.target.closest(".row");
    if (row) openDetail(Number(row.dataset.index));
  });
  for (const id of ["filter-text", "filter-status", "filter-repo", "filter-language", "filter-mode", "filter-quality"])
    $(id).addEventListener("input", applyFilters);

  function collapsible(text, cls, lines, tail) {
    const all = text.split("\n");
    if (all.length <= lines && text.length <= 4000) return el("pre", cls, text);
    const box = el("details", "long");
    const preview = tail ? all.slice(-lines).join("\n") : all.slice(0, lines).join("\n");
    box.appendChild(el("summary", null, `show all ${all.length} lines (${text.length} characters)`));
    box.appendChild(el("pre", cls, text));
    const wrap = el("div");
    wrap.appendChild(el("pre", `${cls} preview`, (tail ? "…\n" : "") + preview + (tail ? "" : "\n…")));
    wrap.appendChild(box);
    return wrap;
  }

  function section(title) {
    const s = el("section", "block");
    s.appendChild(el("h3", null, title));
    return s;
  }

  function renderDiff(files, empty) {
    const box = el("div", "diff");
    if (!files || files.length === 0) box.appendChild(el("p", "muted", empty));
    for (const f of files || []) {
      box.appendChild(el("div", "file", f.name));
      for (const h of f.hunks) {
        if (h.header) box.appendChild(el("div", "hunk", h.header));
        for (const line of h.lines) {
          const c = line[0] === "+" ? "add" : line[0] === "-" ? "del" : line[0] === "\\" ? "meta" : "ctx";
          box.appendChild(el("div", `dl ${c}`, line));
        }
      }
    }
    return box;
  }

  function renderTests(tests) {
    const box = el("div", "tests");
    if (!tests) {
      box.appendChild(el("p", "muted", "no test results (not graded, or grading reached no verdict)"));
      return box;
    }
    for (const key of ["FAIL_TO_PASS", "PASS_TO_PASS"]) {
      const list = tests[key] || { success: [], failure: [] };
      const col = el("div", "tcol");
      col.appendChild(el("h4", null, `${key}: ${list.success.length} passed, ${list.failure.length} failed`));
      for (const t of list.failure) col.appendChild(el("div", "test fail", `✗ ${t}`));
      for (const t of list.success) col.appendChild(el("div", "test pass", `✓ ${t}`));
      box.appendChild(col);
    }
    return box;
  }

  function renderReruns(reruns) {
    const col = el("div", "tcol");
    const line = (ok, text) => col.appendChild(el("div", `test ${ok ? "pass" : "fail"}`, text));
    for (const r of reruns.runs)
      line(!r.failing.length, `run ${r.attempt}: ${r.status}${r.failing.length ? `: failed ${r.failing.join(", ")}` : ""}`);
    for (const f of reruns.flipped) line(false, `flipped ${f.test} (${f.statuses.map((s) => s || "absent").join(", ")})`);
    return col;
  }

  function renderTrajectory(steps) {
    const list = el("ol", "traj");
    let spent = 0;
    for (const s of steps) {
      const item = el("li", `ev ev-${s.t}${s.err ? " ev-err" : ""}${s.kind ? ` ev-${s.kind}` : ""}`);
      const meta = el("div", "meta");
      meta.appendChild(el("span", "at", `+${s.at.toFixed(1)}s`));
      if (s.t === "model") {
        meta.appendChild(el("b", null, `model, step ${s.step}`));
        spent += s.cost;
        const usage = `${s.inTok} in / ${s.outTok} out tokens, $${s.cost.toFixed(4)} (total $${spent.toFixed(4)})`;
        meta.appendChild(el("span", "cost", `${usage}, ${Math.round(s.ms)} ms`));
        item.appendChild(meta);
        if (s.text) item.appendChild(collapsible(s.text, "text", 12, false));
        if (s.calls.length) item.appendChild(el("div", "muted", `calls: ${s.calls.join(", ")}`));
      } else if (s.t === "call") {
        meta.appendChild(el("b", null, `call ${s.name}`));
        meta.appendChild(el("span", "muted", `step ${s.step}, id ${s.id}`));
        item.appendChild(meta);
        item.appendChild(collapsible(s.args, "args", 12, false));
      } else if (s.t === "result") {
        meta.appendChild(el("b", null, (s.err ? "error from " : "result of ") + s.name + (s.cancelled ? " (cancelled)" : "")));
        meta.appendChild(el("span", "muted", `${Math.round(s.ms)} ms`));
        item.appendChild(meta);
        item.appendChild(collapsible(s.out, "out", 20, false));
      } else {
        meta.appendChild(el("b", null, s.kind));
        item.appendChild(meta);
        item.appendChild(el("div", null, s.text));
      }
      list.appendChild(item);
    }
    return list;
  }

  function openDetail(index) {
    selected = index;
    renderRows();
    const r = data.rows[index];
    const d = data.details[index];
    const box = $("detail");
    box.replaceChildren();
    box.hidden = false;
    const title = el("h2", null, r.id + (data.rows.some((x) => x.sample > 0) ? ` · sample ${r.sample}` : ""));
    title.appendChild(el("span", statusClass(r.status), r.status));
    box.appendChild(title);
    const usage = `${r.steps} steps, $${r.costUsd.toFixed(4)}, ${r.tokens} tokens, ${r.seconds} s`;
    const mode = r.failureMode ? `; failure mode ${r.failureMode}` : "";
    box.appendChild(el("p", "muted", `agent ended: ${d.agentReason || "not yet"}; ${usage}${mode}`));
    const problem = section("Problem statement");
    const text = data.problems[r.id];
    problem.appendChild(text ? collapsible(text, "problem", 30, false) : el("p", "muted", "not available (give --tasks to include it)"));
    box.appendChild(problem);
    const traj = section(`Trajectory (${d.steps.length} events)`);
    if (d.tornTail) traj.appendChild(el("p", "muted", "the trace ends in a line still being written"));
    traj.appendChild(renderTrajectory(d.steps));
    box.appendChild(traj);
    const diffs = section("Final diff and reference patch");
    const sides = el("div", "sides");
    const left = el("div", "side");
    left.appendChild(el("h4", null, "final diff (agent)"));
    left.appendChild(renderDiff(d.diff, "empty diff"));
    const right = el("div", "side");
    right.appendChild(el("h4", null, "reference patch"));
    right.appendChild(renderDiff(data.references[r.id], "not available (give --tasks to include it)"));
    sides.append(left, right);
    diffs.appendChild(sides);
    box.appendChild(diffs);
    const checks = section("Quality of the patch");
    checks.appendChild(quality.render(d.quality));
    box.appendChild(checks);
    const tests = section("Hidden tests");
    tests.appendChild(renderTests(d.tests));
    box.appendChild(tests);
    if (d.reruns) {
      const reruns = section(`Runs of the eval (${d.reruns.flipped.length ? "flaky; " : ""}the verdict is run 1's)`);
      reruns.appendChild(renderReruns(d.reruns));
      box.appendChild(reruns);
    }
    const log = section("Grading log");
    log.appendChild(d.log ? collapsible(d.log, "log", 40, true) : el("p", "muted", "no grading log"));
    box.appendChild(log);
    box.scrollIntoView({ block: "start" });
    history.replaceState(null, "", `#${encodeURIComponent(r.id)}/${r.sample}`);
  }

  applyFilters();
  // A link ending in #<instance>/<sample> opens that run.
  const linked = /^#(.+)\/(\d+)$/.exec(location.hash);
  if (linked) {
    const id = decodeURIComponent(linked[1]);
    const at = data.rows.findIndex((r) => r.id === id && r.sample === Number(linked[2]));
    if (at >= 0) openDetail(at);
  }
  performance.mark("swerig-ready");
})();
