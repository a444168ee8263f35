// The report page's quality view of one task run (inlined before viewer.js, which calls it): the counts
// always shown, the findings themselves in sections that open on a click, and for every signal that is
// absent the reason why. Also the list's quality filter. Every string goes in as text.
globalThis.swerigQuality = (el) => {
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const isAbsent = (x) => typeof x.missing === "string";

  /** A row of the counts table; `cls` marks a value as bad (findings) or absent (a reason). */
  function line(table, label, value, cls) {
    const tr = el("tr");
    tr.appendChild(el("th", null, label));
    tr.appendChild(el("td", cls || null, value));
    table.appendChild(tr);
  }

  function absentLine(table, label, missing) {
    line(table, label, `absent: ${missing}`, "absent");
  }

  /** A closed section that lists `listed.items`, with a note when the page holds fewer than `listed.total`. */
  function openable(title, listed, render) {
    const box = el("details", "qd");
    box.appendChild(el("summary", null, `${title} (${listed.total})`));
    const list = el("ul", "findings");
    for (const item of listed.items) list.appendChild(render(item));
    box.appendChild(list);
    if (listed.total > listed.items.length)
      box.appendChild(el("p", "muted", `${listed.total - listed.items.length} more in the run folder's status.json`));
    return box;
  }

  function finding(where, head, body) {
    const li = el("li");
    li.appendChild(el("code", "where", where));
    li.appendChild(el("b", null, ` ${head}`));
    if (body) li.appendChild(el("span", null, `: ${body}`));
    return li;
  }

  function patchLines(table, opens, p) {
    const s = p.size;
    line(table, "size", `${plural(s.files, "file")}, ${plural(s.hunks, "hunk")}, +${s.linesAdded} / −${s.linesRemoved} lines`);
    const loc = p.locality;
    const overlap = loc.lineOverlap === null ? "no changed lines to compare" : `${Math.round(100 * loc.lineOverlap)}% of changed lines`;
    const outside = loc.filesOutsideReference.length ? `; not in it: ${loc.filesOutsideReference.join(", ")}` : "";
    line(table, "reference patch", `${loc.filesInReference} of ${plural(s.files, "file")} also in it; ${overlap} overlap it${outside}`);
    line(table, "test files touched", p.testFilesTouched.length ? p.testFilesTouched.join(", ") : "none");
    const functions = plural(p.complexity.total, "function");
    line(table, "complexity added", `${p.complexityAdded > 0 ? "+" : ""}${p.complexityAdded} over ${functions} changed`);
    const rules = Array.from(new Set(p.security.items.map((f) => `${f.cwe} ${f.rule}`))).join(", ");
    line(
      table,
      "security findings",
      p.security.total ? `${p.security.total}: ${rules}` : "none introduced",
      p.security.total ? "bad" : null,
    );
    if (p.security.total)
      opens.push(
        openable("security findings", p.security, (f) => {
          const li = finding(`${f.file}:${f.line}`, `${f.cwe} ${f.rule}`, f.title);
          li.appendChild(el("pre", "snippet", f.snippet));
          return li;
        }),
      );
    if (isAbsent(p.checkers)) absentLine(table, "checkers", p.checkers.missing);
    else
      for (const c of p.checkers) {
        if (isAbsent(c)) {
          absentLine(table, c.tool, c.missing);
          continue;
        }
        const n = c.findings.total;
        line(table, c.tool, n ? `${n} introduced` : "none introduced", n ? "bad" : null);
        if (n) opens.push(openable(`${c.tool} findings`, c.findings, (f) => finding(`${f.file}:${f.line}`, f.rule, f.message)));
      }
    if (p.complexity.total)
      opens.push(
        openable("complexity per changed function", p.complexity, (c) => {
          const change = `${c.before === null ? "new" : c.before} → ${c.after === null ? "removed" : c.after}`;
          return finding(c.file, c.function, change);
        }),
      );
  }

  function testLines(table, opens, t) {
    if (isAbsent(t)) return absentLine(table, "agent tests", t.missing);
    const k = t.failBeforePassAfter.total;
    const caught = `${k} of ${plural(t.testsRun, "test")} run ${k === 1 ? "fails" : "fail"} before the reference fix, passing after`;
    line(table, "agent tests catch the bug", `${t.catchesBug ? "yes" : "no"} (${caught})`, t.catchesBug ? null : "bad");
    if (t.failBeforePassAfter.total)
      opens.push(openable("agent tests that catch the bug", t.failBeforePassAfter, (name) => el("li", "test pass", name)));
    if (t.failAfter.total)
      opens.push(openable("agent tests failing on the reference fix", t.failAfter, (name) => el("li", "test fail", name)));
  }

  function judgeLines(table, j) {
    if (isAbsent(j)) return absentLine(table, "judge", j.missing);
    for (const s of j.scores) line(table, `judge: ${s.criterion}`, `${s.score}/5: ${s.reason}`, s.score <= 2 ? "bad" : null);
    line(table, "judged by", j.by);
  }

  /** The quality section's content for one run's `quality` (page-data's QualityView). */
  function render(q) {
    const box = el("div", "quality");
    const table = el("table", "t qual");
    const opens = [];
    if (isAbsent(q.patch)) absentLine(table, "patch analysis", q.patch.missing);
    else patchLines(table, opens, q.patch);
    testLines(table, opens, q.agentTests);
    judgeLines(table, q.judge);
    box.appendChild(table);
    for (const o of opens) box.appendChild(o);
    return box;
  }

  /** The list filter: "" (all), "findings" (any introduced finding) or "security". */
  function matches(row, filter) {
    if (filter === "security") return row.security > 0;
    if (filter === "findings") return row.security > 0 || row.findings > 0;
    return true;
  }

  const count = (n) => (n === null ? "–" : n);
  const titles = {
    findings: "findings the patch introduced, by the checkers that ran (pyright, tsc, go vet, cargo check); – where none ran",
    security: "security findings (CWE-tagged) on lines the patch added; – where the patch was not analysed",
  };
  return { render, matches, count, titles };
};
