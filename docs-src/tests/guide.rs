//! The guide's pages (`docs/guide/*.md`) against the files they show, so a page cannot drift
//! from tested code. Markers (HTML comments, invisible when the page is rendered) sit on the
//! line right above what they check:
//!
//! - `<!-- include: PATH -->` or `<!-- include: PATH#ANCHOR -->` above a fenced block: the
//!   block is exactly that file (relative to the repository root), or the lines between
//!   `// ANCHOR: NAME` and `// ANCHOR_END: NAME` in it (mdBook's convention). Only tested
//!   files may be included: `docs-src/src/**` (each an app with tests), `docs-src/tests/**`,
//!   `brisk/tests/ui/**` (trybuild fixtures and the compiler output they pin). Every fenced
//!   `rust` block must have one.
//! - `<!-- exchange: TOPIC/TUTORIAL -->` above a fenced block of `$ curl -i ...` commands,
//!   each followed by its output: the commands are sent, in order, to one fresh instance of
//!   that docs-src app through `TestClient`, and the output must be exactly what it answers
//!   (status line, headers in order, blank line, body; the server's `date` is left out).
//! - `<!-- compile-errors: DIR -->` above a Markdown table: one row per `.rs` fixture of that
//!   brisk UI-test directory, with each error headline of its `.stderr`.
//! - `<!-- table: PATH -->` above a Markdown table: the table is the first table of that
//!   Markdown file (e.g. the differences from FastAPI of `docs/decisions/0002-*.md`).
//!
//! Every fenced block names its language (a bare fence would be run as a Rust doctest).
//!
//! Beyond the markers: every docs-src snippet is shown on some page, every snippet app is
//! exercised by `tests/<topic>.rs`, every page is a rustdoc chapter of `docs_src::guide`,
//! and every relative link points at a file that exists.
//!
//! `BLESS=1 cargo test -p docs-src --test guide` rewrites the pages from their sources; review
//! the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use brisk::testing::TestClient;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("docs-src sits in the workspace")
        .to_path_buf()
}

fn read(rel: &str) -> Result<String, String> {
    std::fs::read_to_string(root().join(rel)).map_err(|e| format!("cannot read {rel}: {e}"))
}

fn pages() -> Vec<(String, String)> {
    let dir = root().join("docs/guide");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("docs/guide exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("readable page"))
        })
        .collect();
    out.sort();
    out
}

#[derive(Debug)]
enum Marker {
    Include {
        path: String,
        anchor: Option<String>,
    },
    Exchange {
        app: String,
    },
    CompileErrors {
        dir: String,
    },
    Table {
        path: String,
    },
}

fn marker(line: &str) -> Option<Marker> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let (kind, arg) = inner.split_once(':')?;
    let arg = arg.trim().to_owned();
    match kind.trim() {
        "include" => Some(match arg.split_once('#') {
            Some((path, anchor)) => Marker::Include {
                path: path.to_owned(),
                anchor: Some(anchor.to_owned()),
            },
            None => Marker::Include {
                path: arg,
                anchor: None,
            },
        }),
        "exchange" => Some(Marker::Exchange { app: arg }),
        "compile-errors" => Some(Marker::CompileErrors { dir: arg }),
        "table" => Some(Marker::Table { path: arg }),
        _ => None,
    }
}

/// The part of a page a marker checks: lines `start..end` (0-based, exclusive), replaced by
/// `want` when blessing.
struct Check {
    start: usize,
    end: usize,
    got: String,
    want: Result<String, String>,
    what: String,
}

/// The text of a file, or of one `// ANCHOR:` region of it.
fn included(path: &str, anchor: Option<&str>) -> Result<String, String> {
    const ALLOWED: &[&str] = &["docs-src/src/", "docs-src/tests/", "brisk/tests/ui/"];
    if !ALLOWED.iter().any(|p| path.starts_with(p)) || path.contains("..") {
        return Err(format!(
            "{path} is not a tested file: include from {}",
            ALLOWED.join(", ")
        ));
    }
    let text = read(path)?;
    let is_anchor_line = |l: &str| {
        let t = l.trim_start();
        t.starts_with("// ANCHOR:") || t.starts_with("// ANCHOR_END:")
    };
    let lines: Vec<&str> = match anchor {
        None => text.lines().filter(|l| !is_anchor_line(l)).collect(),
        Some(name) => {
            let begin = format!("// ANCHOR: {name}");
            let end = format!("// ANCHOR_END: {name}");
            let all: Vec<&str> = text.lines().collect();
            let from = all
                .iter()
                .position(|l| l.trim() == begin)
                .ok_or_else(|| format!("{path} has no `{begin}`"))?;
            let to = all[from..]
                .iter()
                .position(|l| l.trim() == end)
                .ok_or_else(|| format!("{path} has no `{end}`"))?
                + from;
            all[from + 1..to]
                .iter()
                .copied()
                .filter(|l| !is_anchor_line(l))
                .collect()
        }
    };
    // Dedent a region to its least-indented line.
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for l in lines {
        out.push_str(l.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// Splits a shell line into words, with `'...'` and `"..."` quoting.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    cur.push(q);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// Runs one `curl -i ...` line against the client and renders what curl would print.
async fn curl(client: &TestClient, line: &str) -> Result<String, String> {
    let words = shell_words(line);
    let mut args = words.iter().map(String::as_str);
    if args.next() != Some("curl") {
        return Err(format!("not a curl command: {line}"));
    }
    let (mut method, mut url, mut data) = (None::<String>, None::<String>, None::<String>);
    let (mut headers, mut include, mut json) = (Vec::<(String, String)>::new(), false, false);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .map(str::to_owned)
                .ok_or_else(|| format!("{arg} needs a value: {line}"))
        };
        match arg {
            "-i" => include = true,
            "-I" | "--head" => {
                include = true;
                method = Some("HEAD".into());
            }
            "-X" => method = Some(value()?),
            "-H" => {
                let h = value()?;
                let (k, v) = h
                    .split_once(':')
                    .ok_or_else(|| format!("bad header {h:?}"))?;
                headers.push((k.trim().to_owned(), v.trim().to_owned()));
            }
            "-b" => headers.push(("cookie".into(), value()?)),
            "-d" | "--data" => data = Some(value()?),
            "--json" => {
                data = Some(value()?);
                json = true;
            }
            a if a.starts_with('-') => return Err(format!("unsupported curl option {a}")),
            a => url = Some(a.to_owned()),
        }
    }
    if !include {
        return Err(format!("write `curl -i` so the headers show: {line}"));
    }
    let url = url.ok_or_else(|| format!("no URL: {line}"))?;
    let rest = url.strip_prefix("http://").unwrap_or(&url);
    let (host, target) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let method = method.unwrap_or_else(|| if data.is_some() { "POST" } else { "GET" }.into());
    let mut req = client
        .request(method.parse().map_err(|e| format!("{e}"))?, target)
        .header("host", host);
    let has = |name: &str| headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name));
    if json {
        if !has("content-type") {
            req = req.header("content-type", "application/json");
        }
        if !has("accept") {
            req = req.header("accept", "application/json");
        }
    } else if !has("accept") {
        req = req.header("accept", "*/*");
    }
    if data.is_some() && !json && !has("content-type") {
        req = req.header("content-type", "application/x-www-form-urlencoded");
    }
    for (k, v) in &headers {
        req = req.header(k.as_str(), v.as_str());
    }
    if let Some(d) = data {
        req = req.body(d);
    }
    let res = req.send().await;
    let mut out = format!(
        "HTTP/1.1 {} {}\n",
        res.status().as_u16(),
        res.status().canonical_reason().unwrap_or("")
    );
    for (k, v) in res.header_pairs() {
        writeln!(out, "{k}: {v}").unwrap();
    }
    if !res.bytes().is_empty() {
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(res.bytes()));
        out.push('\n');
    }
    Ok(out)
}

/// What an exchange block should read: each `$ curl` line followed by its output.
async fn exchange(app: &str, block: &str) -> Result<String, String> {
    let app = docs_src::app(app).ok_or_else(|| format!("no docs-src app {app}"))?;
    let client = TestClient::new(app);
    let mut out = String::new();
    let mut first = true;
    for line in block.lines() {
        let Some(cmd) = line.strip_prefix("$ ") else {
            continue;
        };
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(line);
        out.push('\n');
        out.push_str(&curl(&client, cmd).await?);
    }
    if first {
        return Err("an exchange block needs `$ curl -i ...` lines".into());
    }
    Ok(out)
}

/// The headlines of a `.stderr` file: each `error...: message` line, without its code.
fn headlines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .map(|l| l.split_once(": ").map_or(l, |(_, m)| m).to_owned())
        .collect()
}

fn code_span(s: &str) -> String {
    format!("`` {} ``", s.replace('|', "\\|"))
}

/// The table of a UI fixture directory: fixture name, then what the compiler says.
fn compile_errors_table(dir: &str) -> Result<String, String> {
    if !dir.starts_with("brisk/tests/ui/") {
        return Err(format!("{dir} is not a brisk UI-test directory"));
    }
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .map_err(|e| format!("{dir}: {e}"))?
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    fixtures.sort();
    let mut out = String::from("| Fixture | What the compiler says |\n| --- | --- |\n");
    for f in fixtures {
        let stderr = std::fs::read_to_string(f.with_extension("stderr"))
            .map_err(|e| format!("{}: {e}", f.display()))?;
        let said: Vec<String> = headlines(&stderr).iter().map(|h| code_span(h)).collect();
        writeln!(
            out,
            "| `{}` | {} |",
            f.file_name().unwrap().to_string_lossy(),
            said.join("<br>")
        )
        .unwrap();
    }
    Ok(out)
}

/// The first Markdown table of a file.
fn first_table(path: &str) -> Result<String, String> {
    if !path.starts_with("docs/") || path.contains("..") {
        return Err(format!("{path}: tables come from docs/"));
    }
    let text = read(path)?;
    let table: String = text
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    if table.is_empty() {
        return Err(format!("{path} has no table"));
    }
    Ok(table)
}

/// Every marker of a page, with what its target should read.
async fn checks(page: &str, text: &str) -> (Vec<Check>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut checks = Vec::new();
    let mut problems = Vec::new();
    let mut i = 0;
    let mut pending: Option<(usize, Marker)> = None;
    while i < lines.len() {
        let line = lines[i];
        if let Some(m) = marker(line) {
            if let Some((at, m)) = pending.take() {
                problems.push(format!("{page}:{}: {m:?} marks nothing", at + 1));
            }
            pending = Some((i, m));
            i += 1;
            continue;
        }
        let fence = line.starts_with("```");
        let table = line.starts_with('|');
        let m = pending.take();
        if fence {
            let info = line.trim_start_matches('`').trim();
            let close = lines[i + 1..]
                .iter()
                .position(|l| l.starts_with("```"))
                .map(|p| p + i + 1);
            let Some(close) = close else {
                problems.push(format!("{page}:{}: unclosed code block", i + 1));
                break;
            };
            let got: String = lines[i + 1..close]
                .iter()
                .map(|l| format!("{l}\n"))
                .collect();
            let what = format!("{page}:{} ({info})", i + 1);
            match (m, info.split(',').next().unwrap_or("")) {
                (Some((_, Marker::Include { path, anchor })), _) => checks.push(Check {
                    start: i + 1,
                    end: close,
                    got,
                    want: included(&path, anchor.as_deref()),
                    what: format!("{what} include {path}"),
                }),
                (Some((_, Marker::Exchange { app })), _) => checks.push(Check {
                    start: i + 1,
                    end: close,
                    want: exchange(&app, &got).await,
                    got,
                    what: format!("{what} exchange with {app}"),
                }),
                (Some((at, m)), _) => {
                    problems.push(format!("{page}:{}: {m:?} cannot mark a code block", at + 1))
                }
                (None, "") => problems.push(format!(
                    "{what}: name the block's language (a bare fence is a Rust doctest)"
                )),
                (None, "rust") => problems.push(format!(
                    "{what}: a Rust block must be included from a tested file: put `<!-- include: docs-src/src/<topic>/tutorialNNN.rs -->` above it"
                )),
                (None, _) => {}
            }
            i = close + 1;
            continue;
        }
        if table {
            let end = lines[i..]
                .iter()
                .position(|l| !l.starts_with('|'))
                .map_or(lines.len(), |p| p + i);
            match m {
                Some((_, Marker::CompileErrors { dir })) => {
                    let got: String = lines[i..end].iter().map(|l| format!("{l}\n")).collect();
                    checks.push(Check {
                        start: i,
                        end,
                        got,
                        want: compile_errors_table(&dir),
                        what: format!("{page}:{} compile errors of {dir}", i + 1),
                    });
                }
                Some((_, Marker::Table { path })) => {
                    let got: String = lines[i..end].iter().map(|l| format!("{l}\n")).collect();
                    checks.push(Check {
                        start: i,
                        end,
                        got,
                        want: first_table(&path),
                        what: format!("{page}:{} table of {path}", i + 1),
                    });
                }
                Some((at, m)) => {
                    problems.push(format!("{page}:{}: {m:?} cannot mark a table", at + 1))
                }
                None => {}
            }
            i = end;
            continue;
        }
        if let Some((at, m)) = m {
            problems.push(format!(
                "{page}:{}: {m:?} must be right above what it marks",
                at + 1
            ));
        }
        i += 1;
    }
    if let Some((at, m)) = pending {
        problems.push(format!("{page}:{}: {m:?} marks nothing", at + 1));
    }
    (checks, problems)
}

/// Where two texts first differ, for the failure message.
fn first_difference(got: &str, want: &str) -> String {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    for n in 0..g.len().max(w.len()) {
        if g.get(n) != w.get(n) {
            return format!(
                "line {}:\n      page: {:?}\n    source: {:?}",
                n + 1,
                g.get(n).copied().unwrap_or("<end>"),
                w.get(n).copied().unwrap_or("<end>")
            );
        }
    }
    "trailing whitespace".into()
}

#[tokio::test]
async fn pages_show_exactly_what_is_tested() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut problems = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    let pages = pages();
    assert!(!pages.is_empty(), "no pages in docs/guide");
    for (name, text) in &pages {
        let (checks, mut found) = checks(name, text).await;
        problems.append(&mut found);
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // Replace from the bottom so earlier line numbers stay valid.
        for check in checks.iter().rev() {
            match &check.want {
                Err(e) => problems.push(format!("{}: {e}", check.what)),
                Ok(want) if *want != check.got => {
                    if bless {
                        lines.splice(check.start..check.end, want.lines().map(str::to_owned));
                    } else {
                        problems.push(format!(
                            "{} differs from its source, {}",
                            check.what,
                            first_difference(&check.got, want)
                        ));
                    }
                }
                Ok(_) => {}
            }
        }
        for check in &checks {
            if let Some(path) = check.what.split(" include ").nth(1) {
                shown.push(path.to_owned());
            }
        }
        if bless {
            let mut new = lines.join("\n");
            new.push('\n');
            if new != *text {
                std::fs::write(root().join("docs/guide").join(name), new).unwrap();
            }
        }
    }
    // Every snippet is shown somewhere.
    for (app, _) in docs_src::APPS {
        let file = format!("docs-src/src/{app}.rs");
        if !shown.iter().any(|s| s == &file) {
            problems.push(format!(
                "{file} is on no page: include it with `<!-- include: {file} -->`"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the guide drifted from its sources (BLESS=1 rewrites the pages from them):\n- {}",
        problems.join("\n- ")
    );
}

/// Every snippet app is exercised by its topic's test file, and every snippet file is an app.
#[test]
fn every_snippet_has_tests() {
    let mut problems = Vec::new();
    for (app, _) in docs_src::APPS {
        let (topic, tutorial) = app.split_once('/').unwrap();
        let tests = read(&format!("docs-src/tests/{topic}.rs")).unwrap_or_default();
        if !tests.contains(&format!("{tutorial}::app()")) {
            problems.push(format!(
                "docs-src/tests/{topic}.rs does not test {app} (no `{tutorial}::app()`)"
            ));
        }
    }
    let src = root().join("docs-src/src");
    for topic in std::fs::read_dir(&src).unwrap() {
        let topic = topic.unwrap().path();
        if !topic.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&topic).unwrap() {
            let file = file.unwrap().path();
            let name = format!(
                "{}/{}",
                topic.file_name().unwrap().to_string_lossy(),
                file.file_stem().unwrap().to_string_lossy()
            );
            if !docs_src::APPS.iter().any(|(a, _)| *a == name) {
                problems.push(format!(
                    "docs-src/src/{name}.rs is not registered in `snippets!` (src/lib.rs)"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n- {}", problems.join("\n- "));
}

/// Every page is a rustdoc chapter, and every relative link of a page leads to a file.
#[test]
fn pages_are_chapters_and_links_resolve() {
    let lib = read("docs-src/src/lib.rs").unwrap();
    let mut problems = Vec::new();
    for (name, text) in pages() {
        if !lib.contains(&format!("\"../../docs/guide/{name}\"")) {
            problems.push(format!(
                "{name} is not a chapter of `docs_src::guide` (src/lib.rs)"
            ));
        }
        for target in links(&text) {
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let path = target.split('#').next().unwrap();
            if !root().join("docs/guide").join(path).exists() {
                problems.push(format!("{name}: link to {target}, which does not exist"));
            }
        }
    }
    assert!(problems.is_empty(), "\n- {}", problems.join("\n- "));
}

/// The targets of `[text](target)` links and `[label]: target` definitions outside code.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            if let Some((_, target)) = rest.split_once("]: ") {
                out.push(target.trim().to_owned());
                continue;
            }
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            out.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    out
}
