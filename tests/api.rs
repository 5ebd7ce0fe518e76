//! `riktlinjer serve` end to end: the real binary on a loopback port, a real HTTP client.
//!
//! Each test starts its own server (`--addr 127.0.0.1:0`, the port read from the line
//! `lyssnar på http://…` on standard out) with its own tokens, audit log and rules in a scratch
//! folder, so the tests run in parallel and none depends on another.
//! They cover the token check, the evaluation contract against `riktlinjer eval`, the 4xx
//! answers for bad input (query parameters a route does not take, a declared body over the
//! limit), an address that cannot be listened on, the OpenAPI document, the audit log with
//! `verify-audit` (for evaluations and omprövningar, edited and malformed lines), an abrupt
//! kill during a burst, an audit log that cannot be written, reopening the audit log on SIGHUP,
//! reloading the rules and the tokens file when they change (an emptied file included), error
//! answers as problem details, the request log, the metrics, and a graceful stop on SIGTERM.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{
    Scratch, create_dir, example, parse_json, read, read_bytes, root, run_cli, scratch, stderr,
    stdout, write_file,
};

/// A running `riktlinjer serve`, killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    base: String,
    log: PathBuf,
    /// The rest of standard out, after the line `lyssnar på …`.
    out: Option<BufReader<std::process::ChildStdout>>,
}

/// A caller's token and the tokens-file line for it, from `riktlinjer token`.
pub(crate) struct Token {
    pub(crate) token: String,
    pub(crate) line: String,
}

/// A request that must fail: method, path, body, then the status, `kod` and `falt` expected.
type BadInput<'a> = (&'a str, &'a str, Vec<u8>, u16, &'a str, Option<&'a str>);

/// An HTTP answer: status, body and the parsed body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) body: String,
    pub(crate) json: Value,
}

impl Server {
    /// Starts the server with `args` after `serve --addr 127.0.0.1:0`.
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Server {
        let log = dir.join("serve.log");
        let log_file = std::fs::File::create(&log)
            .unwrap_or_else(|error| panic!("{}: {error}", log.display()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_riktlinjer"))
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log_file))
            .spawn()
            .unwrap_or_else(|error| panic!("riktlinjer serve kunde inte startas: {error}"));
        let mut first = String::new();
        let mut out = child.stdout.take().map(BufReader::new);
        if let Some(out) = &mut out {
            let _ = out.read_line(&mut first);
        }
        let Some(base) = first.trim().strip_prefix("lyssnar på ").map(str::to_owned) else {
            let _ = child.kill();
            let _ = child.wait();
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("servern startade inte: {first:?}\n{text}");
        };
        Server {
            child,
            base,
            log,
            out,
        }
    }

    /// The next line the server writes on standard out, without its line end.
    fn next_line(&mut self) -> String {
        let mut line = String::new();
        if let Some(out) = &mut self.out {
            let _ = out.read_line(&mut line);
        }
        line.trim_end().to_owned()
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's log so far; read while the server may be writing, so a character cut at
    /// the end is shown as U+FFFD rather than failing the read.
    pub(crate) fn log_text(&self) -> String {
        String::from_utf8_lossy(&read_bytes(&self.log)).into_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends cases to `/v1/evaluate` from `workers` threads until `enough` are answered 200 (or a
/// minute passes), then kills the service with SIGKILL (no handler runs, nothing is flushed on
/// the way out) and gives the ids of the answered cases; `body(id)` is the case sent as `id`
/// (`{worker}-{index}`).
pub(crate) fn burst_then_kill(
    server: &mut Server,
    token: &str,
    workers: usize,
    enough: usize,
    body: impl Fn(&str) -> String + Clone + Send + 'static,
) -> Vec<String> {
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let n_ok = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let url = server.url("/v1/evaluate?as_of=2026-02-01");
    let threads: Vec<_> = (0..workers)
        .map(|worker| {
            let (url, token, body) = (url.clone(), token.to_owned(), body.clone());
            let (acknowledged, n_ok, stop) = (acknowledged.clone(), n_ok.clone(), stop.clone());
            std::thread::spawn(move || {
                let agent = agent();
                for index in 0..2_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let id = format!("{worker}-{index}");
                    let sent = agent
                        .post(&url)
                        .header("Authorization", format!("Bearer {token}"))
                        .send(body(&id));
                    match sent {
                        Ok(response) if response.status().as_u16() == 200 => {
                            if let Ok(mut ids) = acknowledged.lock() {
                                ids.push(id);
                            }
                            n_ok.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    let started = Instant::now();
    while n_ok.load(Ordering::Relaxed) < enough && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = server.child.kill();
    let _ = server.child.wait();
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        let _ = thread.join();
    }
    acknowledged
        .lock()
        .map(|ids| ids.clone())
        .unwrap_or_default()
}

pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

pub(crate) fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = result.unwrap_or_else(|error| panic!("ingen förbindelse: {error}"));
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|error| panic!("svaret kunde inte läsas: {error}"));
    let json = serde_json::from_str(&body).unwrap_or(Value::Null);
    Answer {
        status,
        content_type,
        body,
        json,
    }
}

/// Checks that an error answer is RFC 9457 problem details: `application/problem+json`, the
/// stable type URI of its `kod`, the status, a title, `detail` (with `meddelande` the same),
/// and the faulty place both as `pointer` or `parameter` and as the older `falt`.
pub(crate) fn assert_problem(answer: &Answer, context: &str) {
    let shown = format!("{context}: {}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json", "{shown}");
    let problem = &answer.json;
    let kod = problem["kod"].as_str().unwrap_or_default();
    assert_eq!(
        problem["type"],
        format!("urn:riktlinjer:problem:{}", kod.replace('_', "-")),
        "{shown}"
    );
    assert_eq!(problem["status"], answer.status, "{shown}");
    assert!(
        problem["title"]
            .as_str()
            .is_some_and(|title| !title.is_empty()),
        "{shown}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains(' ')),
        "{shown}"
    );
    assert_eq!(problem["detail"], problem["meddelande"], "{shown}");
    let place = problem.get("pointer").or_else(|| problem.get("parameter"));
    assert_eq!(place.unwrap_or(&Value::Null), &problem["falt"], "{shown}");
    if let Some(pointer) = problem.get("pointer").and_then(Value::as_str) {
        assert!(pointer.is_empty() || pointer.starts_with('/'), "{shown}");
    }
}

pub(crate) fn get(server: &Server, path: &str, token: Option<&str>) -> Answer {
    get_url(&server.url(path), token)
}

fn get_url(url: &str, token: Option<&str>) -> Answer {
    let mut request = agent().get(url);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    answer(request.call())
}

/// `POST /v1/omprovning` of `arenden` from version `fran` to version `till`, with `token`.
fn post_omprovning(
    server: &Server,
    token: &Token,
    fran: &str,
    till: &str,
    arenden: &[Value],
) -> Answer {
    let body = json!({"fran": fran, "till": till, "arenden": arenden}).to_string();
    post(
        server,
        "/v1/omprovning",
        Some(&token.token),
        body.as_bytes(),
    )
}

pub(crate) fn post(server: &Server, path: &str, token: Option<&str>, body: &[u8]) -> Answer {
    let mut request = agent()
        .post(server.url(path))
        .header("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    answer(request.send(body))
}

/// A new token from `riktlinjer token --namn <namn>`.
pub(crate) fn new_token(namn: &str) -> Token {
    let output = run_cli(&["token", "--namn", namn]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let token = lines.get(1).copied().unwrap_or_default().to_owned();
    let line = lines.last().copied().unwrap_or_default().to_owned();
    assert!(token.starts_with("rk_") && token.len() > 40, "{text}");
    assert!(
        line.starts_with(&format!("{namn}:")) && !line.contains(&token),
        "{text}"
    );
    Token { token, line }
}

/// A scratch folder with a tokens file for caller `test`.
pub(crate) fn with_tokens(name: &str) -> (Scratch, Token) {
    let dir = scratch(&format!("api-{name}"));
    let token = new_token("test");
    write_file(&dir.join("tokens"), format!("# anropare\n{}\n", token.line));
    (dir, token)
}

/// A service on the shipped riktlinjer that lets in one token, with its scratch folder.
pub(crate) fn serve_shipped(name: &str) -> (Scratch, Token, Server) {
    let (dir, token) = with_tokens(name);
    let server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &path_arg(&dir.join("tokens")),
        ],
    );
    (dir, token, server)
}

/// As [`serve_shipped`], with an audit log `granskning.jsonl` in the scratch folder; returns
/// the log's path too.
fn serve_audited(name: &str) -> (Scratch, Token, Server, PathBuf) {
    let (dir, token) = with_tokens(name);
    let audit = dir.join("granskning.jsonl");
    let server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &path_arg(&dir.join("tokens")),
            "--audit",
            &path_arg(&audit),
        ],
    );
    (dir, token, server, audit)
}

pub(crate) fn path_arg(path: &Path) -> String {
    path.display().to_string()
}

pub(crate) fn audit_lines(path: &Path) -> Vec<Value> {
    read(path)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

#[test]
fn without_or_with_a_wrong_token_the_answer_is_401_in_swedish() {
    let (_dir, token, server) = serve_shipped("auth");
    let case = example("trygghetslarm.json");
    for presented in [None, Some("rk_fel"), Some(&token.line[..])] {
        let answer = post(&server, "/v1/evaluate", presented, case.as_bytes());
        assert_eq!(answer.status, 401, "{presented:?}: {}", answer.body);
        assert_eq!(answer.json["kod"], "obehorig");
        assert_problem(&answer, "401");
        assert!(
            answer.json["meddelande"]
                .as_str()
                .unwrap_or("")
                .contains("token"),
            "{}",
            answer.body
        );
    }
    assert_eq!(get(&server, "/v1/riktlinjer", None).status, 401);
    assert_eq!(
        get(&server, "/v1/riktlinjer", Some(&token.token)).status,
        200
    );
    // Health and the OpenAPI document are open, for load balancers and client generators.
    assert_eq!(get(&server, "/v1/health", None).json["status"], "ok");
    assert_eq!(get(&server, "/v1/openapi.json", None).status, 200);
}

#[test]
fn serve_refuses_to_start_without_tokens_unless_loopback_and_insecure() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["serve", "--rules", "rules/exempelkommun"],
            "ange --tokens",
        ),
        (
            &[
                "serve",
                "--rules",
                "rules/exempelkommun",
                "--insecure-no-auth",
                "--addr",
                "0.0.0.0:0",
            ],
            "loopback",
        ),
        (
            &[
                "serve",
                "--rules",
                "rules/exempelkommun",
                "--tokens",
                "finns/inte",
            ],
            "finns inte",
        ),
    ];
    for (args, fragment) in cases {
        let output = run_cli(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(fragment),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn an_address_that_cannot_be_listened_on_is_named_in_swedish() {
    let (dir, _) = with_tokens("bind");
    let tokens = path_arg(&dir.join("tokens"));
    let server = Server::start(
        &dir,
        &["--rules", "rules/exempelkommun", "--tokens", &tokens],
    );
    let taken = server.base.trim_start_matches("http://").to_owned();
    let cases = [
        (
            taken.clone(),
            format!("adressen {taken} används redan av ett annat program"),
        ),
        (
            "192.0.2.1:8080".to_owned(),
            "adressen 192.0.2.1:8080 hör inte till den här datorn".to_owned(),
        ),
    ];
    for (addr, expected) in cases {
        let output = run_cli(&[
            "serve",
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &tokens,
            "--addr",
            &addr,
        ]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{addr}: {text}");
        assert!(text.contains(&expected), "{addr}: {text}");
        assert!(!text.contains("os error"), "{addr}: {text}");
    }
}

#[test]
fn evaluate_answers_exactly_what_eval_prints() {
    let (_dir, token, server) = serve_shipped("evaluate");
    let queries = [
        ("?as_of=2026-02-01", vec!["--as-of", "2026-02-01"]),
        (
            "?as_of=2026-02-01&version=exempelkommun-2025-01-01",
            vec![
                "--as-of",
                "2026-02-01",
                "--version",
                "exempelkommun-2025-01-01",
            ],
        ),
    ];
    for case in [
        "trygghetslarm.json",
        "ansokningar-sol-och-lss.json",
        "personlig-assistans-68-ar.json",
    ] {
        for (query, flags) in &queries {
            let answer = post(
                &server,
                &format!("/v1/evaluate{query}"),
                Some(&token.token),
                example(case).as_bytes(),
            );
            assert_eq!(answer.status, 200, "{case}{query}: {}", answer.body);
            let path = format!("examples/{case}");
            let mut args = vec![
                "eval",
                "--rules",
                "rules/exempelkommun",
                "--case",
                &path,
                "--format",
                "json",
            ];
            args.extend(flags.iter().copied());
            let cli = run_cli(&args);
            assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
            let expected = parse_json(&stdout(&cli), "eval --format json");
            assert_eq!(answer.json, expected, "{case}{query}");
            assert_eq!(answer.body, stdout(&cli), "{case}{query}: bytes differ");
        }
    }
}

#[test]
fn bad_input_answers_4xx_naming_the_field() {
    let (dir, token) = with_tokens("bad-input");
    let server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &path_arg(&dir.join("tokens")),
            "--request-timeout",
            "1",
        ],
    );
    let big = format!(
        "{{\"schema_version\":1,\"arende_id\":\"{}\"}}",
        "x".repeat(300 * 1024)
    );
    let cases: Vec<BadInput> = vec![
        (
            "GET",
            "/v1/riktlinjer/%FF",
            Vec::new(),
            400,
            "ogiltig_parameter",
            Some("id"),
        ),
        (
            "POST",
            "/v1/evaluate",
            b"{\"schema_version\":1,".to_vec(),
            400,
            "ogiltig_json",
            Some(""),
        ),
        (
            "POST",
            "/v1/evaluate",
            b"".to_vec(),
            400,
            "ogiltig_json",
            Some(""),
        ),
        (
            "POST",
            "/v1/evaluate",
            vec![0xff, 0xfe, b'{'],
            400,
            "ogiltig_json",
            Some(""),
        ),
        (
            "POST",
            "/v1/evaluate",
            // The whole body is the empty pointer (RFC 6901), as for the frist bodies; `/`
            // would name a key that is the empty string.
            br#"[1]"#.to_vec(),
            422,
            "ogiltigt_arende",
            Some(""),
        ),
        (
            "POST",
            "/v1/evaluate",
            br#"{"schema_version":2}"#.to_vec(),
            422,
            "ogiltigt_arende",
            Some("/schema_version"),
        ),
        (
            "POST",
            "/v1/evaluate",
            br#"{"schema_version":1,"person":{"fodelsedatum":"1941-02-30"}}"#.to_vec(),
            422,
            "ogiltigt_arende",
            Some("/person/fodelsedatum"),
        ),
        (
            "POST",
            "/v1/evaluate",
            br#"{"schema_version":1,"person":{"bor_ensam":"ja"}}"#.to_vec(),
            422,
            "ogiltigt_arende",
            Some("/person/bor_ensam"),
        ),
        (
            "POST",
            "/v1/evaluate",
            br#"{"schema_version":1,"ansokningar":[{"insats":7}]}"#.to_vec(),
            422,
            "ogiltigt_arende",
            Some("/ansokningar/0/insats"),
        ),
        (
            "POST",
            "/v1/evaluate?as_of=2026-13-01",
            example("trygghetslarm.json").into_bytes(),
            400,
            "ogiltig_parameter",
            Some("as_of"),
        ),
        (
            "POST",
            "/v1/evaluate?asof=2026-01-01",
            example("trygghetslarm.json").into_bytes(),
            400,
            "ogiltig_parameter",
            Some("asof"),
        ),
        (
            "POST",
            "/v1/evaluate?as_of=2026-01-01&as_of=2026-01-02",
            example("trygghetslarm.json").into_bytes(),
            400,
            "ogiltig_parameter",
            Some("as_of"),
        ),
        (
            "POST",
            "/v1/evaluate?version=finns-inte",
            example("trygghetslarm.json").into_bytes(),
            404,
            "okand_version",
            Some("version"),
        ),
        (
            "POST",
            "/v1/evaluate?as_of=2020-01-01",
            example("trygghetslarm.json").into_bytes(),
            422,
            "ingen_version_galler",
            Some("as_of"),
        ),
        (
            "POST",
            "/v1/evaluate",
            big.into_bytes(),
            413,
            "for_stor",
            None,
        ),
        ("GET", "/v1/evaluate", Vec::new(), 405, "fel_metod", None),
        (
            "GET",
            "/v1/finns-inte",
            Vec::new(),
            404,
            "okand_sokvag",
            None,
        ),
        (
            "GET",
            "/v1/riktlinjer/finns-inte",
            Vec::new(),
            404,
            "okand_version",
            Some("id"),
        ),
        (
            "POST",
            "/v1/frist/overklagande",
            br#"{"delgiven":"2025-02-30"}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/delgiven"),
        ),
        (
            "POST",
            "/v1/frist/overklagande",
            br#"{"delgiven":20251203}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/delgiven"),
        ),
        (
            "POST",
            "/v1/frist/overklagande",
            br#"{"delgivet":"2025-12-03"}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/delgivet"),
        ),
        (
            "POST",
            "/v1/frist/overklagande",
            br#"{}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/delgiven"),
        ),
        (
            "POST",
            "/v1/frist/overklagande",
            br#"["2025-12-03"]"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some(""),
        ),
        (
            "POST",
            "/v1/frist/overklagande",
            b"2025-12-03".to_vec(),
            400,
            "ogiltig_json",
            Some(""),
        ),
        (
            "POST",
            "/v1/frist/ivo",
            br#"{"beslutsdatum":"2025-10-31","avbrott":"2025-10-01"}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/avbrott"),
        ),
        (
            "POST",
            "/v1/frist/ivo",
            br#"{"beslutsdatum":"2025-10-31","lag":"KL"}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/lag"),
        ),
        (
            "POST",
            "/v1/frist/ivo",
            br#"{"beslutsdatum":"9999-12-01"}"#.to_vec(),
            422,
            "ogiltigt_falt",
            Some("/beslutsdatum"),
        ),
    ];
    for (method, path, body, status, kod, falt) in cases {
        let answer = match method {
            "GET" => get(&server, path, Some(&token.token)),
            _ => post(&server, path, Some(&token.token), &body),
        };
        let shown = String::from_utf8_lossy(&body)
            .chars()
            .take(80)
            .collect::<String>();
        assert_eq!(
            answer.status, status,
            "{method} {path} {shown}: {}",
            answer.body
        );
        assert_eq!(
            answer.json["kod"], kod,
            "{method} {path} {shown}: {}",
            answer.body
        );
        assert_eq!(
            answer.json["falt"].as_str(),
            falt,
            "{method} {path} {shown}: {}",
            answer.body
        );
        assert_problem(&answer, &format!("{method} {path} {shown}"));
    }
    let suggestion = post(
        &server,
        "/v1/frist/overklagande",
        Some(&token.token),
        br#"{"delgivet":"2025-12-03"}"#,
    );
    assert!(
        suggestion.body.contains("menade du `delgiven`?"),
        "{}",
        suggestion.body
    );

    // An insats the riktlinje does not describe is a mapping slip: refused at its field, with
    // the nearest insats the riktlinje describes, and the id sent is not repeated.
    let unknown = br#"{"schema_version":1,"ansokningar":[{"insats":"hemtjanst"}]}"#;
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        unknown,
    );
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(
        answer.json["pointer"], "/ansokningar/0/insats",
        "{}",
        answer.body
    );
    assert!(
        answer.body.contains("menade du `hemtjanst_"),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains("\"hemtjanst\""), "{}", answer.body);

    // What would change the outcome is searched only when asked for, and the parameter takes
    // ja or nej.
    let example = example("ansokningar-sol-och-lss.json").into_bytes();
    let plain = post(
        &server,
        "/v1/evaluate?as_of=2026-02-15",
        Some(&token.token),
        &example,
    );
    assert_eq!(plain.status, 200, "{}", plain.body);
    assert!(plain.json["provningar"][0].get("vad_andrar").is_none());
    let asked = post(
        &server,
        "/v1/evaluate?as_of=2026-02-15&vad_andrar=ja",
        Some(&token.token),
        &example,
    );
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(
        asked.json["provningar"][0]["vad_andrar"]["resultat"],
        "andring"
    );
    assert_eq!(
        asked.json["provningar"][1]["vad_andrar"]["resultat"],
        "ingen_andring"
    );
    let wrong = post(
        &server,
        "/v1/evaluate?as_of=2026-02-15&vad_andrar=kanske",
        Some(&token.token),
        &example,
    );
    assert_eq!(wrong.status, 400, "{}", wrong.body);

    // A client that stops in the middle of its body gets 408 after the time limit.
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream =
        TcpStream::connect(&address).unwrap_or_else(|error| panic!("{address}: {error}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let head = format!(
        "POST /v1/evaluate HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"schema_",
        token.token
    );
    let _ = stream.write_all(head.as_bytes());
    let started = Instant::now();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(reply.contains("\"kod\":\"tidsgrans\""), "{reply}");
    assert!(
        reply.contains("content-type: application/problem+json")
            && reply.contains("\"type\":\"urn:riktlinjer:problem:tidsgrans\""),
        "{reply}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_query_parameter_a_route_does_not_take_is_400_naming_it() {
    let (_dir, token, server) = serve_shipped("params");
    let omprovning = json!({
        "fran": "exempelkommun-2025-01-01",
        "till": "exempelkommun-2025-11-01",
        "arenden": [],
    })
    .to_string();
    let case = example("trygghetslarm.json");
    let cases: [(&str, &str, &[u8], &str); 8] = [
        (
            "POST",
            "/v1/omprovning?as_of=2025-01-01",
            omprovning.as_bytes(),
            "as_of",
        ),
        ("GET", "/v1/riktlinjer?x=1", b"", "x"),
        (
            "GET",
            "/v1/riktlinjer/exempelkommun-2025-11-01?as_of=2026-01-01",
            b"",
            "as_of",
        ),
        ("GET", "/v1/health?x=1", b"", "x"),
        ("GET", "/v1/openapi.json?format", b"", "format"),
        (
            "POST",
            "/v1/frist/overklagande?x=1",
            br#"{"delgiven":"2025-12-03"}"#,
            "x",
        ),
        (
            "POST",
            "/v1/frist/ivo?lag=LSS",
            br#"{"beslutsdatum":"2025-10-31"}"#,
            "lag",
        ),
        (
            "POST",
            "/v1/evaluate?as_of=2026-02-01&x=1",
            case.as_bytes(),
            "x",
        ),
    ];
    for (method, path, body, param) in cases {
        let answer = match method {
            "GET" => get(&server, path, Some(&token.token)),
            _ => post(&server, path, Some(&token.token), body),
        };
        assert_eq!(answer.status, 400, "{method} {path}: {}", answer.body);
        assert_eq!(answer.json["kod"], "ogiltig_parameter", "{path}");
        assert_eq!(answer.json["falt"], param, "{path}");
        assert_eq!(answer.json["parameter"], param, "{path}");
        assert_problem(&answer, path);
        let meddelande = answer.json["meddelande"].as_str().unwrap_or_default();
        assert!(
            meddelande.contains(&format!("okänd parameter `{param}`")),
            "{path}: {meddelande}"
        );
        if path.starts_with("/v1/omprovning") {
            assert!(meddelande.contains("kroppens fält `as_of`"), "{meddelande}");
        }
    }
    // The same routes without the parameter still answer.
    assert_eq!(get(&server, "/v1/health", None).status, 200);
    assert_eq!(
        get(&server, "/v1/riktlinjer?", Some(&token.token)).status,
        200
    );
    let answer = post(
        &server,
        "/v1/omprovning",
        Some(&token.token),
        omprovning.as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
}

/// Sends `head` on a new connection and reads what comes back within five seconds.
fn raw_exchange(server: &Server, head: &str) -> (String, Duration) {
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream =
        TcpStream::connect(&address).unwrap_or_else(|error| panic!("{address}: {error}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.write_all(head.replace("HOST", &address).as_bytes());
    let started = Instant::now();
    let mut reply = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        reply.extend_from_slice(&buffer[..n]);
    }
    (
        String::from_utf8_lossy(&reply).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn a_declared_body_over_the_limit_is_413_at_once_without_100_continue() {
    let (_dir, token, server) = serve_shipped("declared-length");
    let bearer = &token.token;
    for (length, expect) in [(999_999_999, ""), (400_000, "Expect: 100-continue\r\n")] {
        let head = format!(
            "POST /v1/evaluate?as_of=2026-02-01 HTTP/1.1\r\nHost: HOST\r\nAuthorization: Bearer {bearer}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n{expect}\r\n"
        );
        let (reply, elapsed) = raw_exchange(&server, &head);
        assert!(reply.starts_with("HTTP/1.1 413"), "{length}: {reply}");
        assert!(!reply.contains("100 Continue"), "{length}: {reply}");
        assert!(reply.contains("\"kod\":\"for_stor\""), "{length}: {reply}");
        assert!(
            reply.contains("content-type: application/problem+json")
                && reply.contains("\"type\":\"urn:riktlinjer:problem:for-stor\""),
            "{length}: {reply}"
        );
        assert!(reply.contains("256 KiB"), "{length}: {reply}");
        assert!(elapsed < Duration::from_secs(3), "{length}: {elapsed:?}");
    }
    // A declared length within the limit is read as before.
    let body = example("trygghetslarm.json");
    let head = format!(
        "POST /v1/evaluate?as_of=2026-02-01 HTTP/1.1\r\nHost: HOST\r\nAuthorization: Bearer {bearer}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (reply, _) = raw_exchange(&server, &head);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[test]
fn the_openapi_document_is_3_1_and_lists_every_route() {
    let dir = scratch("api-openapi");
    let server = Server::start(
        &dir,
        &["--rules", "rules/exempelkommun", "--insecure-no-auth"],
    );
    let answer = get(&server, "/v1/openapi.json", None);
    assert_eq!(answer.status, 200);
    let version = answer.json["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1."), "{version}");
    for path in [
        "/v1/evaluate",
        "/v1/riktlinjer",
        "/v1/riktlinjer/{id}",
        "/v1/frist/overklagande",
        "/v1/frist/ivo",
        "/v1/omprovning",
        "/v1/health",
        "/v1/openapi.json",
        "/metrics",
    ] {
        assert!(answer.json["paths"][path].is_object(), "{path} saknas");
    }
    let body_schema = &answer.json["paths"]["/v1/evaluate"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"]["$ref"];
    assert_eq!(body_schema, "#/components/schemas/Arende");
    assert!(
        answer.json["components"]["schemas"]["Utvardering"]["properties"]["provningar"].is_object()
    );
    // Without --tokens (loopback only) no token is needed.
    assert_eq!(get(&server, "/v1/riktlinjer", None).status, 200);
}

/// The JSON lines of a server started with `--logg json`; every line must be one.
fn json_log(server: &Server) -> Vec<Value> {
    let text = server.log_text();
    text.lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line}\n{text}"))
        })
        .collect()
}

#[test]
fn each_request_is_one_log_line_with_route_status_latency_and_caller() {
    let (dir, token) = with_tokens("logg");
    let tokens = path_arg(&dir.join("tokens"));
    let server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &tokens,
            "--logg",
            "json",
        ],
    );
    let mut bad: Value = parse_json(&example("trygghetslarm.json"), "trygghetslarm.json");
    bad["person"]["fodelsedatum"] = json!("1941-02-30");
    let bearer = Some(token.token.as_str());
    let answers = [
        get(&server, "/v1/health", None),
        get(&server, "/v1/riktlinjer/exempelkommun-2025-11-01", bearer),
        post(
            &server,
            "/v1/evaluate?as_of=2026-02-01",
            bearer,
            bad.to_string().as_bytes(),
        ),
        post(&server, "/v1/evaluate", None, b"{}"),
        get(&server, "/v1/finns-inte?x=1", bearer),
    ];
    let statuses: Vec<u16> = answers.iter().map(|answer| answer.status).collect();
    assert_eq!(statuses, [200, 200, 422, 401, 404]);
    wait_for(&server, "fem anropsrader", &|| {
        server.log_text().matches("\"message\":\"anrop\"").count() == 5
    });
    let lines = json_log(&server);
    assert!(
        lines
            .iter()
            .all(|line| line["timestamp"].is_string() && line["level"].is_string()),
        "{lines:?}"
    );
    let requests: Vec<&Value> = lines
        .iter()
        .filter(|line| line["message"] == "anrop")
        .collect();
    let expected = [
        ("GET", "/v1/health", 200, None, None),
        ("GET", "/v1/riktlinjer/{id}", 200, Some("test"), None),
        (
            "POST",
            "/v1/evaluate",
            422,
            Some("test"),
            Some("ogiltigt_arende"),
        ),
        ("POST", "/v1/evaluate", 401, None, Some("obehorig")),
        ("GET", "(ingen)", 404, None, Some("okand_sokvag")),
    ];
    for (line, (metod, sokvag, status, anropare, fel)) in requests.iter().zip(expected) {
        assert_eq!(line["metod"], metod, "{line}");
        assert_eq!(line["sokvag"], sokvag, "{line}");
        assert_eq!(line["status"], status, "{line}");
        assert_eq!(line["anropare"].as_str(), anropare, "{line}");
        assert_eq!(line["fel"].as_str(), fel, "{line}");
        assert!(
            line["tid_ms"].as_f64().is_some_and(|ms| ms >= 0.0),
            "{line}"
        );
    }
    // Nothing of the request but its method and route: no query, no id, no value.
    let text = server.log_text();
    for sent in [
        "1941-02-30",
        "exempelkommun-2025-11-01",
        "as_of",
        "finns-inte",
        &token.token,
    ] {
        assert!(!text.contains(sent), "loggen visar `{sent}`:\n{text}");
    }
}

/// The value of the sample `name` (with its labels) in an OpenMetrics exposition.
fn sample(exposition: &str, name: &str) -> Option<f64> {
    exposition
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|value| value.parse().ok())
}

#[test]
fn metrics_count_requests_reloads_and_audit_syncs_behind_the_tokens_or_on_their_own_address() {
    let (dir, token) = with_tokens("metrics");
    let rules = dir.join("regler");
    create_dir(&rules);
    let current = read(&root().join("rules/exempelkommun/2025-11-01.md"));
    write_file(&rules.join("2025-11-01.md"), &current);
    let mut server = Server::start(
        &dir,
        &[
            "--rules",
            &path_arg(&rules),
            "--tokens",
            &path_arg(&dir.join("tokens")),
            "--audit",
            &path_arg(&dir.join("granskning.jsonl")),
            "--metrics-addr",
            "127.0.0.1:0",
        ],
    );
    let line = server.next_line();
    let Some(open_url) = line.strip_prefix("mätvärden på ").map(str::to_owned) else {
        panic!("ingen mätvärdesadress: {line:?}\n{}", server.log_text());
    };
    assert!(open_url.ends_with("/metrics"), "{open_url}");

    // On the service's address /metrics is behind the tokens.
    let unauthorized = get(&server, "/metrics", None);
    assert_eq!(unauthorized.status, 401);
    assert_problem(&unauthorized, "/metrics utan token");
    let behind = get(&server, "/metrics", Some(&token.token));
    assert_eq!(behind.status, 200, "{}", behind.body);
    assert!(
        behind
            .content_type
            .starts_with("application/openmetrics-text"),
        "{}",
        behind.content_type
    );
    assert!(behind.body.ends_with("# EOF\n"), "{}", behind.body);

    let case = example("trygghetslarm.json");
    for _ in 0..3 {
        let answer = post(
            &server,
            "/v1/evaluate?as_of=2026-02-01",
            Some(&token.token),
            case.as_bytes(),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    // A version that does not compile: the reload fails and the metrics say so.
    write_file(
        &rules.join("2026-04-01.md"),
        current.replacen("bor_ensam", "bor_ensm", 1),
    );
    wait_for(
        &server,
        "den misslyckade omläsningen loggades inte",
        &|| server.log_text().contains("kunde inte läsas in på nytt"),
    );

    // On its own address /metrics needs no token, and nothing else is there.
    let open = get_url(&open_url, None);
    assert_eq!(open.status, 200, "{}", open.body);
    let text = &open.body;
    let expected = [
        (
            r#"riktlinjer_http_requests_total{route="/v1/evaluate",status="200"}"#,
            3.0,
        ),
        (
            r#"riktlinjer_http_requests_total{route="/metrics",status="401"}"#,
            1.0,
        ),
        (
            r#"riktlinjer_http_request_duration_seconds_count{route="/v1/evaluate"}"#,
            3.0,
        ),
        (
            r#"riktlinjer_reloads_total{kind="riktlinjer",result="error"}"#,
            1.0,
        ),
        (r#"riktlinjer_reload_failed{kind="riktlinjer"}"#, 1.0),
        (r#"riktlinjer_reload_failed{kind="tokens"}"#, 0.0),
        ("riktlinjer_versions_loaded", 1.0),
        ("riktlinjer_audit_lines_total", 3.0),
        ("riktlinjer_audit_sync_failures_total", 0.0),
    ];
    for (name, value) in expected {
        assert_eq!(sample(text, name), Some(value), "{name}:\n{text}");
    }
    let syncs = sample(text, "riktlinjer_audit_syncs_total").unwrap_or_default();
    assert!((1.0..=3.0).contains(&syncs), "{text}");
    assert_eq!(
        sample(text, "riktlinjer_audit_sync_duration_seconds_count"),
        Some(syncs),
        "{text}"
    );
    // The request in flight is the one asking.
    assert_eq!(
        sample(text, "riktlinjer_http_requests_in_flight"),
        Some(1.0),
        "{text}"
    );
    assert!(
        !text.contains("2026-02-01") && !text.contains("test"),
        "{text}"
    );
    let elsewhere = get_url(&open_url.replace("/metrics", "/v1/health"), None);
    assert_eq!(elsewhere.status, 404, "{}", elsewhere.body);
    assert_problem(&elsewhere, "mätvärdesadressen");
}

#[test]
fn riktlinjer_and_frister_are_listed_and_computed() {
    let (_dir, token, server) = serve_shipped("riktlinjer");
    let list = get(&server, "/v1/riktlinjer", Some(&token.token));
    assert_eq!(list.status, 200, "{}", list.body);
    let ids: Vec<&str> = list
        .json
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["exempelkommun-2025-01-01", "exempelkommun-2025-11-01"]
    );
    for version in list.json.as_array().into_iter().flatten() {
        assert_eq!(
            version["innehallshash"].as_str().map(str::len),
            Some(64),
            "{version}"
        );
        assert_eq!(version["kommun"], "Exempelkommun");
        assert_eq!(version["status"], "antagen");
    }
    let detail = get(
        &server,
        "/v1/riktlinjer/exempelkommun-2025-11-01",
        Some(&token.token),
    );
    assert_eq!(detail.status, 200, "{}", detail.body);
    let larm = detail.json["insatser"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|insats| insats["id"] == "trygghetslarm");
    let rule = larm
        .and_then(|larm| larm["regler"].as_array())
        .and_then(|rules| rules.iter().find(|rule| rule["id"] == "TL-3"));
    let rule = rule.unwrap_or_else(|| panic!("TL-3 saknas: {}", detail.body));
    for key in ["villkor", "utfall", "lagrum", "avsnitt", "skal"] {
        assert!(rule[key].is_string(), "{key}: {rule}");
    }
    assert!(
        rule["villkor"]
            .as_str()
            .unwrap_or_default()
            .contains("bor_ensam"),
        "{rule}"
    );

    let overklagande = post(
        &server,
        "/v1/frist/overklagande",
        Some(&token.token),
        br#"{"delgiven":"2025-12-03"}"#,
    );
    assert_eq!(overklagande.status, 200, "{}", overklagande.body);
    assert_eq!(overklagande.json["sista_dag"], "2025-12-29");
    let cli = run_cli(&[
        "frist",
        "overklagande",
        "--delgiven",
        "2025-12-03",
        "--format",
        "json",
    ]);
    assert_eq!(
        Some(overklagande.json),
        serde_json::from_str(&stdout(&cli)).ok()
    );
    let ivo = post(
        &server,
        "/v1/frist/ivo",
        Some(&token.token),
        br#"{"beslutsdatum":"2025-10-31","avbrott":null,"lag":"LSS"}"#,
    );
    assert_eq!(ivo.status, 200, "{}", ivo.body);
    let cli = run_cli(&[
        "frist",
        "ivo",
        "--beslutsdatum",
        "2025-10-31",
        "--lag",
        "lss",
        "--format",
        "json",
    ]);
    assert_eq!(Some(ivo.json), serde_json::from_str(&stdout(&cli)).ok());
}

#[test]
fn every_evaluation_is_audited_before_the_answer_and_verify_audit_replays_it() {
    let (dir, token, server, audit) = serve_audited("audit");
    let case: Value = parse_json(&example("trygghetslarm.json"), "trygghetslarm.json");
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        case.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let lines = audit_lines(&audit);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    assert_eq!(line["anropare"], "test");
    assert_eq!(line["arende_id"], "2026-0117");
    assert_eq!(line["skyddad"], false);
    assert_eq!(line["riktlinje_id"], answer.json["riktlinje"]["id"]);
    assert_eq!(
        line["riktlinje_hash"],
        answer.json["riktlinje"]["innehallshash"]
    );
    assert_eq!(
        line["utvarderingshash"],
        riktlinjer_server::audit::evaluation_hash(&answer.json)
    );
    assert_eq!(
        line["utfall"],
        json!([{"insats": "trygghetslarm", "utfall": "uppfyller"}])
    );
    assert_eq!(line["as_of"], "2026-02-01");

    // A skyddad person leaves neither a name nor a case id in the log.
    let mut skyddad = case.clone();
    skyddad["arende_id"] = json!("HEMLIG-1");
    skyddad["person"]["skyddade_personuppgifter"] = json!("skyddad_folkbokforing");
    skyddad["person"]["namn"] = json!("Hemlig Person");
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        skyddad.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let text = read(&audit);
    assert!(
        !text.contains("HEMLIG") && !text.contains("Hemlig"),
        "{text}"
    );
    let lines = audit_lines(&audit);
    assert_eq!(
        (lines.len(), &lines[1]["arende_id"], &lines[1]["skyddad"]),
        (2, &Value::Null, &json!(true))
    );

    let cases = dir.join("arenden.jsonl");
    write_file(&cases, format!("{case}\n"));
    let verify = |log: &Path| {
        run_cli(&[
            "verify-audit",
            &path_arg(log),
            "--rules",
            "rules/exempelkommun",
            "--cases",
            &path_arg(&cases),
        ])
    };
    assert_clean_replay(
        &verify(&audit),
        "2 rader kontrollerade: 1 stämmer, 0 avviker, 1 gäller skyddade",
    );

    // After logrotate moves the log away, SIGHUP opens a new one by the same name.
    let rotated = dir.join("granskning.jsonl.1");
    std::fs::rename(&audit, &rotated)
        .unwrap_or_else(|error| panic!("{}: {error}", audit.display()));
    let hup = Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status();
    assert!(hup.is_ok_and(|status| status.success()));
    let started = Instant::now();
    while !server
        .log_text()
        .contains("granskningsloggen öppnades på nytt")
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        case.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        (audit_lines(&rotated).len(), audit_lines(&audit).len()),
        (2, 1)
    );

    // A line whose evaluation no longer replays is named, and the exit is 1.
    let tampered = dir.join("andrad.jsonl");
    write_file(
        &tampered,
        text.replacen(
            line["utvarderingshash"].as_str().unwrap_or("-"),
            &"0".repeat(64),
            1,
        ),
    );
    let dirty = verify(&tampered);
    assert_eq!(
        dirty.status.code(),
        Some(1),
        "{}{}",
        stdout(&dirty),
        stderr(&dirty)
    );
    assert!(
        stdout(&dirty).contains("rad 1: ärendet `2026-0117`: prövningen ger inte samma svar"),
        "{}",
        stdout(&dirty)
    );

    // A line whose outcome or other fields were edited, with the hash left as it was, differs
    // too; a line that is no record is named in Swedish.
    let first = text.lines().next().unwrap_or_default();
    let edited = [
        first.replacen(
            r#""utfall":[{"insats":"trygghetslarm","utfall":"uppfyller"}]"#,
            r#""utfall":[]"#,
            1,
        ),
        first.replacen(r#""utfall":"uppfyller""#, r#""utfall":"uppfyller_inte""#, 1),
        first.replacen(r#""skyddad":false"#, r#""skyddad":true"#, 1),
        first.replacen(r#""skyddad":false"#, r#""skyddad":"ja""#, 1),
        first.replacen(r#""skyddad":false,"#, "", 1),
        "inte json".to_owned(),
    ];
    assert!(edited.iter().all(|line| line != first), "{first}");
    write_file(&tampered, format!("{first}\n{}\n", edited.join("\n")));
    let dirty = verify(&tampered);
    let report = stdout(&dirty);
    assert_eq!(dirty.status.code(), Some(1), "{report}{}", stderr(&dirty));
    for expected in [
        "rad 2: ärendet `2026-0117`: prövningen ger inte samma svar",
        "utfall i loggen: inga; utfall nu: trygghetslarm uppfyller",
        "rad 3: ärendet `2026-0117`: prövningen ger inte samma svar",
        "rad 4: ärendet `2026-0117`: loggraden stämmer inte med prövningen i `skyddad`",
        "rad 5: raden är ingen giltig loggpost: fältet `skyddad` ska vara true eller false",
        "rad 6: raden är ingen giltig loggpost: fältet `skyddad` saknas",
        "rad 7: raden är inte JSON (kolumn 1)",
        "7 rader kontrollerade: 1 stämmer, 6 avviker",
    ] {
        assert!(report.contains(expected), "{expected}:\n{report}");
    }
    assert!(
        !report.contains("expected") && !report.contains("missing"),
        "{report}"
    );
}

#[test]
fn a_kill_during_a_burst_loses_no_acknowledged_audit_line() {
    let (_dir, token, mut server, audit) = serve_audited("kill");
    let case: Value = parse_json(&example("trygghetslarm.json"), "trygghetslarm.json");
    let acknowledged = burst_then_kill(&mut server, &token.token, 6, 150, move |id| {
        let mut case = case.clone();
        case["arende_id"] = json!(format!("skur-{id}"));
        case.to_string()
    });
    let acknowledged: BTreeSet<String> = acknowledged
        .into_iter()
        .map(|id| format!("skur-{id}"))
        .collect();
    assert!(
        acknowledged.len() >= 150,
        "bara {} svar hann komma",
        acknowledged.len()
    );
    let logged: BTreeSet<String> = audit_lines(&audit)
        .iter()
        .filter_map(|line| line["arende_id"].as_str().map(str::to_owned))
        .collect();
    let lost: Vec<&String> = acknowledged.difference(&logged).collect();
    assert!(
        lost.is_empty(),
        "{} av {} besvarade prövningar saknas i loggen: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
}

#[test]
fn sigterm_finishes_the_request_in_flight_syncs_the_audit_log_and_exits_0() {
    let (dir, token) = with_tokens("sigterm");
    let audit = dir.join("granskning.jsonl");
    let mut server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &path_arg(&dir.join("tokens")),
            "--audit",
            &path_arg(&audit),
            "--shutdown-timeout",
            "5",
        ],
    );
    let template: Value = parse_json(&example("trygghetslarm.json"), "trygghetslarm.json");
    let case = |id: &str| {
        let mut case = template.clone();
        case["arende_id"] = json!(id);
        case.to_string()
    };
    let url = "/v1/evaluate?as_of=2026-02-01";
    for id in ["fore-0", "fore-1", "fore-2"] {
        let answer = post(&server, url, Some(&token.token), case(id).as_bytes());
        assert_eq!(answer.status, 200, "{}", answer.body);
    }

    // A request in flight: its head and half its body are sent, the rest comes after SIGTERM.
    let body = case("pagaende");
    let (first, rest) = body.split_at(body.len() / 2);
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream =
        TcpStream::connect(&address).unwrap_or_else(|error| panic!("{address}: {error}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let head = format!(
        "POST {url} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{first}",
        token.token,
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .unwrap_or_else(|error| panic!("{error}"));
    // It is in flight when this request for the metrics is the second one.
    wait_for(&server, "begäran kom inte fram", &|| {
        let metrics = get(&server, "/metrics", Some(&token.token)).body;
        sample(&metrics, "riktlinjer_http_requests_in_flight") == Some(2.0)
    });
    let started = Instant::now();
    let term = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status();
    assert!(term.is_ok_and(|status| status.success()));
    wait_for(&server, "SIGTERM loggades inte", &|| {
        server.log_text().contains("tjänsten stängs")
    });
    // No new connection is taken.
    while TcpStream::connect(&address).is_ok() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "tjänsten tar fortfarande emot anslutningar"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The request in flight is answered in full.
    stream
        .write_all(rest.as_bytes())
        .unwrap_or_else(|error| panic!("{error}"));
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"provningar\""), "{reply}");

    // The process ends by itself, with exit code 0, within the grace period.
    let status = loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "tjänsten avslutades inte:\n{}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let log = server.log_text();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(
        log.contains("granskningsloggen är synkad och stängd"),
        "{log}"
    );
    assert!(log.contains("tjänsten har stängts"), "{log}");

    // The audit log has a whole line for every answer, the one in flight included, and
    // verify-audit replays all of them.
    let text = read(&audit);
    assert!(text.ends_with('\n'), "{text}");
    let ids: Vec<String> = audit_lines(&audit)
        .iter()
        .filter_map(|line| line["arende_id"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids, ["fore-0", "fore-1", "fore-2", "pagaende"], "{text}");
    let cases = dir.join("arenden.jsonl");
    let lines: Vec<String> = ["fore-0", "fore-1", "fore-2", "pagaende"]
        .iter()
        .map(|id| case(id))
        .collect();
    write_file(&cases, lines.join("\n") + "\n");
    let verified = verify_audit(&audit, &cases);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}{}",
        stdout(&verified),
        stderr(&verified)
    );
}

#[test]
fn the_health_probe_exits_0_for_a_healthy_service_and_1_otherwise() {
    let (_dir, _token, server) = serve_shipped("health");
    let address = server.base.trim_start_matches("http://").to_owned();
    let healthy = run_cli(&["health", "--addr", &address]);
    assert_eq!(healthy.status.code(), Some(0), "{}", stderr(&healthy));
    assert!(
        stdout(&healthy).contains("är frisk: 2 riktlinjeversioner"),
        "{}",
        stdout(&healthy)
    );
    drop(server);
    let gone = run_cli(&["health", "--addr", &address, "--timeout", "1"]);
    assert_eq!(gone.status.code(), Some(1), "{}", stderr(&gone));
    assert!(
        stderr(&gone).contains(&format!("ingen tjänst lyssnar på {address}")),
        "{}",
        stderr(&gone)
    );
}

#[test]
fn sigterm_waits_no_longer_than_the_shutdown_timeout() {
    let (dir, token) = with_tokens("sigterm-grans");
    let mut server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &path_arg(&dir.join("tokens")),
            "--audit",
            &path_arg(&dir.join("granskning.jsonl")),
            "--request-timeout",
            "60",
            "--shutdown-timeout",
            "1",
        ],
    );
    // A client that never sends the rest of its body.
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream =
        TcpStream::connect(&address).unwrap_or_else(|error| panic!("{address}: {error}"));
    let head = format!(
        "POST /v1/evaluate HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Length: 100\r\n\r\n{{",
        token.token
    );
    stream
        .write_all(head.as_bytes())
        .unwrap_or_else(|error| panic!("{error}"));
    wait_for(&server, "begäran kom inte fram", &|| {
        let metrics = get(&server, "/metrics", Some(&token.token)).body;
        sample(&metrics, "riktlinjer_http_requests_in_flight") == Some(2.0)
    });
    let started = Instant::now();
    let term = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status();
    assert!(term.is_ok_and(|status| status.success()));
    let status = loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "tjänsten avslutades inte:\n{}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let log = server.log_text();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    assert!(log.contains("blev inte klara i tid"), "{log}");
    assert!(
        log.contains("granskningsloggen är synkad och stängd"),
        "{log}"
    );
}

/// Waits until `done` holds, polling every 50 ms, and fails after a minute with `what`,
/// whether the server process still runs, and the server's log.
///
/// The deadline only bounds a failure: a reload is normally seen within one poll (2 s).
fn wait_for(server: &Server, what: &str, done: &dyn Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{what} (serverprocessen: {}):\n{}",
            std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
                .unwrap_or_default()
                .lines()
                .find(|line| line.starts_with("State"))
                .unwrap_or("finns inte")
                .to_owned(),
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn new_versions_are_picked_up_without_a_restart() {
    let (dir, token) = with_tokens("reload");
    let rules = dir.join("regler");
    create_dir(&rules);
    let current = read(&root().join("rules/exempelkommun/2025-11-01.md"));
    write_file(&rules.join("2025-11-01.md"), &current);
    let tokens = dir.join("tokens");
    let server = Server::start(
        &dir,
        &["--rules", &path_arg(&rules), "--tokens", &path_arg(&tokens)],
    );
    let ids = |server: &Server| -> Vec<String> {
        let list = get(server, "/v1/riktlinjer", Some(&token.token));
        list.json
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v["id"].as_str().map(str::to_owned))
            .collect()
    };
    // The new version is written at once after the server says it listens, before its first
    // poll may have run: the server stamps the folder before it reads it, so this change is
    // still seen.
    let next = current
        .replacen(
            "id: exempelkommun-2025-11-01",
            "id: exempelkommun-2026-03-01",
            1,
        )
        .replacen("giltig_från: 2025-11-01", "giltig_från: 2026-03-01", 1);
    write_file(&rules.join("2026-03-01.md"), &next);
    wait_for(&server, "den nya versionen lästes inte in", &|| {
        ids(&server).len() == 2
    });
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-03-02",
        Some(&token.token),
        example("trygghetslarm.json").as_bytes(),
    );
    assert_eq!(
        answer.json["riktlinje"]["id"], "exempelkommun-2026-03-01",
        "{}",
        answer.body
    );

    // A version that does not compile keeps the old store and logs why.
    write_file(
        &rules.join("2026-04-01.md"),
        next.replacen("id: exempelkommun-2026-03-01", "id: trasig", 1)
            .replacen("bor_ensam", "bor_ensm", 1),
    );
    wait_for(&server, "felet loggades inte", &|| {
        server.log_text().contains("kunde inte läsas in på nytt")
    });
    assert!(
        server.log_text().contains("bor_ensm"),
        "{}",
        server.log_text()
    );
    assert_eq!(ids(&server).len(), 2);
}

#[test]
fn a_changed_tokens_file_is_picked_up_without_a_restart() {
    let (dir, token, server) = serve_shipped("reload-tokens");
    let tokens = dir.join("tokens");
    let status = |token: &Token| get(&server, "/v1/riktlinjer", Some(&token.token)).status;
    let other = new_token("annan");
    assert_eq!((status(&token), status(&other)), (200, 401));

    // A new caller gets in within a poll.
    write_file(&tokens, format!("{}\n{}\n", token.line, other.line));
    wait_for(&server, "den nya tokenen godtogs inte", &|| {
        status(&other) == 200
    });
    assert_eq!(status(&token), 200);

    // A removed caller is shut out.
    write_file(&tokens, format!("{}\n", other.line));
    wait_for(
        &server,
        "den borttagna tokenen godtogs fortfarande",
        &|| status(&token) == 401,
    );
    assert_eq!(status(&other), 200);

    // A file that cannot be read keeps the tokens in use and says so.
    write_file(&tokens, "trasig rad utan kolon\n");
    wait_for(&server, "den trasiga tokenfilen loggades inte", &|| {
        server
            .log_text()
            .contains("de tidigare tokenen gäller fortfarande")
    });
    assert_eq!((status(&token), status(&other)), (401, 200));
}

#[test]
fn a_tokens_file_emptied_of_callers_shuts_everyone_out() {
    let (dir, token, server) = serve_shipped("revoke-all");
    let tokens = dir.join("tokens");
    let status = || get(&server, "/v1/riktlinjer", Some(&token.token)).status;
    assert_eq!(status(), 200);

    // Every line commented out: the last caller is revoked, and the log says so.
    write_file(&tokens, format!("# {}\n", token.line));
    wait_for(
        &server,
        "den återkallade tokenen godtogs fortfarande",
        &|| status() == 401,
    );
    assert!(
        server
            .log_text()
            .contains("innehåller inga anropare; inga anrop släpps in"),
        "{}",
        server.log_text()
    );

    // The caller comes back, then an empty file read on SIGHUP shuts it out again.
    write_file(&tokens, format!("{}\n", token.line));
    wait_for(&server, "tokenen godtogs inte igen", &|| status() == 200);
    write_file(&tokens, "");
    let hup = Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status();
    assert!(hup.is_ok_and(|status| status.success()));
    wait_for(
        &server,
        "den tomma tokenfilen stängde inte ute anroparen",
        &|| status() == 401,
    );
    // Health stays open.
    assert_eq!(get(&server, "/v1/health", None).status, 200);
}

#[test]
fn an_audit_log_that_cannot_be_written_gives_503_and_no_answer() {
    let (dir, token) = with_tokens("full-disk");
    let server = Server::start(
        &dir,
        &[
            "--rules",
            "rules/exempelkommun",
            "--tokens",
            &path_arg(&dir.join("tokens")),
            "--audit",
            "/dev/full",
        ],
    );
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        example("trygghetslarm.json").as_bytes(),
    );
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert_eq!(answer.json["kod"], "loggfel");
    assert_problem(&answer, "503");
    assert!(answer.json.get("provningar").is_none(), "{}", answer.body);
}

/// The worklist of `riktlinjer omprovning` on `cases` (JSON Lines), record by record.
fn cli_worklist(dir: &Path, cases: &Path) -> Vec<Value> {
    let out = dir.join("arbetslista.jsonl");
    let output = run_cli(&[
        "omprovning",
        "--rules",
        "rules/exempelkommun",
        "--from",
        "exempelkommun-2025-01-01",
        "--to",
        "exempelkommun-2025-11-01",
        "--cases",
        &path_arg(cases),
        "--out",
        &path_arg(&out),
    ]);
    assert!(output.status.code().is_some(), "{}", stderr(&output));
    read(&out)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// A small generated population between the shipped versions, with one case that cannot be
/// read, as JSON values.
fn omprovning_cases() -> Vec<Value> {
    let output = run_cli(&[
        "generera", "--antal", "40", "--seed", "7", "--format", "jsonl",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut cases: Vec<Value> = stdout(&output)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    cases.insert(3, json!({"schema_version": 2}));
    cases
}

/// `record` without its place in the input (`rad` in the file, `index` in the answer).
fn without_place(record: &Value) -> Value {
    let mut record = record.clone();
    if let Value::Object(map) = &mut record {
        map.remove("rad");
        map.remove("index");
    }
    record
}

#[test]
fn omprovning_answers_the_worklist_omprovning_writes_for_the_same_cases() {
    let (dir, token, server) = serve_shipped("omprovning");
    let cases = omprovning_cases();
    let file = dir.join("arenden.jsonl");
    let lines: Vec<String> = cases.iter().map(Value::to_string).collect();
    write_file(&file, format!("{}\n", lines.join("\n")));
    let cli = cli_worklist(&dir, &file);
    let body = json!({
        "fran": "exempelkommun-2025-01-01",
        "till": "exempelkommun-2025-11-01",
        "arenden": cases,
    })
    .to_string();

    let unauthorized = post(&server, "/v1/omprovning", None, body.as_bytes());
    assert_eq!(unauthorized.status, 401, "{}", unauthorized.body);
    assert_eq!(unauthorized.json["kod"], "obehorig");

    let answer = post(
        &server,
        "/v1/omprovning",
        Some(&token.token),
        body.as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let of_type =
        |typ: &str| -> Vec<&Value> { cli.iter().filter(|record| record["typ"] == typ).collect() };
    let (header, summa) = (of_type("omprovning"), of_type("summa"));
    for key in ["upplysning", "fran", "till", "provningsdag"] {
        assert_eq!(answer.json["huvud"][key], header[0][key], "huvud.{key}");
    }
    assert_eq!(answer.json["summa"], *summa[0]);
    let andrade = answer.json["andrade"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let expected = of_type("andrad");
    assert!(!expected.is_empty(), "inga ändrade ärenden i urvalet");
    assert_eq!(andrade.len(), expected.len(), "{}", answer.body);
    for (got, want) in andrade.iter().zip(&expected) {
        // The file's line numbers count from 1; the answer's index from 0.
        assert_eq!(
            got["index"].as_u64().map(|index| index + 1),
            want["rad"].as_u64()
        );
        assert_eq!(without_place(got), without_place(want));
    }
    let avvisade = answer.json["avvisade"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let expected = of_type("avvisad");
    assert_eq!(avvisade.len(), 1, "{}", answer.body);
    assert_eq!(avvisade[0]["index"], 3);
    assert_eq!(without_place(&avvisade[0]), without_place(expected[0]));
    assert!(
        avvisade[0]["fel"]
            .as_str()
            .unwrap_or_default()
            .contains("/schema_version"),
        "{}",
        answer.body
    );
    let summa = &answer.json["summa"];
    let count = |key: &str| summa[key].as_u64().unwrap_or(u64::MAX);
    assert_eq!(count("lasta"), 41);
    assert_eq!(
        count("oforandrade") + count("andrade") + count("avvisade"),
        count("lasta")
    );
    assert_eq!(count("andrade"), andrade.len() as u64);
}

#[test]
fn omprovning_bad_fields_and_too_many_arenden_answer_4xx_naming_the_field() {
    let (_dir, token, server) = serve_shipped("omprovning-fel");
    let (fran, till) = ("exempelkommun-2025-01-01", "exempelkommun-2025-11-01");
    let too_many: Vec<Value> = (0..1_001).map(|_| json!({})).collect();
    let huge = "x".repeat(300 * 1024);
    let cases: [(Value, u16, &str, Option<&str>); 10] = [
        (json!([]), 422, "ogiltigt_falt", Some("")),
        (
            json!({"till": till, "arenden": []}),
            422,
            "ogiltigt_falt",
            Some("/fran"),
        ),
        (
            json!({"fran": 7, "till": till, "arenden": []}),
            422,
            "ogiltigt_falt",
            Some("/fran"),
        ),
        (
            json!({"fran": fran, "till": "finns-inte", "arenden": []}),
            404,
            "okand_version",
            Some("/till"),
        ),
        (
            json!({"fran": fran, "till": till, "as_of": "2026-02-30", "arenden": []}),
            422,
            "ogiltigt_falt",
            Some("/as_of"),
        ),
        (
            json!({"fran": fran, "till": till}),
            422,
            "ogiltigt_falt",
            Some("/arenden"),
        ),
        (
            json!({"fran": fran, "till": till, "arenden": {}}),
            422,
            "ogiltigt_falt",
            Some("/arenden"),
        ),
        (
            json!({"fran": fran, "till": till, "arenden": [], "extra": 1}),
            422,
            "ogiltigt_falt",
            Some("/extra"),
        ),
        (
            json!({"fran": fran, "till": till, "arenden": too_many}),
            413,
            "for_manga_arenden",
            Some("/arenden"),
        ),
        (
            json!({"fran": fran, "till": till, "arenden": [], "x": huge}),
            413,
            "for_stor",
            None,
        ),
    ];
    for (body, status, kod, falt) in cases {
        let shown: String = body.to_string().chars().take(120).collect();
        let answer = post(
            &server,
            "/v1/omprovning",
            Some(&token.token),
            body.to_string().as_bytes(),
        );
        assert_eq!(answer.status, status, "{shown}: {}", answer.body);
        assert_eq!(answer.json["kod"], kod, "{shown}");
        assert_eq!(answer.json["falt"].as_str(), falt, "{shown}");
        assert_problem(&answer, &shown);
    }
    let answer = post(&server, "/v1/omprovning", Some(&token.token), b"{\"fran\":");
    assert_eq!(
        (answer.status, answer.json["kod"].as_str()),
        (400, Some("ogiltig_json"))
    );
    // An empty list is a valid request: nothing read, totals zero.
    let answer = post(
        &server,
        "/v1/omprovning",
        Some(&token.token),
        json!({"fran": fran, "till": till, "as_of": "2026-01-01", "arenden": []})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json["summa"]["lasta"], 0);
    assert_eq!(answer.json["huvud"]["provningsdag"], "2026-01-01");
}

/// The cases of an omprövning request that its answer did not reject, as JSON Lines for
/// `verify-audit` (which refuses a cases file with a line it cannot read).
fn readable_cases(answer: &Answer, cases: &[Value]) -> String {
    let rejected: Vec<&Value> = answer.json["avvisade"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|avvisad| &avvisad["index"])
        .collect();
    assert!(!rejected.is_empty(), "{}", answer.body);
    let mut text = String::new();
    for (index, case) in cases.iter().enumerate() {
        if !rejected.contains(&&json!(index)) {
            text.push_str(&format!("{case}\n"));
        }
    }
    text
}

/// Runs `riktlinjer verify-audit` on `log` against the shipped riktlinjer and `cases`.
fn verify_audit(log: &Path, cases: &Path) -> std::process::Output {
    run_cli(&[
        "verify-audit",
        &path_arg(log),
        "--rules",
        "rules/exempelkommun",
        "--cases",
        &path_arg(cases),
    ])
}

/// `verify-audit` replays every one of the log's `n` lines and finds each as it was answered.
fn assert_every_line_replays(log: &Path, cases: &Path, n: usize) {
    assert_clean_replay(
        &verify_audit(log, cases),
        &format!("{n} rader kontrollerade: {n} stämmer, 0 avviker, 0 gäller skyddade"),
    );
}

/// A `verify-audit` run that found nothing amiss and summed up as `summary`.
fn assert_clean_replay(verified: &std::process::Output, summary: &str) {
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}{}",
        stdout(verified),
        stderr(verified)
    );
    assert!(stdout(verified).contains(summary), "{}", stdout(verified));
}

#[test]
fn omprovning_is_audited_before_the_answer_and_verify_audit_replays_it() {
    let (dir, token, server, audit) = serve_audited("omprovning-audit");
    let (fran, till) = ("exempelkommun-2025-01-01", "exempelkommun-2025-11-01");
    let cases = omprovning_cases();
    let answer = post_omprovning(&server, &token, fran, till, &cases);
    assert_eq!(answer.status, 200, "{}", answer.body);

    // Read as soon as the answer is in: the lines were synced before it was sent.
    let lines = audit_lines(&audit);
    let summa = &answer.json["summa"];
    let count = |key: &str| summa[key].as_u64().unwrap_or(u64::MAX);
    let n_provade = count("lasta") - count("avvisade") - count("utan_gallande_beslut");
    assert!(n_provade > 10, "{summa}");
    assert_eq!(lines.len() as u64, 2 * n_provade, "{summa}");
    let mut n_provningar = 0;
    for pair in lines.chunks(2) {
        let (before, after) = (&pair[0], &pair[1]);
        assert_eq!(
            (&before["riktlinje_id"], &after["riktlinje_id"]),
            (&json!(fran), &json!(till))
        );
        for line in pair {
            assert_eq!(line["omprovning"], true, "{line}");
            assert_eq!(line["anropare"], "test", "{line}");
            assert_eq!(
                line["as_of"], answer.json["huvud"]["provningsdag"],
                "{line}"
            );
            assert!(line["arende_id"].is_string(), "{line}");
        }
        assert_eq!(before["arende_id"], after["arende_id"]);
        n_provningar += before["utfall"].as_array().map_or(0, Vec::len);
    }
    assert_eq!(n_provningar as u64, count("provningar"), "{summa}");

    // Each changed prövning's outcomes in the answer are the ones logged under each version.
    for andrad in answer.json["andrade"].as_array().into_iter().flatten() {
        let logged: Vec<&Value> = lines
            .iter()
            .filter(|line| line["arende_id"] == andrad["arende_id"])
            .collect();
        assert_eq!(logged.len(), 2, "{andrad}");
        for andring in andrad["andringar"].as_array().into_iter().flatten() {
            for (line, side) in logged.iter().zip(["fore", "efter"]) {
                let utfall = line["utfall"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|utfall| utfall["insats"] == andring["insats"]);
                assert_eq!(
                    utfall.map(|utfall| &utfall["utfall"]),
                    Some(&andring[side]["utfall"]),
                    "{andrad}\n{line}"
                );
            }
        }
    }

    // verify-audit converts each case as the omprövning did and replays both evaluations.
    let file = dir.join("arenden.jsonl");
    write_file(&file, readable_cases(&answer, &cases));
    assert_every_line_replays(&audit, &file, lines.len());

    // Replayed as a plain evaluation of the unconverted case, a line would not match.
    let text = read(&audit);
    let tampered = dir.join("andrad.jsonl");
    write_file(
        &tampered,
        text.replacen("\"omprovning\":true", "\"omprovning\":false", 1),
    );
    let dirty = verify_audit(&tampered, &file);
    assert_eq!(
        dirty.status.code(),
        Some(1),
        "{}{}",
        stdout(&dirty),
        stderr(&dirty)
    );
    assert!(
        stdout(&dirty).contains("rad 1: ärendet"),
        "{}",
        stdout(&dirty)
    );
}

#[test]
fn omprovning_audit_lines_of_a_skyddad_person_have_no_case_id() {
    let (dir, token, server, audit) = serve_audited("omprovning-audit-skydd");
    let fixture = root().join("tests/fixtures/skydd-omprovning.jsonl");
    let arenden: Vec<Value> = read(&fixture)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    assert_eq!(
        arenden[0]["person"]["skyddade_personuppgifter"],
        "skyddad_folkbokforing"
    );
    let answer = post_omprovning(
        &server,
        &token,
        "exempelkommun-2025-01-01",
        "exempelkommun-2025-11-01",
        &arenden,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let text = read(&audit);
    let lines = audit_lines(&audit);
    let skyddade: Vec<&Value> = lines
        .iter()
        .filter(|line| line["skyddad"] == true)
        .collect();
    assert_eq!(skyddade.len(), 2, "{text}");
    for line in &skyddade {
        assert_eq!(line["arende_id"], Value::Null, "{text}");
    }
    for value in [
        "2026-0777",
        "Siv",
        "Skyddad Exempelsson",
        "19470815",
        "Hemliga gatan",
    ] {
        assert!(
            !text.contains(value),
            "granskningsloggen visar `{value}`:\n{text}"
        );
    }
    let cases = dir.join("arenden.jsonl");
    write_file(&cases, readable_cases(&answer, &arenden));
    let n = lines.len();
    assert_clean_replay(
        &verify_audit(&audit, &cases),
        &format!(
            "{n} rader kontrollerade: {} stämmer, 0 avviker, 2 gäller skyddade",
            n - 2
        ),
    );
}

#[test]
fn a_key_given_twice_in_any_body_is_refused_naming_it() {
    let (_dir, token, server) = serve_shipped("dubbla-nycklar");
    let bodies: [(&str, &str, &str); 4] = [
        (
            "/v1/evaluate",
            r#"{"schema_version":1,"person":{"personkrets":1,"personkrets":3},"ansokningar":[{"insats":"daglig_verksamhet"}]}"#,
            "/person/personkrets",
        ),
        (
            "/v1/omprovning",
            r#"{"fran":"exempelkommun-2025-01-01","till":"exempelkommun-2025-11-01","arenden":[{"schema_version":1,"person":{"kon":"kvinna","kon":"man"}}]}"#,
            "/arenden/0/person/kon",
        ),
        (
            "/v1/omprovning",
            r#"{"fran":"exempelkommun-2025-01-01","fran":"exempelkommun-2025-11-01","till":"exempelkommun-2025-11-01","arenden":[]}"#,
            "/fran",
        ),
        (
            "/v1/frist/overklagande",
            r#"{"delgiven":"2025-12-03","delgiven":"2025-12-04"}"#,
            "/delgiven",
        ),
    ];
    for (path, body, pointer) in bodies {
        let answer = post(&server, path, Some(&token.token), body.as_bytes());
        assert_eq!(answer.status, 422, "{path}: {}", answer.body);
        assert_eq!(
            answer.json["falt"].as_str(),
            Some(pointer),
            "{path}: {}",
            answer.body
        );
        assert!(
            answer.body.contains("förekommer två gånger"),
            "{path}: {}",
            answer.body
        );
    }
    // A byte-order mark before the body is no fault.
    let body = format!(
        "\u{feff}{}",
        r#"{"fran":"exempelkommun-2025-01-01","till":"exempelkommun-2025-11-01","arenden":[]}"#
    );
    let answer = post(
        &server,
        "/v1/omprovning",
        Some(&token.token),
        body.as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[test]
fn a_riktlinje_caught_while_it_is_written_is_not_served_and_health_says_why_a_reload_failed() {
    let (dir, token) = with_tokens("halvskriven");
    let rules = dir.join("regler");
    create_dir(&rules);
    let current = read(&root().join("rules/exempelkommun/2025-11-01.md"));
    write_file(&rules.join("2025-11-01.md"), &current);
    let server = Server::start(
        &dir,
        &[
            "--rules",
            &path_arg(&rules),
            "--tokens",
            &path_arg(&dir.join("tokens")),
        ],
    );
    let health = get(&server, "/v1/health", None);
    assert_eq!(health.json["galler_idag"], "exempelkommun-2025-11-01");
    assert_eq!(
        health.json["galler_idag_innehallshash"]
            .as_str()
            .map(str::len),
        Some(64)
    );
    assert_eq!(health.json["senaste_misslyckade_omlasning"], Value::Null);

    // The new version is written in three pieces, more than a second apart, without the
    // rename a deployment should use: no poll may take it before it is whole.
    let next = current
        .replacen(
            "id: exempelkommun-2025-11-01",
            "id: exempelkommun-2026-03-01",
            1,
        )
        .replacen("giltig_från: 2025-11-01", "giltig_från: 2026-03-01", 1);
    let path = rules.join("2026-03-01.md");
    let n_rules = |server: &Server| {
        let detail = get(
            server,
            "/v1/riktlinjer/exempelkommun-2026-03-01",
            Some(&token.token),
        );
        (detail.status == 200).then(|| {
            detail.json["insatser"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|insats| insats["regler"].as_array().map_or(0, Vec::len))
                .sum::<usize>()
        })
    };
    let bytes = next.as_bytes();
    // Cut where the prefix compiles on its own (with fewer rules), as a file caught mid-write
    // often does.
    let cuts = [
        0,
        bytes.len() * 42 / 100,
        bytes.len() * 82 / 100,
        bytes.len(),
    ];
    let mut file =
        std::fs::File::create(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut seen = Vec::new();
    for window in cuts.windows(2) {
        use std::io::Write as _;
        let _ = file.write_all(&bytes[window[0]..window[1]]);
        let _ = file.flush();
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(1_200) {
            seen.push(n_rules(&server));
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    drop(file);
    wait_for(&server, "den nya versionen lästes inte in", &|| {
        n_rules(&server).is_some()
    });
    let whole = n_rules(&server);
    assert!(whole.is_some_and(|n| n > 20), "{whole:?}");
    assert!(
        seen.iter().all(|n| n.is_none() || *n == whole),
        "en halvskriven version visades: {seen:?}"
    );

    // A version that does not compile: health says when and why, and the old ones are served.
    write_file(
        &rules.join("2026-04-01.md"),
        next.replacen("id: exempelkommun-2026-03-01", "id: trasig", 1)
            .replacen("bor_ensam", "bor_ensm", 1),
    );
    wait_for(&server, "felet syns inte i /v1/health", &|| {
        !get(&server, "/v1/health", None).json["senaste_misslyckade_omlasning"].is_null()
    });
    let failed = get(&server, "/v1/health", None).json["senaste_misslyckade_omlasning"].clone();
    assert_eq!(failed["typ"], "riktlinjer", "{failed}");
    assert!(
        failed["orsak"]
            .as_str()
            .is_some_and(|orsak| orsak.contains("2026-04-01.md")),
        "{failed}"
    );
    assert!(
        failed["tid"].as_str().is_some_and(|tid| tid.len() == 29),
        "{failed}"
    );
    let health = get(&server, "/v1/health", None);
    assert_eq!(health.json["versioner"], 2, "{}", health.body);
}

#[test]
fn a_required_date_sent_as_null_is_422_and_lag_takes_only_the_words_the_document_lists() {
    let (_dir, token, server) = serve_shipped("null-datum");
    for (path, body, pointer) in [
        (
            "/v1/frist/overklagande",
            r#"{"delgiven":null}"#,
            "/delgiven",
        ),
        ("/v1/frist/ivo", r#"{"beslutsdatum":null}"#, "/beslutsdatum"),
        (
            "/v1/frist/ivo",
            r#"{"beslutsdatum":"2025-10-15","lag":""}"#,
            "/lag",
        ),
    ] {
        let answer = post(&server, path, Some(&token.token), body.as_bytes());
        assert_eq!(answer.status, 422, "{path} {body}: {}", answer.body);
        assert_problem(&answer, path);
        assert_eq!(answer.json["pointer"], pointer, "{}", answer.body);
    }
    for lag in ["SoL", "LSS", "sol", "lss"] {
        let body = format!(r#"{{"beslutsdatum":"2025-10-15","lag":"{lag}"}}"#);
        let answer = post(
            &server,
            "/v1/frist/ivo",
            Some(&token.token),
            body.as_bytes(),
        );
        assert_eq!(answer.status, 200, "{lag}: {}", answer.body);
    }
    let document = get(&server, "/v1/openapi.json", None).json;
    assert_eq!(
        document["components"]["schemas"]["IvoBegaran"]["properties"]["lag"]["enum"],
        json!(["SoL", "LSS", "sol", "lss", null])
    );
}

#[test]
fn omprovning_from_one_version_of_the_law_to_the_next_is_audited_and_replayed() {
    let (dir, token, server, audit) = serve_audited("omprovning-lag");
    let (fran, till) = (
        "exempelkommun-2025-01-01@sverige-2023-07-01",
        "exempelkommun-2025-01-01@sverige-2025-07-01",
    );
    let mut cases: Vec<Value> = crate::riktlinjer::KORTTIDSVISTELSE_UTAN_BEHOVSPROVNING
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}")))
        .collect();
    cases.push(json!({"schema_version": 2}));
    let answer = post_omprovning(&server, &token, fran, till, &cases);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let huvud = &answer.json["huvud"];
    assert_eq!(huvud["fran"]["lag"], "sverige-2023-07-01", "{huvud}");
    assert_eq!(huvud["till"]["lag"], "sverige-2025-07-01", "{huvud}");
    assert_eq!(huvud["provningsdag"], "2025-07-01", "{huvud}");
    assert_eq!(huvud["andringar_mellan_versionerna"]["fran_lagen"], 1);
    let andrade = answer.json["andrade"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.body));
    assert_eq!(andrade.len(), 1, "{}", answer.body);
    assert_eq!(andrade[0]["arende_id"], "L-1");
    assert_eq!(
        andrade[0]["andringar"][0]["fore"]["utfall"],
        "lagen_hindrar"
    );

    // Each line names the version as the request did, so the replay holds it to the same law.
    let lines = audit_lines(&audit);
    assert_eq!(lines.len(), 4, "{lines:?}");
    for pair in lines.chunks(2) {
        assert_eq!(
            (&pair[0]["riktlinje_id"], &pair[1]["riktlinje_id"]),
            (&json!(fran), &json!(till))
        );
    }
    let file = dir.join("arenden.jsonl");
    write_file(&file, readable_cases(&answer, &cases));
    assert_every_line_replays(&audit, &file, lines.len());

    // A version of the law the baseline does not have is a 404 at the field, and the id asked
    // for is not repeated.
    let unknown = post_omprovning(
        &server,
        &token,
        "exempelkommun-2025-01-01@sverige-2024-02-29",
        till,
        &cases,
    );
    assert_eq!(unknown.status, 404, "{}", unknown.body);
    assert_eq!(unknown.json["falt"], "/fran", "{}", unknown.body);
    assert!(!unknown.body.contains("2024-02-29"), "{}", unknown.body);
    assert!(
        unknown.body.contains("sverige-2025-07-01"),
        "{}",
        unknown.body
    );
}
