//! Deterministic counts: user-space instructions per request under `valgrind
//! --tool=callgrind`, over one keep-alive connection.
//!
//! One run per peer: start the server under callgrind, send the warm-up (every request kind,
//! `warmup` cycles of the mix), then for each scenario N requests of it. Between the phases,
//! with the server idle in `epoll_wait`, `callgrind_control --dump` (through vgdb) writes the
//! counts so far and zeroes them: the warm-up dump takes startup, first-request
//! initialisation and the warm-up itself out — the startup-only baseline, subtracted exactly
//! — and each scenario's dump holds exactly its N requests.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::http::{request_bytes, Conn};
use crate::spec::{expect, Req, Scenario, MIX};
use crate::{sys, Built};

pub struct Job<'a> {
    pub built: &'a Built,
    pub port: u16,
    pub cpu: usize,
    pub warmup_cycles: u32,
    pub requests: u32,
    pub scenarios: &'a [Scenario],
    pub out_file: &'a Path,
    pub log_file: &'a Path,
}

/// Instructions per request for each scenario, in order.
pub type PerRequest = Vec<(&'static str, f64)>;

pub fn run(job: &Job<'_>) -> Result<PerRequest, String> {
    let dir = job.out_file.parent().expect("out file in a directory");
    let stem = job
        .out_file
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&stem) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let log = File::create(job.log_file).map_err(|e| e.to_string())?;
    let mut cmd = Command::new("valgrind");
    cmd.args(["--tool=callgrind", "--vgdb=yes", "--compress-strings=no"])
        .arg(format!("--callgrind-out-file={}", job.out_file.display()))
        .arg(&job.built.program)
        .args(job.built.args(job.port))
        .envs(job.built.env(job.port))
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log);
    if let Some(dir) = &job.built.cwd {
        cmd.current_dir(dir);
    }
    sys::pin_command(&mut cmd, job.cpu);
    let mut child = cmd.spawn().map_err(|e| format!("valgrind: {e}"))?;
    let driven = drive(job, &mut child);
    std::thread::sleep(Duration::from_millis(200));
    sys::signal(child.id(), sys::SIGTERM);
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
        }
    }
    driven?;
    let dumps = read_dumps(dir, &stem)?;
    job.scenarios
        .iter()
        .map(|s| {
            let ir = dumps
                .iter()
                .find(|(label, _)| label == s.name)
                .map(|(_, ir)| *ir)
                .ok_or_else(|| format!("no callgrind dump for {}", s.name))?;
            Ok((s.name, ir as f64 / f64::from(job.requests)))
        })
        .collect()
}

/// `(label, instructions)` of every `callgrind_control --dump LABEL` part file.
fn read_dumps(dir: &Path, stem: &str) -> Result<Vec<(String, u64)>, String> {
    let mut dumps = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(stem) || name.ends_with(".log") {
            continue;
        }
        let path: PathBuf = entry.path();
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let label = text
            .lines()
            .find_map(|l| l.strip_prefix("desc: Trigger: dump "))
            .map(str::to_owned);
        let ir = text
            .lines()
            .find_map(|l| {
                l.strip_prefix("summary:")
                    .or_else(|| l.strip_prefix("totals:"))
            })
            .and_then(|v| v.split_whitespace().next()?.parse().ok());
        if let (Some(label), Some(ir)) = (label, ir) {
            // brisk.out.3 → brisk-get-item.callgrind, for `callgrind_annotate`.
            let peer = stem.trim_end_matches(".out");
            let _ = std::fs::rename(&path, dir.join(format!("{peer}-{label}.callgrind")));
            dumps.push((label, ir));
        }
    }
    Ok(dumps)
}

/// Dumps and zeroes the counts, labelled; waits until callgrind has done it.
fn dump(pid: u32, label: &str) -> Result<(), String> {
    // Let the server finish the last answer and go back to waiting for the next request.
    std::thread::sleep(Duration::from_millis(100));
    let out = Command::new("callgrind_control")
        .args(["--dump", label, &pid.to_string()])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("callgrind_control: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !text.contains("OK") {
        return Err(format!(
            "callgrind_control --dump {label}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

fn drive(job: &Job<'_>, child: &mut Child) -> Result<(), String> {
    let start = Instant::now();
    let mut conn = loop {
        match Conn::connect(job.port, Duration::from_secs(120)) {
            Ok(conn) => break conn,
            Err(_) if start.elapsed() < Duration::from_secs(600) => {
                if let Ok(Some(status)) = child.try_wait() {
                    return Err(format!("exited before listening: {status}"));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(format!("never listened: {e}")),
        }
    };
    let mut send = |r: &Req| -> Result<(), String> {
        let answer = conn
            .send(&request_bytes(r.method, r.path, r.body, false), false)
            .map_err(|e| format!("{} {}: {e}", r.method, r.path))?;
        let want = expect(*r).status;
        if answer.status != want {
            return Err(format!(
                "{} {}: status {} (want {want})",
                r.method, r.path, answer.status
            ));
        }
        Ok(())
    };
    for _ in 0..job.warmup_cycles.max(1) {
        MIX.iter().try_for_each(&mut send)?;
    }
    dump(child.id(), "warmup")?;
    for s in job.scenarios {
        s.requests
            .iter()
            .cycle()
            .take(job.requests as usize)
            .try_for_each(&mut send)?;
        dump(child.id(), s.name)?;
    }
    Ok(())
}
