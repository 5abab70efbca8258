//! Running the binary under a memory limit and reading its peak resident
//! size: how tests bound what a run may cost without timing anything.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};

/// Waits for `child` and returns its status and peak resident size in bytes.
pub fn wait_with_peak(child: Child) -> (ExitStatus, u64) {
    use std::os::unix::process::ExitStatusExt;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a plain wait4 on our own child, with valid out-pointers.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    std::mem::forget(child);
    (ExitStatus::from_raw(status), usage.ru_maxrss as u64 * 1024)
}

/// Runs `cmd` with at most `limit` bytes of address space; returns its
/// output (stderr) and peak resident size.
pub fn run_bounded(mut cmd: Command, limit: u64) -> (ExitStatus, String, u64) {
    // SAFETY: setrlimit is async-signal-safe; nothing else runs in pre_exec.
    unsafe {
        cmd.pre_exec(move || {
            let rl = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    let (status, peak) = wait_with_peak(child);
    (status, err, peak)
}
