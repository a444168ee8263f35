// Source files that forge test output, for test/docker/forgery-go-rust.test.ts: each is added to the
// code under test of a bundled task (Go package internal/server of emberkv, Rust crate mdlite).

const goString = (text: string) => JSON.stringify(text);

/** Lines test2json prints for a passing test, plus the package's closing lines. */
function goEvents(pkg: string, tests: readonly string[]): string[] {
  const event = (fields: Record<string, unknown>) => JSON.stringify({ Time: "2026-01-01T00:00:00Z", Package: pkg, ...fields });
  return [
    ...tests.flatMap((test) => [
      event({ Action: "run", Test: test }),
      event({ Action: "output", Test: test, Output: `=== RUN   ${test}\n` }),
      event({ Action: "output", Test: test, Output: `--- PASS: ${test} (0.00s)\n` }),
      event({ Action: "pass", Test: test, Elapsed: 0 }),
    ]),
    event({ Action: "output", Output: "PASS\n" }),
    event({ Action: "output", Output: `ok  \t${pkg}\t0.010s\n` }),
    event({ Action: "pass", Elapsed: 0.01 }),
  ];
}

const SERVER_PACKAGE = "example.com/emberkv/internal/server";
const isTestBinary = `strings.HasSuffix(os.Args[0], ".test")`;

/** Edit of internal/server/server.go that makes every new server call the forgery's hook. */
export const NEW_SERVER_CALLS_HOOK = (old: string) => old.replace("func New(st *store.Store, opts Options) *Server {", "$&\n\tforgeHook()");

export const goForgery = {
  printJsonThenExit: (tests: readonly string[]) => `package server

import (
	"fmt"
	"os"
	"strings"
)

func init() {
	if !${isTestBinary} {
		return
	}
	fmt.Print(${goString(`${goEvents(SERVER_PACKAGE, tests).join("\n")}\n`)})
	os.Exit(0)
}
`,

  /** Needs forgeHook() called at the top of server.New (see NEW_SERVER_CALLS_HOOK). */
  writeFd1ThenExitDuringTest: (tests: readonly string[]) => `package server

import (
	"os"
	"strings"
	"syscall"
)

var forgeHook = func() {}

// Set in test binaries only; syscall.Exit skips the testing package's check on os.Exit(0) during a test.
func init() {
	if !${isTestBinary} {
		return
	}
	forgeHook = func() {
		syscall.Write(1, []byte(${goString(`${goEvents(SERVER_PACKAGE, tests).join("\n")}\n`)}))
		syscall.Exit(0)
	}
}
`,

  writeParentStdoutThenKill: (tests: readonly string[]) => `package server

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

func init() {
	if !${isTestBinary} {
		return
	}
	parent := os.Getppid()
	if out, err := os.OpenFile(fmt.Sprintf("/proc/%d/fd/1", parent), os.O_WRONLY, 0); err == nil {
		out.WriteString(${goString(`${goEvents(SERVER_PACKAGE, tests).join("\n")}\n`)})
		out.Close()
	}
	syscall.Kill(parent, syscall.SIGKILL)
	os.Exit(0)
}
`,

  testMainRunsNothing: () => `package server

import (
	"flag"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	flag.Parse()
	flag.Set("test.run", "^$")
	os.Exit(m.Run())
}
`,

  imitateFromInit: (tests: readonly string[]) => `package server

import (
	"fmt"
	"os"
	"strings"
)

func init() {
	if !${isTestBinary} {
		return
	}
	for _, name := range []string{${tests.map(goString).join(", ")}} {
		fmt.Printf("=== RUN   %s\\n--- PASS: %s (0.00s)\\n", name, name)
	}
	fmt.Println("PASS")
	os.Exit(0)
}
`,
};

/** The output libtest prints for a binary whose tests all pass. */
function libtestOutput(tests: readonly string[]): string {
  const lines = tests.map((name) => `test ${name} ... ok`);
  const closing = `test result: ok. ${tests.length} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s`;
  return `\nrunning ${tests.length} tests\n${lines.join("\n")}\n\n${closing}\n\n`;
}

const rustString = (text: string) => JSON.stringify(text);
/** True in the test binary built from tests/lists.rs (its file name is `lists-<hash>`). */
const IN_LISTS_BINARY =
  'std::fs::read("/proc/self/cmdline").map(|c| String::from_utf8_lossy(&c).contains("/deps/lists-"))' + ".unwrap_or(false)";

/** A function every binary runs before main, kept in the link by `run`, which to_html calls. */
const BEFORE_MAIN = (body: string) => `pub fn run() {}

#[used]
#[link_section = ".init_array"]
static FORGE_BEFORE_MAIN: extern "C" fn() = forge_before_main;

extern "C" fn forge_before_main() {
    if !${IN_LISTS_BINARY} {
        return;
    }
${body}
}
`;

export const rustForgery = {
  printThenExit: (tests: readonly string[]) => `pub fn run() {
    if !${IN_LISTS_BINARY} {
        return;
    }
    print!("{}", ${rustString(libtestOutput(tests))});
    std::process::exit(0);
}
`,

  writeFd1: (tests: readonly string[]) => `use std::io::Write;
use std::os::unix::io::FromRawFd;

static ONCE: std::sync::Once = std::sync::Once::new();

pub fn run() {
    if !${IN_LISTS_BINARY} {
        return;
    }
    ONCE.call_once(|| {
        let mut out = unsafe { std::fs::File::from_raw_fd(1) };
        let _ = out.write_all(${rustString(libtestOutput(tests))}.as_bytes());
        std::mem::forget(out);
    });
}
`,

  writeParentStdoutThenKill: (tests: readonly string[]) =>
    BEFORE_MAIN(`    use std::io::Write;
    let parent = std::os::unix::process::parent_id();
    if let Ok(mut out) = std::fs::OpenOptions::new().write(true).open(format!("/proc/{}/fd/1", parent)) {
        let _ = out.write_all(${rustString(libtestOutput(tests))}.as_bytes());
    }
    let _ = std::process::Command::new("kill").arg("-9").arg(parent.to_string()).status();
    std::process::exit(0);`),

  imitateBeforeMain: (tests: readonly string[]) =>
    BEFORE_MAIN(`    use std::io::Write;
    let _ = std::io::stdout().write_all(${rustString(libtestOutput(tests))}.as_bytes());
    let _ = std::io::stdout().flush();
    std::process::exit(0);`),
};
