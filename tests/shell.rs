//! Shell completions and the manual page, as a person installs them.

use assert_cmd::Command;
use predicates::prelude::*;

/// No data folder and no settings: neither is needed to print these.
fn spiral() -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env_remove("SPIRAL_DATA_DIR")
        .env("SPIRAL_CONFIG", "/nonexistent/spiral/settings.toml");
    cmd
}

#[test]
fn bash_completions_complete_spiral_and_its_commands() {
    spiral()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("spiral"))
        .stdout(predicate::str::contains("complete -F"))
        .stdout(predicate::str::contains("worksheets"))
        .stdout(predicate::str::contains("config"));
}

#[test]
fn every_shell_gets_completions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        spiral()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("spiral"))
            .stderr("");
    }
}

#[test]
fn an_unknown_shell_lists_the_ones_there_are() {
    spiral()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("tcsh"))
        .stderr(predicate::str::contains("bash"));
}

#[test]
fn the_man_page_is_roff_starting_with_its_title() {
    spiral()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".TH spiral 1"))
        .stdout(predicate::str::contains(".SH COMMANDS"))
        .stdout(predicate::str::contains("SPIRAL_CONFIG"));
}

#[test]
fn help_lists_completions_and_man() {
    spiral()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("completions"))
        .stdout(predicate::str::contains("man"))
        .stdout(predicate::str::contains("config"));
}
