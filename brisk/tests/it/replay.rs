//! The golden replay: every twin, every non-skipped case, in order, through `TestClient` and
//! over a real socket. Plus checks that the skip lists and the differences table name real
//! cases, so neither can go stale silently.

use std::collections::HashSet;

use crate::apps;
use crate::differences::DIFFERENCES;
use crate::golden::EXCLUDED_HEADERS;
use crate::harness::{replay, AppSpec, Transport};

/// Replays `spec` over `transport` and checks the counts add up.
async fn run(spec: AppSpec, transport: Transport) {
    let total = spec.golden().cases.len();
    let summary = replay(&spec, (spec.app)(), transport).await;
    assert_eq!(summary.skipped, spec.skipped.len(), "{}: skips", spec.name);
    assert_eq!(summary.replayed + summary.skipped, total, "{}", spec.name);
    println!(
        "{} via {transport:?}: {} cases replayed ({} as deliberate differences), {} skipped",
        spec.name, summary.replayed, summary.different, summary.skipped
    );
}

macro_rules! replay_tests {
    ($($app:ident),* $(,)?) => {$(
        mod $app {
            use super::*;

            #[tokio::test]
            async fn test_client() {
                run(apps::$app::SPEC, Transport::TestClient).await;
            }

            #[tokio::test]
            async fn socket() {
                run(apps::$app::SPEC, Transport::Socket).await;
            }
        }
    )*};
}

replay_tests!(
    seed_app,
    edge_app,
    routing_app,
    errors_app,
    params_app,
    noslash_app
);

/// The oracle's request and response conventions are the ones `wire` and `golden` implement.
#[test]
fn golden_files_use_the_known_format() {
    for spec in apps::ALL {
        let file = spec.golden();
        assert_eq!(
            file.request_format,
            "METHOD target HTTP/1.1, Host: 127.0.0.1:<port>, then `headers` in order, then \
             Content-Length (UTF-8 byte length) iff body is not null, then Connection: close",
            "{}",
            spec.name
        );
        assert_eq!(
            file.excluded_response_headers, EXCLUDED_HEADERS,
            "{}",
            spec.name
        );
        let mut names = HashSet::new();
        for case in &file.cases {
            assert!(
                names.insert(&case.name),
                "{}: duplicate case {:?}",
                spec.name,
                case.name
            );
        }
    }
}

/// Every skip names a case of its golden file, once.
#[test]
fn skips_name_real_cases() {
    for spec in apps::ALL {
        let file = spec.golden();
        let mut seen = HashSet::new();
        for skip in spec.skipped {
            assert!(
                file.cases.iter().any(|c| c.name == skip.case),
                "{}: skip {:?} names no case",
                spec.name,
                skip.case
            );
            assert!(
                seen.insert(skip.case),
                "{}: {:?} skipped twice",
                spec.name,
                skip.case
            );
            assert!(!skip.missing.is_empty());
        }
    }
}

/// Every deliberate difference names a replayed case of a known app, once, and differs from
/// what FastAPI answered (an entry equal to FastAPI's answer would be a stale entry).
#[test]
fn differences_name_real_replayed_cases() {
    let mut seen = HashSet::new();
    for diff in DIFFERENCES {
        let spec = apps::ALL
            .iter()
            .find(|s| s.name == diff.app)
            .unwrap_or_else(|| panic!("difference for unknown app {:?}", diff.app));
        let file = spec.golden();
        let case = file
            .cases
            .iter()
            .find(|c| c.name == diff.case)
            .unwrap_or_else(|| panic!("{}: difference {:?} names no case", diff.app, diff.case));
        assert!(
            spec.skip_of(diff.case).is_none(),
            "{}: {:?} is both skipped and a difference",
            diff.app,
            diff.case
        );
        assert!(
            seen.insert((diff.app, diff.case)),
            "{}: {:?} listed twice",
            diff.app,
            diff.case
        );
        assert_ne!(
            diff.brisk.answer(),
            crate::golden::recorded_answer(case),
            "{}: {:?} is listed as a difference but brisk's answer equals FastAPI's",
            diff.app,
            diff.case
        );
        assert!(!diff.why.explain().is_empty());
        // The table's own arithmetic: a stated content-length is the body's (HEAD answers
        // state the GET body's length and carry none).
        let stated = diff
            .brisk
            .headers
            .iter()
            .find(|(n, _)| *n == "content-length");
        if let (Some((_, len)), false) = (stated, case.method == "HEAD") {
            assert_eq!(
                *len,
                diff.brisk.body.len().to_string(),
                "{}: {:?}: content-length",
                diff.app,
                diff.case
            );
        }
        if case.method == "HEAD" {
            assert!(diff.brisk.body.is_empty(), "{}: {:?}", diff.app, diff.case);
        }
    }
}
