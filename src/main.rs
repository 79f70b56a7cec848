use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = spiral::cli::Cli::parse();
    match spiral::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The terminal may be gone (a closed window): saying so must not fail.
            let mut stderr = std::io::stderr();
            if let Some(stopped) = e.downcast_ref::<spiral::app::Stopped>() {
                let _ = writeln!(stderr, "{}", spiral::safe::terminal(&stopped.message));
                return ExitCode::from(stopped.stop.exit_code());
            }
            let _ = writeln!(
                stderr,
                "spiral: {}",
                spiral::safe::terminal(&spiral::files::error_text(e.as_ref()))
            );
            ExitCode::FAILURE
        }
    }
}
