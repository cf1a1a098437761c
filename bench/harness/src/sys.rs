//! The operating system's side: CPU pinning, signals and the kernel's own accounting of a
//! process (`/proc/<pid>/stat` and `/proc/<pid>/status`).

use std::io;
use std::os::unix::process::CommandExt;
use std::process::Command;

/// Makes `command` start pinned to `cpu` (what `taskset -c CPU` does, without an extra exec
/// in the startup time).
pub fn pin_command(command: &mut Command, cpu: usize) {
    // SAFETY: only async-signal-safe calls (sched_setaffinity) between fork and exec.
    unsafe {
        command.pre_exec(move || pin(0, cpu));
    }
}

/// Pins a process (0: this one) to one CPU.
pub fn pin(pid: i32, cpu: usize) -> io::Result<()> {
    // SAFETY: a zeroed cpu_set_t is the empty set; CPU_SET writes inside it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        if libc::sched_setaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Sends a signal; errors (e.g. the process is gone) are ignored.
pub fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) has no memory-safety preconditions.
    unsafe {
        libc::kill(pid as i32, sig);
    }
}

pub const SIGTERM: i32 = libc::SIGTERM;

/// Clock ticks per second for `/proc/<pid>/stat`'s CPU times.
pub fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 {
        ticks as f64
    } else {
        100.0
    }
}

/// The CPU time of the whole process (every thread, living or ended), in ticks.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuTicks {
    /// In the process's own code (utime).
    pub user: u64,
    /// In the kernel on its behalf (stime): for these servers mostly the sockets.
    pub system: u64,
}

impl CpuTicks {
    pub fn total(self) -> u64 {
        self.user + self.system
    }
}

/// The process's CPU time so far, from `/proc/<pid>/stat`.
pub fn cpu_ticks(pid: u32) -> io::Result<CpuTicks> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    let rest = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    let field = |i: usize| -> io::Result<u64> {
        fields
            .get(i)
            .and_then(|f| f.parse().ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "short /proc/pid/stat"))
    };
    Ok(CpuTicks {
        user: field(11)?,
        system: field(12)?,
    })
}

/// A `kB` line of `/proc/<pid>/status` (`VmRSS`, `VmHWM`), in KiB.
pub fn status_kib(pid: u32, key: &str) -> io::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|line| {
            let value = line.strip_prefix(key)?.strip_prefix(':')?;
            value.trim().trim_end_matches("kB").trim().parse().ok()
        })
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("no {key}")))
}

/// Threads of a process (`/proc/<pid>/status` `Threads`).
pub fn threads(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:")?.trim().parse().ok())
}

/// Busy ticks of one CPU (all but idle and iowait) from `/proc/stat`: what every process and
/// the kernel ran there.
pub fn cpu_busy_ticks(cpu: usize) -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let prefix = format!("cpu{cpu} ");
    let line = stat.lines().find(|l| l.starts_with(&prefix))?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal guest guest_nice (guest is in user)
    let total: u64 = v.iter().take(8).sum();
    Some(total - v.get(3)? - v.get(4)?)
}

/// `/proc/loadavg`'s first three figures.
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Sets this process's nice value (inherited by every process it starts from then on), and
/// its autogroup's: with `sched_autogroup` on, a nice value only ranks processes within one
/// session's group, and the groups of other sessions share the CPU with it as equals.
pub fn renice_self(nice: i32) -> io::Result<()> {
    // SAFETY: setpriority has no memory-safety preconditions.
    let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, nice) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    let autogroup = std::path::Path::new("/proc/self/autogroup");
    if autogroup.exists() {
        std::fs::write(autogroup, nice.to_string())
            .map_err(|e| io::Error::new(e.kind(), format!("/proc/self/autogroup: {e}")))?;
    }
    Ok(())
}
