//! End-to-end tests of `chipcast lsp`: the real binary as a child process, spoken to as an
//! editor does (JSON-RPC with Content-Length framing over stdin and stdout): initialize,
//! didOpen, publishDiagnostics, didChange, hover, completion, definition, formatting,
//! shutdown and exit. Every read is bounded, so a server that stops answering fails the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The longest the tests wait for any one message.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A running server and what it has sent that no one has read yet.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `chipcast lsp` and initializes it with `root` as the workspace.
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chipcast"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chipcast lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("a JSON body");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming: rx,
            pending: Vec::new(),
            next_id: 1,
        };
        let uri = uri(root);
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": uri, "capabilities": {},
                   "workspaceFolders": [{"uri": uri, "name": "w"}]}),
        );
        assert_eq!(init["capabilities"]["hoverProvider"], json!(true));
        assert_eq!(init["capabilities"]["textDocumentSync"], json!(1));
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, msg: &Value) {
        let body = serde_json::to_string(msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message the server sends, or a failure after [`TIMEOUT`].
    fn next(&mut self, what: &str) -> Value {
        match self.incoming.recv_timeout(TIMEOUT) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("no answer in {TIMEOUT:?} waiting for {what}"),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the server closed its output waiting for {what}")
            }
        }
    }

    /// The response to a request (an error response is returned as is, under "error").
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            if let Some(i) = self.pending.iter().position(|m| m["id"] == json!(id)) {
                return self.pending.remove(i);
            }
            let msg = self.next(method);
            if msg["id"] == json!(id) {
                return msg;
            }
            self.pending.push(msg);
        }
    }

    /// The result of a request, which must succeed.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_ours = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        loop {
            if let Some(i) = self.pending.iter().position(is_ours) {
                let m = self.pending.remove(i);
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            let msg = self.next("publishDiagnostics");
            self.pending.push(msg);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&mut self, method: &str, uri: &str, line: usize, character: usize) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// shutdown, exit, and the exit code (which must come within the timeout).
    fn shutdown(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(start.elapsed() < TIMEOUT, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// A folder holding a copy of the bundled baseline and hardline, as a user's would.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for name in ["baseline.ron", "hardline.ron"] {
        std::fs::copy(Path::new("scenarios").join(name), root.join(name)).unwrap();
    }
    (dir, root)
}

/// Line and UTF-16 column of the first `needle` in `text`.
fn utf16_position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count())
}

const CHILD: &str = "Scenario(
    name: \"Kirin\",
    description: \"Kirin 9000S — 华为 ☃ 😀\", levrs: (),
    extends: \"baseline.ron\",
)
";

#[test]
fn diagnostics_follow_the_buffer_in_utf16_columns() {
    let (_dir, root) = workspace();
    let path = root.join("child.ron");
    // On disk the file is fine; the editor's unsaved text is what is checked.
    std::fs::write(&path, "Scenario(name: \"ok\", extends: \"baseline.ron\")\n").unwrap();
    let uri = uri(&path);
    let mut c = Client::start(&root);
    c.open(&uri, CHILD);
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["source"], "chipcast");
    assert!(d["message"].as_str().unwrap().contains("levers"), "{d}");
    // `levrs` follows 41 characters, 42 UTF-16 units (the emoji takes two), 52 bytes.
    let (line, col) = utf16_position(CHILD, "levrs");
    assert_eq!((line, col), (2, 42));
    assert_eq!(d["range"]["start"], json!({"line": line, "character": col}));
    assert_eq!(
        d["range"]["end"],
        json!({"line": line, "character": col + 5})
    );

    // A typo in a lever name, with the check's did-you-mean.
    let typo = CHILD.replace("levrs: ()", "levers: (hub_enforcment: 0.5)");
    c.change(&uri, 2, &typo);
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "unknown-lever");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("hub_enforcement")
    );
    let (line, col) = utf16_position(&typo, "hub_enforcment");
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": line, "character": col})
    );

    // Fixed: an empty list clears the editor's marks.
    c.change(&uri, 3, &CHILD.replace(", levrs: ()", ""));
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());

    // Syntax errors are diagnostics too.
    c.change(&uri, 4, "Scenario(\n    name: \"x\",,\n");
    let diags = c.diagnostics(&uri);
    assert_eq!(diags[0]["code"], "syntax");
    // Closing the document clears its marks.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_parents_errors_show_on_the_extends_line() {
    let (_dir, root) = workspace();
    std::fs::write(
        root.join("parent.ron"),
        "Scenario(\n    name: \"p\",\n    levers: (hub_enforcement: 7.0),\n)\n",
    )
    .unwrap();
    let path = root.join("child.ron");
    let text = "Scenario(\n    name: \"c\",\n    extends: \"parent.ron\",\n)\n";
    std::fs::write(&path, text).unwrap();
    let uri = uri(&path);
    let mut c = Client::start(&root);
    c.open(&uri, text);
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "broken-parent");
    assert_eq!(d["range"]["start"]["line"], 2);
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("parent.ron:3:"), "{message}");
    let related = &d["relatedInformation"][0];
    assert_eq!(
        related["location"]["uri"],
        self::uri(&root.join("parent.ron"))
    );
    assert_eq!(related["location"]["range"]["start"]["line"], 2);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn hover_completion_definition_and_formatting() {
    let (_dir, root) = workspace();
    let path = root.join("mine.ron");
    let text = "Scenario(
    name: \"Mine\",
    extends: \"hardline.ron\",
    levers: (
        chip_exports: licensed,
        demand_growth: Triangular(low: 0.2, mode: 0.3, high: 0.5),
        ai_wafer_share: (value: 0.25, source: \"ms\"),
    ),
    sources: { \"ms\": \"Morgan Stanley via igobyte, 2025-09 [morgan_stanley_smic_ai_wafers_2025]\" },
    story: [(caption: \"x\", panel: supply, set: (hub_enforcement: 0.5))],
)
";
    std::fs::write(&path, text).unwrap();
    let uri = uri(&path);
    let mut c = Client::start(&root);
    c.open(&uri, text);
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    let pos = |needle: &str| utf16_position(text, needle);

    // Hover on a lever id: the table's row and its setting by year, dated changes included.
    let (l, ch) = pos("hub_enforcement");
    let h = c.at("textDocument/hover", &uri, l, ch + 2);
    let value = h["contents"]["value"].as_str().unwrap();
    for want in [
        "**hub_enforcement**",
        "range: 0 to 1",
        "default:",
        "In this scenario",
        "- 2024: 0.2",
        "2025–2026: 0.4 (from 2025)",
        "2027–2032: 0.9 (from 2027)",
    ] {
        assert!(value.contains(want), "{want} not in {value}");
    }
    let (l, ch) = pos("chip_exports");
    let h = c.at("textDocument/hover", &uri, l, ch);
    let value = h["contents"]["value"].as_str().unwrap();
    // Set in `levers`, it replaces the parent's dated changes ("from the first year on, this").
    assert!(value.contains("- 2024–2032: licensed\n"), "{value}");
    assert!(
        value.contains("options: banned | downgraded | licensed"),
        "{value}"
    );
    // On a distribution: its percentiles.
    let (l, ch) = pos("Triangular");
    let h = c.at("textDocument/hover", &uri, l, ch + 1);
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("p10") && value.contains("p90") && value.contains("p50: 0.327"),
        "{value}"
    );
    // On a source key: the file's citation and the bibliography's.
    let (l, ch) = pos("\"ms\")");
    let h = c.at("textDocument/hover", &uri, l, ch + 1);
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Morgan Stanley via igobyte")
            && value.contains("morgan_stanley_smic_ai_wafers_2025"),
        "{value}"
    );

    // Definition: extends opens the parent; a lever this file does not set goes to where the
    // parent sets it; a source key to its entry.
    let (l, ch) = pos("hardline.ron");
    let d = c.at("textDocument/definition", &uri, l, ch);
    assert_eq!(d["uri"], self::uri(&root.join("hardline.ron")));
    let (l, ch) = pos("hub_enforcement: 0.5");
    let d = c.at("textDocument/definition", &uri, l, ch);
    assert_eq!(d["uri"], self::uri(&root.join("hardline.ron")));
    let hardline = std::fs::read_to_string(root.join("hardline.ron")).unwrap();
    let (hl, hc) = utf16_position(&hardline, "hub_enforcement");
    assert_eq!(d["range"]["start"], json!({"line": hl, "character": hc}));
    let (l, ch) = pos("\"ms\")");
    let d = c.at("textDocument/definition", &uri, l, ch + 1);
    assert_eq!(d["uri"], uri.as_str());
    assert_eq!(d["range"]["start"]["line"], 8);

    // Inlay hints: after each lever this file sets (not the story's), its effect on the
    // headline's 2030 p50.
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}}}),
    );
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 3, "{hints:?}");
    assert!(
        hints[0]["label"]
            .as_str()
            .unwrap()
            .starts_with("domestic_accelerators 2030: "),
        "{hints:?}"
    );
    let (l, _) = pos("chip_exports: licensed,");
    assert_eq!(hints[0]["position"], json!({"line": l, "character": 30}));

    // Completion: lever ids among settings, a choice's options, distribution snippets,
    // panels, metrics, source keys, extends targets.
    let labels = |c: &mut Client, text: &str, needle: &str, after: usize| {
        c.change(&uri, 2, text);
        let (l, ch) = utf16_position(text, needle);
        let r = c.at("textDocument/completion", &uri, l, ch + after);
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let t = text.replace(
        "chip_exports: licensed,",
        "chip_exports: licensed,\n        hub_enf",
    );
    let got = labels(&mut c, &t, "hub_enf", 7);
    assert!(
        got.contains(&"hub_enforcement".to_string()) && got.len() > 30,
        "{got:?}"
    );
    let t = text.replace("chip_exports: licensed", "chip_exports: li");
    assert_eq!(
        labels(&mut c, &t, "chip_exports: li", 16),
        ["banned", "downgraded", "licensed"]
    );
    let t = text.replace(
        "demand_growth: Triangular(low: 0.2, mode: 0.3, high: 0.5)",
        "demand_growth: ",
    );
    let got = labels(&mut c, &t, "demand_growth: ", 15);
    assert!(got.contains(&"Triangular".to_string()), "{got:?}");
    let r = c.at(
        "textDocument/completion",
        &uri,
        utf16_position(&t, "demand_growth: ").0,
        utf16_position(&t, "demand_growth: ").1 + 15,
    );
    let tri = r
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "Triangular")
        .unwrap();
    assert_eq!(
        tri["textEdit"]["newText"],
        "Triangular(low: ${1}, mode: ${2}, high: ${3})"
    );
    assert_eq!(tri["insertTextFormat"], 2);
    let t = text.replace("panel: supply", "panel: ");
    assert_eq!(
        labels(&mut c, &t, "panel: ", 7),
        [
            "output",
            "capacity",
            "supply",
            "routes",
            "market",
            "sensitivity"
        ]
    );
    let t = text.replace("panel: supply,", "panel: supply, metric: \"\",");
    assert!(labels(&mut c, &t, "metric: \"", 9).contains(&"domestic_accelerators".to_string()));
    let t = text.replace("source: \"ms\"", "source: \"\"");
    assert!(labels(&mut c, &t, "source: \"", 9).contains(&"ms".to_string()));
    let t = text.replace("\"hardline.ron\"", "\"\"");
    let got = labels(&mut c, &t, "extends: \"", 10);
    assert!(
        got.contains(&"baseline.ron".to_string()) && got.contains(&"bundled:thaw".to_string()),
        "{got:?}"
    );

    // Formatting: the whole file laid out as `chipcast fmt` does, comments kept.
    let messy = "Scenario(\nname: \"Mine\", // mine\n      extends: \"hardline.ron\",   \n)";
    c.change(&uri, 3, messy);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0]["newText"],
        "Scenario(\n    name: \"Mine\", // mine\n    extends: \"hardline.ron\",\n)\n"
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn bad_requests_get_errors_and_the_server_keeps_going() {
    let (_dir, root) = workspace();
    let uri = uri(&root).to_string() + "/none.ron";
    let mut c = Client::start(&root);
    let r = c.call("textDocument/hover", json!({"nonsense": true}));
    assert!(r.get("error").is_some(), "{r}");
    let r = c.call("workspace/symbol", json!({"query": ""}));
    assert_eq!(r["error"]["code"], -32601);
    // A document never opened: no answer to give, but an answer.
    assert_eq!(c.at("textDocument/hover", &uri, 0, 0), Value::Null);
    assert_eq!(c.shutdown(), 0);
}

/// Every seed of the fuzz corpus, as the editor's text: the server checks it, answers a hover
/// and a completion after each, and exits cleanly at the end.
#[test]
fn the_fuzz_corpus_never_stops_the_server() {
    let (_dir, root) = workspace();
    std::fs::write(root.join("fuzz.ron"), "").unwrap();
    let uri = uri(&root.join("fuzz.ron"));
    let mut c = Client::start(&root);
    c.open(&uri, "");
    c.diagnostics(&uri);
    let mut seeds: Vec<PathBuf> = std::fs::read_dir("fuzz/corpus/load")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    assert!(seeds.len() > 20);
    for (i, seed) in seeds.iter().enumerate() {
        let text = String::from_utf8_lossy(&std::fs::read(seed).unwrap()).into_owned();
        c.change(&uri, i as i64 + 2, &text);
        c.diagnostics(&uri);
        for (line, character) in [(0, 0), (3, 10), (9, 40), (10_000, 5)] {
            c.at("textDocument/hover", &uri, line, character);
            c.at("textDocument/completion", &uri, line, character);
        }
        c.at("textDocument/definition", &uri, 2, 12);
        c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        );
    }
    assert_eq!(c.shutdown(), 0);
}

/// didChange -> publishDiagnostics for each bundled scenario, 20 edits each; prints the median
/// and the slowest. Run on a release build for docs/performance.md:
/// `cargo test --release --test lsp -- --ignored --nocapture latency`.
#[test]
#[ignore]
fn latency() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut names: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in &names {
        std::fs::copy(p, root.join(p.file_name().unwrap())).unwrap();
    }
    let mut c = Client::start(&root);
    for p in &names {
        let path = root.join(p.file_name().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = uri(&path);
        c.open(&uri, &text);
        c.diagnostics(&uri);
        let mut times = Vec::new();
        for i in 0..20 {
            let edited = format!("{text}// edit {i}\n");
            let start = Instant::now();
            c.change(&uri, i + 2, &edited);
            let diags = c.diagnostics(&uri);
            times.push(start.elapsed());
            assert!(diags.is_empty(), "{diags:?}");
        }
        times.sort();
        println!(
            "{:<20} median {:>5.1} ms  max {:>5.1} ms",
            p.file_name().unwrap().to_string_lossy(),
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3
        );
    }
    assert_eq!(c.shutdown(), 0);
}
