//! Every snippet app's OpenAPI document, pinned: `tests/golden/<topic>/<tutorial>.json` is the
//! document `app().openapi()` builds, and the app serves exactly that document at
//! `/openapi.json` (unless the snippet moves or switches it off). `BLESS=1` rewrites the
//! golden files; review the diff.

use std::path::Path;

use brisk::testing::TestClient;

#[tokio::test]
async fn documents_match_their_golden_files() {
    let bless = std::env::var_os("BLESS").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut problems = Vec::new();
    for (name, app) in docs_src::APPS {
        let doc = app().openapi();
        let pretty = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        let served = TestClient::new(app()).get("/openapi.json").send().await;
        if served.status() == 200 {
            assert_eq!(
                served.bytes().as_ref(),
                serde_json::to_vec(&doc).unwrap().as_slice(),
                "{name}: /openapi.json serves the built document, compact"
            );
        }
        let path = dir.join(format!("{name}.json"));
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &pretty).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == pretty => {}
            Ok(_) => problems.push(format!(
                "{name}: the document differs from {}",
                path.display()
            )),
            Err(_) => problems.push(format!("{name}: no golden file {}", path.display())),
        }
    }
    // No golden file outlives its snippet.
    for topic in std::fs::read_dir(&dir).into_iter().flatten() {
        let topic = topic.unwrap().path();
        for file in std::fs::read_dir(&topic).into_iter().flatten() {
            let file = file.unwrap().path();
            let name = format!(
                "{}/{}",
                topic.file_name().unwrap().to_string_lossy(),
                file.file_stem().unwrap().to_string_lossy()
            );
            if !docs_src::APPS.iter().any(|(n, _)| *n == name) {
                problems.push(format!("{} belongs to no snippet", file.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "OpenAPI documents changed (BLESS=1 rewrites the golden files):\n- {}",
        problems.join("\n- ")
    );
}
