//! The benchmark harness of issue 6. `bench/run.sh [options]` runs it; `--help` lists the
//! options. One run: build every peer (clean, timed), check every peer's answers, start them
//! all pinned to the server core, measure each scenario with wrk on the client core,
//! alternating peers, then count instructions per request under callgrind, and print one
//! report with the ratios to hand-written hyper.

mod callgrind;
mod http;
mod load;
mod openloop;
mod report;
mod spec;
mod sys;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use spec::{PeerKind, PeerSpec, Scenario, PEERS, SCENARIOS};

const HELP: &str = "\
bench/run.sh [options]   (the harness: bench/target/release/harness [options])

  --duration SECS              measured seconds per scenario, peer and round (default 1)
  --warmup SECS                unmeasured wrk seconds before each peer's first measured run
                               of a scenario (default 1)
  --rounds N                   measure every scenario N times, rotating the peer order;
                               the table shows medians, and each timed ratio is the median
                               of the rounds' ratios (default 20: with 5, a copy of
                               hyper came out 0.93-1.16x hyper's CPU/request, with 20
                               0.95-1.05x; BENCHMARKS.md, the noise floor)
  --connections N              wrk keep-alive connections (default 64)
  --peers a,b,..               subset of brisk,hyper,axum,actix,fastapi (default all)
  --scenarios a,b,..           subset of plaintext,get-item,post-item,delete-item,path-422,
                               post-model,mix
  --server-cpu N               core the servers are pinned to (default 0)
  --client-cpu N               core wrk and the harness are pinned to (default 1)
  --nice N                     nice value of the harness, of its autogroup and of all it
                               starts: builds, servers, wrk, valgrind (default -20: ahead of
                               other work on the machine; 0 leaves priorities alone)
  --startup-runs N             launches timed to the first 200; median (default 5)
  --no-clean-build             reuse bench/target/peers/* (no build times in the table)
  --binary PEER=PATH           run PATH in PEER's place, unbuilt (repeatable): an older
                               brisk against the current one, or the same binary twice to
                               see the noise (a binary copied into bench/target/peers/ is
                               replaced by the next build: cargo links its own back)
  --open-rounds N              rounds of the fixed-rate latency runs, after the wrk
                               rounds (default 10; 0 skips them)
  --open-load F                their rate, as a share of hyper's median req/s in the
                               scenario (default 0.5)
  --no-callgrind               skip the instruction counts
  --callgrind-requests N       requests counted per scenario, Rust peers (default 2000)
  --callgrind-requests-python N  the same for FastAPI (default 300)
  --callgrind-warmup N         warm-up cycles of the mix before counting (default 20)
  --callgrind-jobs N           callgrind runs at once, one core each (default 2)
  --python PATH                python with fastapi + uvicorn (default $BENCH_PYTHON)
  --check-only                 build, check the answers, stop
  --out FILE                   also write the report here (default bench/target/results/<date>.md)
";

#[derive(Debug, Clone)]
pub struct Config {
    duration: u64,
    warmup: u64,
    rounds: u32,
    connections: u32,
    peers: Vec<PeerSpec>,
    scenarios: Vec<Scenario>,
    server_cpu: usize,
    client_cpu: usize,
    startup_runs: u32,
    nice: i32,
    clean_build: bool,
    /// Peers whose binary is given (`--binary`), not built.
    binaries: Vec<(&'static str, PathBuf)>,
    callgrind: bool,
    /// Rounds of the open-loop latency runs (`openloop`), and their rate as a share of
    /// hyper's median req/s.
    open_rounds: u32,
    open_load: f64,
    cg_requests: u32,
    cg_requests_python: u32,
    cg_warmup: u32,
    cg_jobs: usize,
    python: Option<PathBuf>,
    check_only: bool,
    out: Option<PathBuf>,
}

impl Config {
    /// The binary given with `--binary` for `peer`, if any.
    fn given_binary(&self, peer: &str) -> Option<&PathBuf> {
        self.binaries
            .iter()
            .find(|(n, _)| *n == peer)
            .map(|(_, p)| p)
    }
}

fn parse_args() -> Result<Config, String> {
    let mut c = Config {
        duration: 1,
        warmup: 1,
        rounds: 20,
        connections: 64,
        peers: PEERS.to_vec(),
        scenarios: SCENARIOS.to_vec(),
        server_cpu: 0,
        client_cpu: 1,
        startup_runs: 5,
        nice: -20,
        clean_build: true,
        binaries: Vec::new(),
        callgrind: true,
        open_rounds: 10,
        open_load: 0.5,
        cg_requests: 2000,
        cg_requests_python: 300,
        cg_warmup: 20,
        cg_jobs: 2,
        python: std::env::var_os("BENCH_PYTHON")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from),
        check_only: false,
        out: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        fn num<T: std::str::FromStr>(flag: &str, v: String) -> Result<T, String> {
            v.parse().map_err(|_| format!("{flag}: not a number: {v}"))
        }
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            "--duration" => c.duration = num(&arg, value()?)?,
            "--warmup" => c.warmup = num(&arg, value()?)?,
            "--rounds" => c.rounds = num::<u32>(&arg, value()?)?.max(1),
            "--connections" => c.connections = num(&arg, value()?)?,
            "--server-cpu" => c.server_cpu = num(&arg, value()?)?,
            "--client-cpu" => c.client_cpu = num(&arg, value()?)?,
            "--startup-runs" => c.startup_runs = num::<u32>(&arg, value()?)?.clamp(1, 20),
            "--callgrind-requests" => c.cg_requests = num::<u32>(&arg, value()?)?.max(1),
            "--callgrind-requests-python" => {
                c.cg_requests_python = num::<u32>(&arg, value()?)?.max(1)
            }
            "--callgrind-warmup" => c.cg_warmup = num(&arg, value()?)?,
            "--callgrind-jobs" => c.cg_jobs = num::<usize>(&arg, value()?)?.max(1),
            "--nice" => c.nice = num(&arg, value()?)?,
            "--no-clean-build" => c.clean_build = false,
            "--binary" => {
                let v = value()?;
                let (name, path) = v
                    .split_once('=')
                    .ok_or(format!("--binary {v}: want PEER=PATH"))?;
                let peer = PEERS
                    .iter()
                    .find(|p| p.name == name && matches!(p.kind, PeerKind::Rust { .. }))
                    .ok_or(format!("--binary: {name} is not a Rust peer"))?;
                let path = std::fs::canonicalize(path)
                    .map_err(|e| format!("--binary {name}={path}: {e}"))?;
                // (Given twice, the last one counts.)
                c.binaries.retain(|(n, _)| *n != peer.name);
                c.binaries.push((peer.name, path));
            }
            "--no-callgrind" => c.callgrind = false,
            "--open-rounds" => c.open_rounds = num(&arg, value()?)?,
            "--open-load" => {
                c.open_load = num(&arg, value()?)?;
                if !(c.open_load > 0.0 && c.open_load <= 1.0) {
                    return Err("--open-load: want a share in (0, 1]".into());
                }
            }
            "--check-only" => c.check_only = true,
            "--python" => c.python = Some(PathBuf::from(value()?)),
            "--out" => c.out = Some(PathBuf::from(value()?)),
            "--peers" => {
                let v = value()?;
                c.peers = v
                    .split(',')
                    .map(|n| {
                        PEERS
                            .iter()
                            .find(|p| p.name == n)
                            .copied()
                            .ok_or(format!("unknown peer {n}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--scenarios" => {
                let v = value()?;
                c.scenarios = v
                    .split(',')
                    .map(|n| {
                        SCENARIOS
                            .iter()
                            .find(|s| s.name == n)
                            .copied()
                            .ok_or(format!("unknown scenario {n}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    if c.server_cpu == c.client_cpu {
        return Err("--server-cpu and --client-cpu must differ".into());
    }
    Ok(c)
}

/// A peer ready to run: how to start it, and what its build cost.
#[derive(Debug, Clone)]
pub struct Built {
    pub spec: PeerSpec,
    pub program: PathBuf,
    args: Vec<String>,
    pub cwd: Option<PathBuf>,
    pub build_secs: Option<f64>,
    pub binary_bytes: Option<u64>,
    pub version: Option<String>,
}

impl Built {
    /// Arguments, with `{port}` filled in.
    pub fn args(&self, port: u16) -> Vec<String> {
        self.args
            .iter()
            .map(|a| a.replace("{port}", &port.to_string()))
            .collect()
    }

    pub fn env(&self, port: u16) -> Vec<(String, String)> {
        vec![("PORT".into(), port.to_string())]
    }

    fn command(&self, port: u16, cpu: usize, log: &Path) -> std::io::Result<Command> {
        let log = File::create(log)?;
        let mut cmd = Command::new(&self.program);
        cmd.args(self.args(port))
            .envs(self.env(port))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        if let Some(dir) = &self.cwd {
            cmd.current_dir(dir);
        }
        sys::pin_command(&mut cmd, cpu);
        Ok(cmd)
    }
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("harness lives in bench/")
        .to_path_buf()
}

fn build(cfg: &Config, spec: PeerSpec, logs: &Path) -> Result<Built, String> {
    let bench = bench_dir();
    if let Some(program) = cfg.given_binary(spec.name) {
        return Ok(Built {
            spec,
            program: program.clone(),
            args: Vec::new(),
            cwd: None,
            build_secs: None,
            binary_bytes: std::fs::metadata(program).ok().map(|m| m.len()),
            version: None,
        });
    }
    match spec.kind {
        PeerKind::Rust { package, bin } => {
            let dir = bench.join("target/peers").join(spec.name);
            if cfg.clean_build && dir.exists() {
                std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            let log_path = logs.join(format!("build-{}.log", spec.name));
            let log = File::create(&log_path).map_err(|e| e.to_string())?;
            let started = Instant::now();
            let status = Command::new("cargo")
                .args(["build", "--release", "-p", package, "--target-dir"])
                .arg(&dir)
                .current_dir(&bench)
                .stdin(Stdio::null())
                .stdout(log.try_clone().map_err(|e| e.to_string())?)
                .stderr(log)
                .status()
                .map_err(|e| format!("cargo: {e}"))?;
            let secs = started.elapsed().as_secs_f64();
            if !status.success() {
                return Err(format!("build failed, see {}", log_path.display()));
            }
            let program = dir.join("release").join(bin);
            let binary_bytes = std::fs::metadata(&program).ok().map(|m| m.len());
            Ok(Built {
                spec,
                program,
                args: Vec::new(),
                cwd: None,
                build_secs: cfg.clean_build.then_some(secs),
                binary_bytes,
                version: None,
            })
        }
        PeerKind::FastApi => {
            let python = cfg.python.clone().ok_or(
                "skipped: no Python environment with fastapi + uvicorn (bench/run.sh makes \
                 one when python3 with venv + pip is present)",
            )?;
            let out = Command::new(&python)
                .args([
                    "-c",
                    "import sys, fastapi, uvicorn; print('Python %s, FastAPI %s, uvicorn %s' % \
                     (sys.version.split()[0], fastapi.__version__, uvicorn.__version__))",
                ])
                .output()
                .map_err(|e| format!("skipped: {}: {e}", python.display()))?;
            if !out.status.success() {
                return Err(format!(
                    "skipped: {} cannot import fastapi + uvicorn",
                    python.display()
                ));
            }
            Ok(Built {
                spec,
                program: python,
                args: [
                    "-m",
                    "uvicorn",
                    "app:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "{port}",
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ]
                .map(String::from)
                .to_vec(),
                cwd: Some(bench.join("peers/fastapi")),
                build_secs: None,
                binary_bytes: None,
                version: Some(String::from_utf8_lossy(&out.stdout).trim().to_owned()),
            })
        }
    }
}

/// A running server.
pub struct Running {
    pub child: Child,
    pub port: u16,
}

impl Running {
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

fn stop(child: &mut Child) {
    sys::signal(child.id(), sys::SIGTERM);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A loopback port nobody listens on now (other work on the machine runs servers too).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind 127.0.0.1:0")
}

/// Starts a peer and waits for its first 200 on `GET /plaintext`: the startup time.
fn start(b: &Built, port: u16, cpu: usize, log: &Path) -> Result<(Child, Duration), String> {
    let mut cmd = b.command(port, cpu, log).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("spawn: {e}"))?;
    loop {
        if let Ok(a) = http::once(port, "GET", "/plaintext", None, Duration::from_secs(2)) {
            if a.status == 200 {
                return Ok((child, started.elapsed()));
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "exited before its first 200 ({status}), see {}",
                log.display()
            ));
        }
        if started.elapsed() > Duration::from_secs(60) {
            stop(&mut child);
            return Err("no 200 within 60 s".into());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// One peer's results.
#[derive(Debug, Default)]
pub struct PeerResult {
    pub startup: Vec<Duration>,
    pub idle_rss_kib: Option<u64>,
    pub peak_rss_kib: Option<u64>,
    pub threads: Option<u64>,
    pub check_failures: Vec<String>,
    /// scenario → runs
    pub load: BTreeMap<&'static str, Vec<LoadRun>>,
    pub load_errors: Vec<String>,
    /// scenario → open-loop latency runs (Rust peers only)
    pub open: BTreeMap<&'static str, Vec<OpenRun>>,
    /// scenario → instructions per request
    pub instructions: BTreeMap<&'static str, f64>,
    pub callgrind_errors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LoadRun {
    /// Which round it was measured in (from 0): the report pairs peers' runs by it.
    pub round: u32,
    pub wrk: load::WrkResult,
    pub cpu_us_per_req: f64,
    /// The part of it spent in the server's own code (utime): what brisk's code changes
    /// move; the rest, the kernel's socket work, is about the same for every Rust peer.
    pub user_us_per_req: f64,
    /// Server CPU time over wall time: ~1.0 when the server core is saturated.
    pub busy: f64,
    /// Everything else that ran on the server core (other processes, interrupts), over wall
    /// time: the noise.
    pub other: f64,
    /// Everything that ran on the client core (wrk, the harness, interrupts), over wall time:
    /// near 1.0, the load generator rather than the server may be what bounds req/s.
    pub client: f64,
}

/// One open-loop latency run: requests due at `rate` a second, latency from when each was due.
#[derive(Debug, Clone)]
pub struct OpenRun {
    pub rate: f64,
    pub result: openloop::OpenResult,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn main() {
    let cfg = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("harness: {e}");
            std::process::exit(2);
        }
    };
    let bench = bench_dir();
    let stamp = report::utc_stamp();
    let run_dir = bench.join("target/results").join(&stamp);
    let logs = run_dir.join("logs");
    std::fs::create_dir_all(&logs).expect("create bench/target/results");
    let mut notes: Vec<String> = Vec::new();
    let wall = Instant::now();
    let load_before = sys::loadavg();
    let say = |s: &str| eprintln!("[{:>6.1}s] {s}", wall.elapsed().as_secs_f64());
    if cfg.nice != 0 {
        if let Err(e) = sys::renice_self(cfg.nice) {
            notes.push(format!(
                "could not set nice {}: {e}; ran at the default priority",
                cfg.nice
            ));
        }
    }

    // 1. Build: each Rust peer from clean, alone, with its own target directory.
    if cfg.clean_build {
        say("cargo fetch (not timed)");
        let _ = Command::new("cargo")
            .arg("fetch")
            .current_dir(&bench)
            .status();
    }
    let mut built: Vec<Built> = Vec::new();
    for spec in &cfg.peers {
        match cfg.given_binary(spec.name) {
            Some(path) => {
                say(&format!("{}: {} (--binary)", spec.name, path.display()));
                notes.push(format!(
                    "the row {0} is {1} (given with --binary), not {0}'s peer",
                    spec.name,
                    path.display()
                ));
            }
            None => say(&format!("build {}", spec.name)),
        }
        match build(&cfg, *spec, &logs) {
            Ok(b) => {
                if let Some(s) = b.build_secs {
                    say(&format!("  {} built in {s:.1} s", spec.name));
                }
                built.push(b)
            }
            Err(e) => {
                say(&format!("  {}: {e}", spec.name));
                notes.push(format!("{}: {e}", spec.name));
            }
        }
    }

    // From here on the harness (and wrk, which it starts) stays off the server core.
    if let Err(e) = sys::pin(0, cfg.client_cpu) {
        notes.push(format!(
            "could not pin the harness to CPU {}: {e}",
            cfg.client_cpu
        ));
    }

    // 2. Start: the last of the timed launches keeps running for the load phase.
    let mut results: BTreeMap<&'static str, PeerResult> = BTreeMap::new();
    let mut running: Vec<(usize, Running)> = Vec::new();
    for (i, b) in built.iter().enumerate() {
        let r = results.entry(b.spec.name).or_default();
        let mut kept = None;
        for run in 0..cfg.startup_runs {
            let port = free_port();
            let log = logs.join(format!("{}-{port}.log", b.spec.name));
            match start(b, port, cfg.server_cpu, &log) {
                Ok((child, took)) => {
                    r.startup.push(took);
                    if run + 1 == cfg.startup_runs {
                        kept = Some(Running { child, port });
                    } else {
                        let mut child = child;
                        stop(&mut child);
                    }
                }
                Err(e) => {
                    notes.push(format!("{}: start failed: {e}", b.spec.name));
                    break;
                }
            }
        }
        if let Some(run) = kept {
            std::thread::sleep(Duration::from_millis(500));
            r.idle_rss_kib = sys::status_kib(run.pid(), "VmRSS").ok();
            r.threads = sys::threads(run.pid());
            running.push((i, run));
        }
    }
    say(&format!(
        "{} peers running on CPU {}",
        running.len(),
        cfg.server_cpu
    ));

    // 3. Check every answer before timing anything.
    let mut checked: Vec<(usize, Running)> = Vec::new();
    for (i, run) in running {
        let name = built[i].spec.name;
        let r = results.get_mut(name).unwrap();
        let mut cases: Vec<(spec::Req, spec::Expect)> = Vec::new();
        for s in &cfg.scenarios {
            for req in s.requests {
                if !cases.iter().any(|(r, _)| r == req) {
                    cases.push((*req, spec::expect(*req)));
                }
            }
        }
        cases.extend(spec::extra_checks());
        for (req, want) in cases {
            match http::once(
                run.port,
                req.method,
                req.path,
                req.body,
                Duration::from_secs(5),
            ) {
                Ok(answer) => {
                    for d in spec::differences(&answer, &want) {
                        r.check_failures
                            .push(format!("{} {}: {d}", req.method, req.path));
                    }
                }
                Err(e) => r
                    .check_failures
                    .push(format!("{} {}: {e}", req.method, req.path)),
            }
        }
        if r.check_failures.is_empty() {
            say(&format!("{name}: every answer as expected"));
            checked.push((i, run));
        } else {
            for f in &r.check_failures {
                say(&format!("{name}: MISMATCH {f}"));
            }
            notes.push(format!(
                "{name}: answers differ from the others ({}); not timed",
                r.check_failures.join("; ")
            ));
            let mut run = run;
            stop(&mut run.child);
        }
    }
    if cfg.check_only {
        for (_, mut run) in checked {
            stop(&mut run.child);
        }
        let failed = results.values().any(|r| !r.check_failures.is_empty());
        std::process::exit(i32::from(failed));
    }

    // 4. Load: alternate the peers within each scenario; rotate their order every round.
    let ticks = sys::clock_ticks();
    let lua_dir = run_dir.join("lua");
    let wrk = "wrk";
    for round in 0..cfg.rounds {
        for s in &cfg.scenarios {
            let script = load::script(&lua_dir, s).expect("write lua script");
            let n = checked.len();
            for k in 0..n {
                let (i, run) = &checked[(k + round as usize) % n];
                let name = built[*i].spec.name;
                let args = |secs| load::WrkArgs {
                    wrk,
                    cpu: cfg.client_cpu,
                    connections: cfg.connections,
                    secs,
                    port: run.port,
                    script: &script,
                };
                if cfg.warmup > 0 && round == 0 {
                    if let Err(e) = load::run(&args(cfg.warmup)) {
                        say(&format!("{name} {}: warm-up failed: {e}", s.name));
                    }
                }
                let c0 = sys::cpu_ticks(run.pid()).unwrap_or_default();
                let core0 = sys::cpu_busy_ticks(cfg.server_cpu).unwrap_or(0);
                let client0 = sys::cpu_busy_ticks(cfg.client_cpu).unwrap_or(0);
                let t0 = Instant::now();
                let outcome = load::run(&args(cfg.duration));
                let wall_secs = t0.elapsed().as_secs_f64();
                let c1 = sys::cpu_ticks(run.pid()).unwrap_or_default();
                let core1 = sys::cpu_busy_ticks(cfg.server_cpu).unwrap_or(0);
                let client1 = sys::cpu_busy_ticks(cfg.client_cpu).unwrap_or(0);
                let used = c1.total().saturating_sub(c0.total());
                let other = (core1 - core0).saturating_sub(used) as f64 / ticks / wall_secs;
                let client = client1.saturating_sub(client0) as f64 / ticks / wall_secs;
                let r = results.get_mut(name).unwrap();
                match outcome {
                    Ok(w) if w.requests > 0 => {
                        let cpu_secs = used as f64 / ticks;
                        let per_req = |t: u64| t as f64 / ticks * 1e6 / w.requests as f64;
                        let cpu_us_per_req = per_req(used);
                        let user_us_per_req = per_req(c1.user.saturating_sub(c0.user));
                        say(&format!(
                            "round {} {:<11} {:<7} {:>9.0} req/s  p50 {:>7.0} µs  p99 {:>7.0} µs  \
                             {:>6.2} µs CPU/req ({:.2} user)  server core {:>3.0}% \
                             (+{:.0}% other)  client core {:>3.0}%",
                            round + 1,
                            s.name,
                            name,
                            w.rps,
                            w.p50_us,
                            w.p99_us,
                            cpu_us_per_req,
                            user_us_per_req,
                            cpu_secs / wall_secs * 100.0,
                            other * 100.0,
                            client * 100.0
                        ));
                        r.load.entry(s.name).or_default().push(LoadRun {
                            round,
                            wrk: w,
                            cpu_us_per_req,
                            user_us_per_req,
                            busy: cpu_secs / wall_secs,
                            other,
                            client,
                        });
                    }
                    Ok(_) => r
                        .load_errors
                        .push(format!("{}: no request completed", s.name)),
                    Err(e) => {
                        say(&format!("{name} {}: {e}", s.name));
                        r.load_errors.push(format!("{}: {e}", s.name));
                    }
                }
            }
        }
    }

    // 4b. Latency at a fixed rate, open loop (see `openloop`): the Rust peers alternating as
    //     above, each scenario at the same share of hyper's median req/s for every peer.
    let rate_of = |scenario: &str| -> Option<f64> {
        let med = |name: &str| {
            median(
                results
                    .get(name)?
                    .load
                    .get(scenario)?
                    .iter()
                    .map(|r| r.wrk.rps)
                    .collect(),
            )
        };
        med(spec::BASELINE)
            .or_else(|| {
                let rust = built
                    .iter()
                    .filter(|b| matches!(b.spec.kind, PeerKind::Rust { .. }));
                rust.filter_map(|b| med(b.spec.name)).reduce(f64::min)
            })
            .map(|rps| rps * cfg.open_load)
    };
    let rates: BTreeMap<&str, f64> = cfg
        .scenarios
        .iter()
        .filter_map(|s| Some((s.name, rate_of(s.name)?)))
        .collect();
    let open_peers: Vec<&(usize, Running)> = checked
        .iter()
        .filter(|(i, _)| matches!(built[*i].spec.kind, PeerKind::Rust { .. }))
        .collect();
    for round in 0..cfg.open_rounds {
        for s in &cfg.scenarios {
            let Some(&rate) = rates.get(s.name) else {
                continue;
            };
            let requests: Vec<Vec<u8>> = s
                .requests
                .iter()
                .map(|r| http::request_bytes(r.method, r.path, r.body, false))
                .collect();
            let n = open_peers.len();
            for k in 0..n {
                let (i, run) = open_peers[(k + round as usize) % n];
                let name = built[*i].spec.name;
                let warmup = Duration::from_millis(if round == 0 { 1000 } else { 200 });
                let outcome = openloop::run(
                    run.port,
                    &requests,
                    rate,
                    cfg.connections as usize,
                    warmup,
                    Duration::from_secs(cfg.duration),
                );
                let r = results.get_mut(name).unwrap();
                match outcome {
                    Ok(o) => {
                        let q = |q| o.histogram.quantile(q).unwrap_or(f64::NAN);
                        say(&format!(
                            "open {} {:<11} {:<7} {:>9.0} req/s due, {} of {} answered  p50 \
                             {:>7.0} µs  p99 {:>7.0} µs  max {:>7.0} µs  client stalls {} \
                             (longest {:.0} µs)",
                            round + 1,
                            s.name,
                            name,
                            rate,
                            o.histogram.count(),
                            o.due,
                            q(0.5),
                            q(0.99),
                            q(1.0),
                            o.client_stalls,
                            o.client_stall_max_us
                        ));
                        r.open
                            .entry(s.name)
                            .or_default()
                            .push(OpenRun { rate, result: o });
                    }
                    Err(e) => {
                        say(&format!("{name} {} (open loop): {e}", s.name));
                        r.load_errors.push(format!("{} (open loop): {e}", s.name));
                    }
                }
            }
        }
    }
    for (i, mut run) in checked.drain(..) {
        let r = results.get_mut(built[i].spec.name).unwrap();
        r.peak_rss_kib = sys::status_kib(run.pid(), "VmHWM").ok();
        stop(&mut run.child);
    }

    // 5. Instructions per request under callgrind: one run per peer, `cg_jobs` at a time,
    //    each pinned to its own core; FastAPI's slow run first.
    if cfg.callgrind {
        let cg_dir = run_dir.join("callgrind");
        std::fs::create_dir_all(&cg_dir).expect("create callgrind dir");
        let mut jobs: Vec<usize> = (0..built.len())
            .filter(|&i| {
                results
                    .get(built[i].spec.name)
                    .is_some_and(|r| r.check_failures.is_empty() && !r.startup.is_empty())
            })
            .collect();
        jobs.sort_by_key(|i| built[*i].spec.kind != PeerKind::FastApi);
        jobs.reverse(); // popped from the back
        say(&format!(
            "callgrind: {} runs, {} at a time",
            jobs.len(),
            cfg.cg_jobs
        ));
        let queue = Mutex::new(jobs);
        let counts: Mutex<Vec<(usize, Result<callgrind::PerRequest, String>)>> =
            Mutex::new(Vec::new());
        let ncpu = std::fs::read_to_string("/proc/cpuinfo")
            .map_or(1, |c| {
                c.lines().filter(|l| l.starts_with("processor")).count()
            })
            .max(1);
        std::thread::scope(|scope| {
            for w in 0..cfg.cg_jobs {
                let (queue, counts, built, cfg, cg_dir, say) =
                    (&queue, &counts, &built, &cfg, &cg_dir, &say);
                scope.spawn(move || loop {
                    let Some(i) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let b = &built[i];
                    let requests = if b.spec.kind == PeerKind::FastApi {
                        cfg.cg_requests_python
                    } else {
                        cfg.cg_requests
                    };
                    let out_file = cg_dir.join(format!("{}.out", b.spec.name));
                    let log_file = cg_dir.join(format!("{}.log", b.spec.name));
                    let job = callgrind::Job {
                        built: b,
                        port: free_port(),
                        cpu: w % ncpu,
                        warmup_cycles: cfg.cg_warmup,
                        requests,
                        scenarios: &cfg.scenarios,
                        out_file: &out_file,
                        log_file: &log_file,
                    };
                    let started = Instant::now();
                    let result = callgrind::run(&job);
                    say(&format!(
                        "callgrind {} ({:.0} s): {}",
                        b.spec.name,
                        started.elapsed().as_secs_f64(),
                        match &result {
                            Ok(v) => v
                                .iter()
                                .map(|(s, ir)| format!("{s} {ir:.0}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            Err(e) => e.clone(),
                        }
                    ));
                    counts.lock().unwrap().push((i, result));
                });
            }
        });
        for (i, result) in counts.into_inner().unwrap() {
            let r = results.get_mut(built[i].spec.name).unwrap();
            match result {
                Ok(v) => r.instructions.extend(v),
                Err(e) => r.callgrind_errors.push(e),
            }
        }
    }

    // 6. The report.
    let text = report::render(
        &cfg,
        &built,
        &results,
        &notes,
        wall.elapsed(),
        (&load_before, &sys::loadavg()),
    );
    println!("{text}");
    let out = cfg.out.clone().unwrap_or_else(|| run_dir.join("report.md"));
    match std::fs::write(&out, &text) {
        Ok(()) => eprintln!("report written to {}", out.display()),
        Err(e) => eprintln!("could not write {}: {e}", out.display()),
    }
    let failed = results.values().any(|r| !r.check_failures.is_empty());
    std::process::exit(i32::from(failed));
}
