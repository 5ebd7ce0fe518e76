//! The audit log as evidence: its hash chain, the repair of a torn last line, the handläggare
//! and the keyed case reference of each line, and `verify-audit` naming the first fault.
//!
//! Each tampering a person with write access to the file could do (delete, reorder, duplicate
//! or edit a line, or break its UTF-8) is made on a log the real service wrote, and
//! `verify-audit` must name the line where the chain first breaks.
//! A kill -9 during a burst, then a restart, must leave every answered request in a log whose
//! chain is whole. `loggkontroll` reads the log per handläggare and period.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::api::{
    Server, Token, agent, answer, audit_lines, burst_then_kill, new_token, path_arg, post,
};
use crate::{
    Scratch, example, parse_json, read, read_bytes, run_cli, scratch, stderr, stdout, write_file,
};

/// A case for an evaluation, with its id.
fn case_json(arende_id: &str) -> Value {
    let mut case = parse_json(&example("trygghetslarm.json"), "trygghetslarm.json");
    case["arende_id"] = json!(arende_id);
    case
}

/// [`case_json`] as the bytes of a request body.
fn case(arende_id: &str) -> Vec<u8> {
    case_json(arende_id).to_string().into_bytes()
}

/// Starts a service with an audit log in `dir` and the extra `args`.
fn serve(dir: &Path, audit: &Path, args: &[&str]) -> Server {
    let mut all = vec![
        "--rules".to_owned(),
        "rules/exempelkommun".to_owned(),
        "--tokens".to_owned(),
        path_arg(&dir.join("tokens")),
        "--audit".to_owned(),
        path_arg(audit),
    ];
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    Server::start(dir, &all)
}

/// `verify-audit` on `logs` with `args`: exit code and standard out.
fn verify(logs: &[&Path], args: &[&str]) -> (Option<i32>, String) {
    let mut all: Vec<String> = vec!["verify-audit".to_owned()];
    all.extend(logs.iter().map(|log| path_arg(log)));
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let output = run_cli(&all);
    let text = format!("{}{}", stdout(&output), stderr(&output));
    (output.status.code(), text)
}

/// A scratch folder with a tokens file for the system caller `test`.
fn folder(name: &str) -> (Scratch, Token) {
    let dir = scratch(&format!("audit-{name}"));
    let token = new_token("test");
    write_file(&dir.join("tokens"), format!("{}\n", token.line));
    (dir, token)
}

#[test]
fn verify_audit_names_the_first_line_of_every_kind_of_tampering() {
    let (dir, token) = folder("manipulation");
    let audit = dir.join("granskning.jsonl");
    let server = serve(&dir, &audit, &[]);
    for index in 1..=5 {
        let answer = post(
            &server,
            "/v1/evaluate?as_of=2026-02-01",
            Some(&token.token),
            &case(&format!("A-{index}")),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    drop(server);
    let original = read_bytes(&audit);
    let lines: Vec<Vec<u8>> = original
        .split(|&byte| byte == b'\n')
        .filter(|line| !line.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    assert_eq!(lines.len(), 5);
    let first = parse_json(
        &String::from_utf8_lossy(&lines[0]),
        "granskningsloggens rad 1",
    );
    assert_eq!(first["foregaende"], "0".repeat(64));
    assert_eq!(first["handlaggare"], Value::Null);

    let (code, report) = verify(&[&audit], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("5 rader kontrollerade"), "{report}");
    assert!(report.contains("hashkedjan är hel"), "{report}");
    // The last hash is the SHA-256 of the last line, as `sha256sum` gives it.
    let last = lines[4].clone();
    let expected = riktlinjer_server::chain::sha256_hex(&last);
    assert!(
        report.contains(&format!("sista radens hash: {expected}")),
        "{report}"
    );

    let join = |lines: &[Vec<u8>]| {
        let mut bytes = Vec::new();
        for line in lines {
            bytes.extend_from_slice(line);
            bytes.push(b'\n');
        }
        bytes
    };
    let edit = |line: &[u8], from: &str, to: &str| {
        String::from_utf8_lossy(line)
            .replacen(from, to, 1)
            .into_bytes()
    };
    let mut deleted = lines.clone();
    deleted.remove(2);
    let mut reordered = lines.clone();
    reordered.swap(1, 2);
    let mut duplicated = lines.clone();
    duplicated.insert(2, lines[1].clone());
    let mut caller = lines.clone();
    caller[1] = edit(&lines[1], r#""anropare":"test""#, r#""anropare":"annan""#);
    let mut time = lines.clone();
    time[1] = edit(&lines[1], r#""tid":"20"#, r#""tid":"19"#);
    let mut hidden = lines.clone();
    hidden[1] = edit(
        &edit(&lines[1], r#""arende_id":"A-2""#, r#""arende_id":null"#),
        r#""skyddad":false"#,
        r#""skyddad":true"#,
    );
    let mut spaced = lines.clone();
    spaced[3] = edit(&lines[3], r#""skyddad":false"#, r#""skyddad": false"#);
    let mut broken = lines.clone();
    broken[3].insert(10, 0xff);
    let mut last_edited = lines.clone();
    last_edited[4] = edit(&lines[4], r#""anropare":"test""#, r#""anropare":"annan""#);
    let cases: [(&str, Vec<u8>, usize, &str); 9] = [
        ("borttagen", join(&deleted), 3, "hashkedjan bryts"),
        ("omkastad", join(&reordered), 2, "hashkedjan bryts"),
        ("kopierad", join(&duplicated), 3, "hashkedjan bryts"),
        ("anropare", join(&caller), 3, "hashkedjan bryts"),
        ("tid", join(&time), 3, "hashkedjan bryts"),
        ("dold", join(&hidden), 3, "hashkedjan bryts"),
        (
            "mellanrum",
            join(&spaced),
            4,
            "raden är inte skriven i kanonisk form",
        ),
        (
            "utf8",
            join(&broken),
            4,
            "raden är inte giltig UTF-8 (fel vid byte 11",
        ),
        (
            "avbruten",
            original[..original.len() - 7].to_vec(),
            5,
            "raden slutar utan radbrytning",
        ),
    ];
    for (name, bytes, line, fault) in cases {
        let tampered = dir.join(format!("{name}.jsonl"));
        write_file(&tampered, &bytes);
        let (code, report) = verify(&[&tampered], &[]);
        assert_eq!(code, Some(1), "{name}: {report}");
        assert!(
            report.contains(&format!("rad {line}: {fault}")),
            "{name}: rad {line}: {fault}\n{report}"
        );
        assert!(
            report.contains(&format!("första felet: rad {line}\n")),
            "{name}: {report}"
        );
    }
    // An edit of the last line leaves the chain whole: only its hash, kept apart from the log
    // (docs/drift.md), shows it, as the next log's `--foregaende` does.
    let tampered = dir.join("sista.jsonl");
    write_file(&tampered, join(&last_edited));
    let (_, report) = verify(&[&tampered], &[]);
    assert!(!report.contains(&expected), "{report}");
}

#[test]
fn a_torn_last_line_is_moved_aside_on_restart_and_the_chain_goes_on() {
    let (dir, token) = folder("avbruten");
    let audit = dir.join("granskning.jsonl");
    let server = serve(&dir, &audit, &[]);
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        &case("F-1"),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    drop(server);
    // A write cut off by a crash: half a line, no newline.
    let fragment = br#"{"anropare":"test","arende_id":"F-"#;
    let mut bytes = read_bytes(&audit);
    bytes.extend_from_slice(fragment);
    write_file(&audit, &bytes);
    let (code, report) = verify(&[&audit], &[]);
    assert_eq!(code, Some(1), "{report}");

    let server = serve(&dir, &audit, &[]);
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        &case("F-2"),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let side = dir.join("granskning.jsonl.avbruten-1");
    assert_eq!(read_bytes(&side), fragment);
    assert!(
        server
            .log_text()
            .contains("granskningsloggen slutade mitt i en rad"),
        "{}",
        server.log_text()
    );
    let ids: Vec<Value> = audit_lines(&audit)
        .iter()
        .map(|line| line["arende_id"].clone())
        .collect();
    assert_eq!(ids, [json!("F-1"), json!("F-2")]);
    let (code, report) = verify(&[&audit], &[]);
    assert_eq!(code, Some(0), "{report}");
}

#[test]
fn a_rotated_log_continues_the_chain_of_the_one_before() {
    let (dir, token) = folder("rotation");
    let audit = dir.join("granskning.jsonl");
    let server = serve(&dir, &audit, &[]);
    let evaluate = |id: &str| {
        let answer = post(
            &server,
            "/v1/evaluate?as_of=2026-02-01",
            Some(&token.token),
            &case(id),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    };
    evaluate("R-1");
    let rotated = dir.join("granskning-1.jsonl");
    std::fs::rename(&audit, &rotated)
        .unwrap_or_else(|error| panic!("{}: {error}", audit.display()));
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status();
    assert!(hup.is_ok_and(|status| status.success()));
    let started = Instant::now();
    while !server
        .log_text()
        .contains("granskningsloggen öppnades på nytt")
    {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(20));
    }
    evaluate("R-2");
    let (code, report) = verify(&[&rotated, &audit], &[]);
    assert_eq!(code, Some(0), "{report}");
    // Alone, the second file names its link to the first; with the first's last hash, checks it.
    let (_, first) = verify(&[&rotated], &[]);
    let head = first
        .lines()
        .find_map(|line| line.strip_prefix("sista radens hash: "))
        .unwrap_or_default()
        .to_owned();
    let (code, report) = verify(&[&audit], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("fortsätter hashkedjan"), "{report}");
    let (code, report) = verify(&[&audit], &["--foregaende", &head]);
    assert_eq!(code, Some(0), "{report}");
    let (code, report) = verify(&[&audit], &["--foregaende", &"1".repeat(64)]);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("rad 1: hashkedjan bryts"), "{report}");
}

#[test]
fn each_line_names_the_handlaggare_the_token_or_the_vouching_system_gives() {
    let dir = scratch("audit-handlaggare");
    let token = |namn: &str, roll: Option<&str>| {
        let mut args = vec!["token", "--namn", namn];
        if let Some(roll) = roll {
            args.extend(["--roll", roll]);
        }
        let output = run_cli(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        let lines: Vec<&str> = text.lines().collect();
        (
            lines.get(1).copied().unwrap_or_default().to_owned(),
            lines.last().copied().unwrap_or_default().to_owned(),
        )
    };
    let (anna, anna_line) = token("anna.svensson", Some("handlaggare"));
    let (system, system_line) = token("lifecare", Some("intygar-handlaggare"));
    let (batch, batch_line) = token("batch", None);
    assert!(anna_line.ends_with(" handlaggare"), "{anna_line}");
    write_file(
        &dir.join("tokens"),
        format!("{anna_line}\n{system_line}\n{batch_line}\n"),
    );
    let audit = dir.join("granskning.jsonl");
    let server = serve(&dir, &audit, &[]);
    let send = |token: &str, header: Option<&[u8]>| {
        let mut request = agent()
            .post(server.url("/v1/evaluate?as_of=2026-02-01"))
            .header("Authorization", format!("Bearer {token}"));
        if let Some(header) = header {
            let value = ureq::http::HeaderValue::from_bytes(header)
                .unwrap_or_else(|_| ureq::http::HeaderValue::from_static("x"));
            request = request.header("Riktlinjer-Handlaggare", value);
        }
        answer(request.send(case("H-1")))
    };
    assert_eq!(send(&anna, None).status, 200);
    assert_eq!(send(&system, Some("bo.berg".as_bytes())).status, 200);
    assert_eq!(send(&system, None).status, 200);
    assert_eq!(send(&batch, None).status, 200);
    // Only a system the kommun trusts may vouch; a bad identity is refused without echo.
    for (token, header) in [
        (&batch, &b"bo.berg"[..]),
        (&anna, &b"bo.berg"[..]),
        (&system, &b"19470815 9882"[..]),
    ] {
        let refused = send(token, Some(header));
        assert_eq!(refused.status, 401, "{}", refused.body);
        crate::api::assert_problem(&refused, "Riktlinjer-Handlaggare");
        assert!(!refused.body.contains("bo.berg") && !refused.body.contains("-9882"));
    }
    let handlaggare: Vec<(Value, Value)> = audit_lines(&audit)
        .iter()
        .map(|line| (line["anropare"].clone(), line["handlaggare"].clone()))
        .collect();
    assert_eq!(
        handlaggare,
        [
            (json!("anna.svensson"), json!("anna.svensson")),
            (json!("lifecare"), json!("bo.berg")),
            (json!("lifecare"), Value::Null),
            (json!("batch"), Value::Null),
        ]
    );
}

#[test]
fn with_a_key_lines_carry_a_keyed_reference_and_replay_finds_every_case() {
    let (dir, token) = folder("nyckel");
    let key = dir.join("nyckel");
    let output = run_cli(&["nyckel"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    write_file(&key, stdout(&output));
    let audit = dir.join("granskning.jsonl");
    let server = serve(&dir, &audit, &["--audit-nyckel", &path_arg(&key)]);
    let open = case_json("N-1");
    let mut skyddad = open.clone();
    skyddad["arende_id"] = json!("19470815-9882");
    skyddad["person"]["skyddade_personuppgifter"] = json!("skyddad_folkbokforing");
    for body in [&open, &skyddad] {
        let answer = post(
            &server,
            "/v1/evaluate?as_of=2026-02-01",
            Some(&token.token),
            body.to_string().as_bytes(),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let text = read(&audit);
    // The dash keeps the search off the hex digests, where the digits turn up by chance.
    assert!(
        !text.contains("\"N-1\"") && !text.contains("19470815") && !text.contains("-9882"),
        "{text}"
    );
    let lines = audit_lines(&audit);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(line["arende_id"], Value::Null);
        assert_eq!(line["arende_ref"].as_str().map(str::len), Some(64));
        assert_eq!(line["nyckel_id"].as_str().map(str::len), Some(16));
    }
    assert_eq!(lines[1]["skyddad"], true);

    let cases = dir.join("arenden.jsonl");
    write_file(&cases, format!("{open}\n{skyddad}\n"));
    let replay = [
        "--rules",
        "rules/exempelkommun",
        "--cases",
        &path_arg(&cases),
    ];
    let mut with_key = replay.to_vec();
    let key_arg = path_arg(&key);
    with_key.extend(["--nyckel", &key_arg]);
    let (code, report) = verify(&[&audit], &with_key);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("2 rader kontrollerade: 2 stämmer, 0 avviker, 0 gäller skyddade"),
        "{report}"
    );
    assert!(
        !report.contains("19470815") && !report.contains("-9882"),
        "{report}"
    );
    let (code, report) = verify(&[&audit], &replay);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("som inte angavs med --nyckel"), "{report}");
}

#[test]
fn after_a_kill_during_a_burst_and_a_restart_every_answer_is_in_a_whole_chain() {
    let (dir, token) = folder("kill-kedja");
    let audit = dir.join("granskning.jsonl");
    let mut server = serve(&dir, &audit, &[]);
    let acknowledged = burst_then_kill(&mut server, &token.token, 4, 100, |id| {
        String::from_utf8_lossy(&case(&format!("K-{id}"))).into_owned()
    });
    // Restarted on the same log: a torn tail is moved aside, and the next line chains on.
    let server = serve(&dir, &audit, &[]);
    let answer = post(
        &server,
        "/v1/evaluate?as_of=2026-02-01",
        Some(&token.token),
        &case("efter"),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    drop(server);
    let (code, report) = verify(&[&audit], &[]);
    assert_eq!(code, Some(0), "{report}");
    let acknowledged: BTreeSet<String> = acknowledged
        .into_iter()
        .map(|id| format!("K-{id}"))
        .collect();
    assert!(acknowledged.len() >= 100, "{}", acknowledged.len());
    let logged: BTreeSet<String> = audit_lines(&audit)
        .iter()
        .filter_map(|line| line["arende_id"].as_str().map(str::to_owned))
        .collect();
    let lost: Vec<&String> = acknowledged.difference(&logged).collect();
    assert!(lost.is_empty(), "{} saknas: {lost:?}", lost.len());
    assert!(logged.contains("efter"));
}

#[test]
fn loggkontroll_lists_each_handlaggares_cases_and_flags_skyddade_and_volumes() {
    let dir = scratch("audit-loggkontroll");
    let token = |namn: &str, roll: &str| {
        let output = run_cli(&["token", "--namn", namn, "--roll", roll]);
        let text = stdout(&output);
        let lines: Vec<&str> = text.lines().collect();
        (
            lines.get(1).copied().unwrap_or_default().to_owned(),
            lines.last().copied().unwrap_or_default().to_owned(),
        )
    };
    let (anna, anna_line) = token("anna.svensson", "handlaggare");
    let (system, system_line) = token("lifecare", "intygar-handlaggare");
    write_file(&dir.join("tokens"), format!("{anna_line}\n{system_line}\n"));
    let key = dir.join("nyckel");
    write_file(&key, stdout(&run_cli(&["nyckel"])));
    let audit = dir.join("granskning.jsonl");
    let server = serve(&dir, &audit, &["--audit-nyckel", &path_arg(&key)]);
    let send = |token: &str, header: Option<&str>, id: &str, skyddad: bool| {
        let mut case = case_json(id);
        if skyddad {
            case["person"]["skyddade_personuppgifter"] = json!("sekretessmarkering");
        }
        let mut request = agent()
            .post(server.url("/v1/evaluate?as_of=2026-02-01"))
            .header("Authorization", format!("Bearer {token}"));
        if let Some(header) = header {
            request = request.header("Riktlinjer-Handlaggare", header);
        }
        let reply = answer(request.send(case.to_string()));
        assert_eq!(reply.status, 200, "{}", reply.body);
    };
    send(&anna, None, "L-1", false);
    send(&anna, None, "L-1", false);
    send(&anna, None, "L-2", true);
    for index in 0..4 {
        send(&system, Some("bo.berg"), &format!("M-{index}"), false);
    }
    drop(server);

    let run = |extra: &[&str]| {
        let mut args = vec![
            "loggkontroll".to_owned(),
            path_arg(&audit),
            "--grans-per-dag".to_owned(),
            "3".to_owned(),
        ];
        args.extend(extra.iter().map(|arg| (*arg).to_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_cli(&args)
    };
    let output = run(&[]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}{}", stderr(&output));
    assert!(text.contains("7 prövningar"), "{text}");
    assert!(text.contains("hashkedjan är hel"), "{text}");
    let anna_row = text
        .lines()
        .find(|line| line.starts_with("anna.svensson (via anna.svensson), "));
    assert!(
        anna_row.is_some_and(|row| row.ends_with(": 3 prövningar av 2 ärenden")),
        "{text}"
    );
    assert!(
        text.contains("FLAGGA: 1 ärenden med skyddade personuppgifter"),
        "{text}"
    );
    assert!(text.contains("[skyddade personuppgifter]"), "{text}");
    assert!(text.contains("bo.berg (via lifecare)"), "{text}");
    assert!(
        text.contains("FLAGGA: ovanligt många prövningar: 4 den"),
        "{text}"
    );
    // The cases are named by their keyed reference, never their id.
    assert!(!text.contains("L-1") && !text.contains("M-0"), "{text}");

    let csv = dir.join("loggkontroll.csv");
    let output = run(&[
        "--format",
        "csv",
        "--period",
        "vecka",
        "--out",
        &path_arg(&csv),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let csv = read(&csv);
    assert!(
        csv.starts_with(
            "\u{feff}handläggare;anropare;period;ärende;prövningar;skyddade personuppgifter;flaggor\r\n"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 2 + 4, "{csv}");
    assert!(csv.contains(";ja;"), "{csv}");

    let output = run(&["--format", "html", "--period", "dag"]);
    let html = stdout(&output);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<table>"),
        "{html}"
    );
    assert!(html.contains("class=\"flagga\""), "{html}");

    // A quiet period is clean; a changed log says its chain is broken.
    let output = run(&["--fran", "2000-01-01", "--till", "2000-12-31"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = read(&audit);
    let tampered = dir.join("andrad.jsonl");
    write_file(&tampered, text.replacen("anna.svensson", "anna.svenson", 1));
    let output = run_cli(&["loggkontroll", &path_arg(&tampered)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("hashkedjan bryts eller en rad är ändrad, första gången på rad 2"),
        "{}",
        stdout(&output)
    );
}
