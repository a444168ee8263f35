// An agent's own test for pyledger-show-zero that catches the bug: it fails on the base code and passes
// with the reference fix. Shared by the Docker tests of --judge-tests, local and through the queue.

export const AGENT_TEST_FILE = "tests/test_balance_report.py";

export const CATCHING_TEST = `

def test_show_zero_off_from_agent(journal_text):
    settings = Settings.from_text("[report]\\nshow_zero = off\\n")
    report = build_balance(parse_journal(journal_text), settings)
    assert "assets:deposit" not in report.accounts()
`;
