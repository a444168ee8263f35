// Each security rule on code it must flag and on look-alike code it must leave alone.
import { describe, expect, it } from "vitest";
import { securityFindings } from "../../../../src/tools/code-metrics/security-scan.js";
import { SECURITY_RULES } from "../../../../src/tools/code-metrics/security-rules.js";
import type { LanguageId } from "../../../../src/tools/tree-sitter.js";

type Fixture = [LanguageId, string];
const CASES: Record<string, { flagged: Fixture[]; clean: Fixture[] }> = {
  "code-from-string": {
    flagged: [
      ["python", "eval(user_input)\n"],
      ["python", "exec(f'x = {v}')\n"],
      ["javascript", "const f = new Function(body);\n"],
      ["typescript", "eval(code);\n"],
    ],
    clean: [
      ["python", "evaluate(x)\nast.literal_eval(text)\n"],
      ["javascript", "eval('1 + 1');\n"],
    ],
  },
  "shell-true": {
    flagged: [["python", "subprocess.run(cmd, shell=True)\n"]],
    clean: [["python", "subprocess.run(['ls', path], shell=False)\nsubprocess.run(args)\n"]],
  },
  "os-system": {
    flagged: [["python", "os.system('rm ' + path)\n"]],
    clean: [["python", "os.path.join(a, b)\nsystem(x)\n"]],
  },
  "exec-interpolated": {
    flagged: [
      ["javascript", "child_process.execSync(`git log ${branch}`);\n"],
      ["typescript", "exec('ls ' + dir, cb);\n"],
    ],
    clean: [["javascript", "execFile('git', ['log', branch]);\nexecSync('git status');\n"]],
  },
  "go-shell-command": {
    flagged: [["go", 'package m\nfunc f(s string) { exec.Command("sh", "-c", s) }\n']],
    clean: [["go", 'package m\nfunc f(s string) { exec.Command("git", "log", s) }\n']],
  },
  "rust-shell-command": {
    flagged: [["rust", 'fn f() { std::process::Command::new("sh").arg("-c").arg(x); }\n']],
    clean: [["rust", 'fn f() { Command::new("git").arg("log"); }\n']],
  },
  "unsafe-deserialisation": {
    flagged: [
      ["python", "data = pickle.loads(blob)\n"],
      ["python", "cfg = yaml.load(text)\n"],
    ],
    clean: [["python", "cfg = yaml.load(text, Loader=yaml.SafeLoader)\ncfg = yaml.safe_load(text)\ndata = json.loads(blob)\n"]],
  },
  "tls-verification-off": {
    flagged: [
      ["python", "requests.get(url, verify=False)\n"],
      ["javascript", "https.request({ host, rejectUnauthorized: false });\n"],
      ["go", "package m\nvar c = &tls.Config{InsecureSkipVerify: true}\n"],
      ["rust", "fn f() { let c = Client::builder().danger_accept_invalid_certs(true); }\n"],
    ],
    clean: [
      ["python", "requests.get(url, verify=True)\n"],
      ["javascript", "https.request({ host, rejectUnauthorized: true });\n"],
      ["go", "package m\nvar c = &tls.Config{InsecureSkipVerify: false}\n"],
    ],
  },
  "sql-by-formatting": {
    flagged: [
      ["python", "cur.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n"],
      ["python", 'cur.execute("DELETE FROM t WHERE id = %s" % ident)\n'],
      ["javascript", "db.query(`SELECT * FROM t WHERE id = ${id}`);\n"],
      ["go", 'package m\nfunc f() { db.Query(fmt.Sprintf("SELECT * FROM t WHERE id = %s", id)) }\n'],
    ],
    clean: [
      ["python", 'cur.execute("SELECT * FROM users WHERE name = %s", (name,))\n'],
      ["javascript", "db.query('SELECT * FROM t WHERE id = $1', [id]);\n"],
    ],
  },
  "weak-hash": {
    flagged: [
      ["python", "h = hashlib.md5(password)\n"],
      ["javascript", "crypto.createHash('sha1').update(secret);\n"],
      ["go", "package m\nfunc f() { md5.Sum(b) }\n"],
    ],
    clean: [
      ["python", "h = hashlib.sha256(password)\n"],
      ["javascript", "crypto.createHash('sha256');\n"],
    ],
  },
};

describe("security rules", () => {
  it("every rule has flagged and clean fixtures", () => {
    expect(Object.keys(CASES).sort()).toEqual(SECURITY_RULES.map((r) => r.id).sort());
  });

  for (const rule of SECURITY_RULES) {
    it(`${rule.id} (${rule.cwe}) flags its fixtures and leaves the look-alikes alone`, async () => {
      for (const [language, source] of CASES[rule.id]!.flagged) {
        const found = await securityFindings(language, "f", source);
        expect(
          found.map((f) => f.rule),
          `${language}: ${source}`,
        ).toContain(rule.id);
      }
      for (const [language, source] of CASES[rule.id]!.clean) {
        const found = await securityFindings(language, "f", source);
        expect(
          found.map((f) => f.rule),
          `${language}: ${source}`,
        ).not.toContain(rule.id);
      }
    });
  }
});
