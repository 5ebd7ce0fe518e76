//! The handläggare's page served by `riktlinjer serve`: open without a token, nothing loaded
//! from outside the server, no caching, and a form made from the version's fact catalogue.
//!
//! What the page does in a browser (the scenarios, axe-core) is tested by the CI step
//! `browser` (`tests/browser/`); these tests hold what the server promises about it.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::api::{agent, get, serve_shipped};
use crate::{parse_json, read, run_cli, stdout};

/// The page's files: path and the start of the content type each must be answered with.
const FILES: [(&str, &str); 3] = [
    ("/", "text/html; charset=utf-8"),
    ("/sida.js", "text/javascript; charset=utf-8"),
    ("/sida.css", "text/css; charset=utf-8"),
];

#[test]
fn the_page_is_open_loads_nothing_from_outside_and_is_never_cached() {
    let (_dir, _token, server) = serve_shipped("sida");
    for (path, content_type) in FILES {
        let response = agent()
            .get(server.url(path))
            .call()
            .unwrap_or_else(|error| panic!("{path}: {error}"));
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("content-type"), content_type, "{path}");
        assert_eq!(header("cache-control"), "no-store", "{path}");
        let policy = header("content-security-policy");
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{path}: {policy}");
        }
        let mut response = response;
        let body = response
            .body_mut()
            .read_to_string()
            .unwrap_or_else(|error| panic!("{path}: {error}"));
        assert!(!body.is_empty(), "{path}");
        for outside in ["http://", "https://", "//cdn", "@import"] {
            assert!(
                !body.contains(outside),
                "{path} hänvisar utanför: {outside}"
            );
        }
    }
    // The page is open; what it asks the API for is not.
    assert_eq!(get(&server, "/v1/riktlinjer", None).status, 401);
}

#[test]
fn the_page_is_swedish_and_says_underlag_never_beslut() {
    let (_dir, _token, server) = serve_shipped("sida-text");
    let page = get(&server, "/", None);
    assert!(page.body.contains(r#"<html lang="sv">"#), "{}", page.body);
    assert!(page.body.contains("Beslutsunderlag"), "{}", page.body);
    assert!(page.body.contains("underlag"), "{}", page.body);
    // The text a person reads, tags left out: the decision is the handläggare's, so the page
    // never calls what it shows a beslut.
    let mut text = String::new();
    let mut in_tag = false;
    for character in page.body.chars() {
        match character {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    let words: BTreeSet<String> = text
        .split(|character: char| !character.is_alphabetic())
        .map(str::to_lowercase)
        .collect();
    for word in ["beslut", "beslutet", "besluta", "beviljas", "avslås"] {
        assert!(!words.contains(word), "sidan säger {word}");
    }
    // No field for a person's identity: the page has no use for one.
    for identity in ["personnummer", "namn\"", "adress"] {
        assert!(
            !page.body.contains(&format!("data-falt=\"{identity}")),
            "{identity}"
        );
    }
}

#[test]
fn the_form_is_made_from_every_fact_of_the_version_a_case_gives() {
    let (_dir, token, server) = serve_shipped("sida-katalog");
    let detail = get(
        &server,
        "/v1/riktlinjer/exempelkommun-2025-11-01",
        Some(&token.token),
    );
    assert_eq!(detail.status, 200, "{}", detail.body);
    let uppgifter = detail.json["uppgifter"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let of = |galler: &str| -> BTreeSet<String> {
        uppgifter
            .iter()
            .filter(|uppgift| uppgift["galler"] == galler)
            .filter_map(|uppgift| uppgift["falt"].as_str().map(str::to_owned))
            .collect()
    };
    // The same facts as the version's case schema takes from its catalogue.
    let output = run_cli(&["schema", "--rules", "rules/exempelkommun/2025-11-01.md"]);
    let schema = parse_json(&stdout(&output), "schema --rules");
    let catalogued = |properties: &Value| -> BTreeSet<String> {
        properties
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, property)| {
                property["description"]
                    .as_str()
                    .is_some_and(|text| text.contains("i riktlinjens faktakatalog"))
            })
            .map(|(key, _)| key.clone())
            .collect()
    };
    let person = catalogued(&schema["properties"]["person"]["properties"]);
    let ansokan = catalogued(&schema["properties"]["ansokningar"]["items"]["properties"]);
    assert!(!person.is_empty() && !ansokan.is_empty(), "{schema}");
    assert_eq!(of("person"), person);
    assert_eq!(of("ansokan"), ansokan);
    // A fact the riktlinje adds to the national catalogue comes with its IBIC livsområde, its
    // name as the riktlinje writes it, and whether an ansökan changes it.
    let stadning = uppgifter
        .iter()
        .find(|uppgift| uppgift["falt"] == "stadning_var_n_vecka")
        .unwrap_or_else(|| panic!("städning saknas: {}", detail.body));
    assert_eq!(stadning["namn"], "städning_var_n_vecka");
    assert_eq!(stadning["grupp"], "hemliv");
    assert_eq!(stadning["typ"], "heltal");
    assert_eq!(stadning["andras_av_ansokan"], true);
    let behov = uppgifter
        .iter()
        .find(|uppgift| uppgift["falt"] == "behov")
        .unwrap_or_else(|| panic!("behov saknas: {}", detail.body));
    assert_eq!(behov["typ"], "mangd");
    assert!(
        behov["varden"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|varde| varde["kod"] == "personlig_vard" && varde["text"] == "personlig_vård"),
        "{behov}"
    );
}

/// The anchors (`id="…"`) of a published page.
fn anchors(html: &str) -> BTreeSet<String> {
    html.split("id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn publicera_writes_the_riktlinje_with_an_anchor_for_every_section_a_reason_cites() {
    let dir = crate::scratch("publicera");
    let out = dir.join("riktlinje.html");
    let output = run_cli(&[
        "publicera",
        "--rules",
        "rules/exempelkommun",
        "--version",
        "exempelkommun-2025-11-01",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", crate::stderr(&output));
    let html = read(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("```"), "ett block visas som källtext");
    assert!(!html.contains("<script"), "sidan har inget skript");
    // The rules as a table in words, the schablon as a table.
    assert!(html.contains("<caption>Regler</caption>"));
    assert!(html.contains("<caption>Schablon</caption>"));
    assert!(html.contains("<td>behov tillgodoses på annat sätt</td>"));
    // Every section an evaluation of the example ärende cites has its anchor.
    let output = run_cli(&[
        "eval",
        "--rules",
        "rules/exempelkommun",
        "--case",
        "examples/ansokningar-sol-och-lss.json",
        "--as-of",
        "2026-02-15",
        "--format",
        "json",
    ]);
    let evaluation = parse_json(&stdout(&output), "eval --format json");
    let page_anchors = anchors(&html);
    let mut n_cited = 0;
    for reason in evaluation["provningar"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|provning| provning["skal"].as_array().into_iter().flatten())
        .filter(|reason| reason["ursprung"] == "riktlinje")
        // A reason that cites no section links nowhere.
        .filter(|reason| {
            reason["avsnitt"]
                .as_str()
                .is_some_and(|text| !text.is_empty())
        })
    {
        let avsnitt = reason["avsnitt"].as_str().unwrap_or_default();
        let number: String = avsnitt
            .chars()
            .take_while(|character| character.is_ascii_digit() || *character == '.')
            .collect();
        let anchor = format!("avsnitt-{}", number.trim_end_matches('.').replace('.', "-"));
        assert!(
            page_anchors.contains(&anchor),
            "{anchor} saknas för {avsnitt}"
        );
        n_cited += 1;
    }
    assert!(n_cited > 0, "{evaluation}");

    // The server shows the same page, open, and refuses an unknown version as problem details.
    let (_dir, _token, server) = serve_shipped("publicera");
    let served = get(&server, "/riktlinje/exempelkommun-2025-11-01", None);
    assert_eq!(served.status, 200);
    assert_eq!(served.content_type, "text/html; charset=utf-8");
    assert_eq!(served.body, html);
    let unknown = get(&server, "/riktlinje/finns-inte", None);
    assert_eq!(unknown.status, 404, "{}", unknown.body);
    assert_eq!(unknown.content_type, "application/problem+json");
    assert!(!unknown.body.contains("finns-inte"), "{}", unknown.body);
}
