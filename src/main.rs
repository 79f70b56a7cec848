use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = spiral::cli::Cli::parse();
    match spiral::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spiral: {}", spiral::safe::terminal(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}
