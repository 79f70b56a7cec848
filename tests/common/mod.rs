//! A tmux harness for driving the real binary as a person would.
//!
//! Uses `SPIRAL_TEST_BIN` when set (`.ci/run` points it at the release
//! build), otherwise the binary cargo built for the tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    /// A private tmux server, so the test never touches a person's sessions.
    pub fn start(name: &str, data: &Path, width: u16, height: u16) -> Option<Tmux> {
        Self::start_with(name, data, width, height, "")
    }

    /// Like `start`, with extra `NAME=value` words for the app's environment.
    pub fn start_with(name: &str, data: &Path, width: u16, height: u16, env: &str) -> Option<Tmux> {
        Self::start_command(name, data, width, height, env, "")
    }

    /// Like `start_with`, with `args` after the binary (a command and its
    /// arguments, quoted for the shell).
    pub fn start_command(
        name: &str,
        data: &Path,
        width: u16,
        height: u16,
        env: &str,
        args: &str,
    ) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var("CI").is_err(),
                "tmux is needed for the real-terminal tests; .ci/run installs it"
            );
            eprintln!("SKIPPED {name}: tmux is not installed (apt-get install tmux to run it)");
            return None;
        }
        let tmux = Tmux {
            socket: format!("spiral-test-{}-{name}", std::process::id()),
        };
        tmux.launch_command(data, width, height, env, args);
        Some(tmux)
    }

    pub fn launch(&self, data: &Path, width: u16, height: u16, env: &str) {
        self.launch_command(data, width, height, env, "")
    }

    pub fn launch_command(&self, data: &Path, width: u16, height: u16, env: &str, args: &str) {
        let bin: PathBuf = std::env::var_os("SPIRAL_TEST_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_spiral").into());
        // A settings file that is never there, so a person's own settings
        // play no part; `env` may name a real one.
        let command = format!(
            "env SPIRAL_DATA_DIR='{}' SPIRAL_CONFIG='{}' NO_COLOR=1 TERM=xterm-256color {env} '{}' {args}; sleep 30",
            data.display(),
            data.join("no-settings-here.toml").display(),
            bin.display()
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
            ])
            .args([
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                &command,
            ])
            .status()
            .expect("tmux starts");
        assert!(status.success());
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t"])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    /// Types text literally, as a person would.
    pub fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the app has exited (the pane's shell is sleeping).
    pub fn wait_for_exit(&self) {
        let start = Instant::now();
        loop {
            let out = Command::new("tmux")
                .args([
                    "-L",
                    &self.socket,
                    "display-message",
                    "-p",
                    "-t",
                    "t",
                    "#{pane_current_command}",
                ])
                .output()
                .expect("display-message");
            if String::from_utf8_lossy(&out.stdout).trim() == "sleep" {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "spiral did not quit:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

pub fn entry_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("entries"))
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files
}

impl Tmux {
    /// The pid of the spiral process in the pane (a child of the pane's shell).
    pub fn spiral_pid(&self) -> Option<u32> {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                "t",
                "#{pane_pid}",
            ])
            .output()
            .ok()?;
        let shell: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
            let Some((head, rest)) = stat.rsplit_once(')') else {
                continue;
            };
            let ppid = rest
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(shell) && head.contains("(spiral") {
                return Some(pid);
            }
        }
        None
    }
}
