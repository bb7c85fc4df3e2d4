//! The portal server over real HTTP, on SQLite and (when configured) PostgreSQL.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use tokhai_mock_idp::{generate_key_pair, mint, MintOptions, DEFAULT_KID};

per_database! {
    submit_then_same_key_gives_the_same_dossier => submit_then_same_key;
    idempotency_key_must_equal_the_body_key => idempotency_key_mismatch;
    twenty_parallel_submissions_get_gapless_numbers => parallel_distinct_keys;
    ten_parallel_submissions_with_one_key_make_one_dossier => parallel_same_key;
    bad_tokens_are_refused_with_401 => bad_tokens;
    another_owners_dossier_is_not_found => other_owner;
    a_submission_for_someone_else_is_403 => owner_mismatch;
    catalogue_facts_come_from_the_server => catalogue_facts;
    withdrawal_then_409 => withdrawal_flow;
    supplement_then_payment_flow => supplement_and_payment_flow;
    restart_keeps_sequences_gapless => restart_keeps_sequences;
    errors_are_json_with_limits => errors_and_limits;
    inbox_and_preferences => inbox_and_prefs;
    public_lookup_hides_personal_data => public_lookup;
    the_agency_timer_walks_a_dossier => agency_timer;
    too_many_requests_get_429 => rate_limits;
    attachments_upload_in_chunks_and_resume => uploads;
    locked_registry_answers_are_checked_against_the_token => locked_answers;
    each_officer_has_a_key_and_the_audit_trail_names_them => officers_audit;
    linked_filings_start_their_parts_when_registered => linked_groups;
}

async fn submit_then_same_key(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let body = submission(AN, "12");
    let r = s.submit(&t, &body).await;
    let loc = r.headers().get("location").map(|v| v.to_str().unwrap().to_string());
    let first = json_of(r, StatusCode::CREATED).await;
    let code = first["code"].as_str().unwrap().to_string();
    assert_eq!(code, format!("{UNIT_DAY}-0001"));
    assert_eq!(loc.as_deref(), Some(format!("/dossiers/{code}").as_str()));
    assert_eq!(first["status"], "submitted");
    assert_eq!(first["owner"], "001085004217");
    assert_eq!(first["appointment"], json!({"year": 2026, "month": 12, "day": 3}));
    assert_eq!(first["history"][0]["actor"], "citizen");
    assert_eq!(first["channel"], 2);

    let r = s.submit(&t, &body).await;
    assert_eq!(r.headers().get("location").unwrap(), &format!("/dossiers/{code}"));
    let again = json_of(r, StatusCode::OK).await;
    assert_eq!(again, first, "the earlier dossier, unchanged");

    let mine = json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let notices = json_of(s.get("/notifications", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(notices.as_array().unwrap().len(), 1, "one notice, not two");
    s.stop().await;
}

async fn idempotency_key_mismatch(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let body = submission(AN, "12");
    let r = s
        .http
        .post(s.url("/dossiers"))
        .bearer_auth(&t)
        .header("Idempotency-Key", "0000000000000000")
        .json(&body)
        .send()
        .await
        .unwrap();
    let e = json_of(r, StatusCode::BAD_REQUEST).await;
    assert_eq!(e["error"], "bad_request");
    assert!(e["message"].as_str().unwrap().contains("Idempotency-Key"));
    let r = s.http.post(s.url("/dossiers")).bearer_auth(&t).json(&body).send().await.unwrap();
    assert_eq!(json_of(r, StatusCode::BAD_REQUEST).await["error"], "bad_request", "header missing");
    let r = s
        .http
        .post(s.url("/dossiers"))
        .bearer_auth(&t)
        .header("Idempotency-Key", "k")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(r, StatusCode::BAD_REQUEST).await["error"], "bad_request", "malformed JSON");
    let mut extra = body.clone();
    extra["service"]["fr"] = json!("Résidence");
    let r = s.submit(&t, &extra).await;
    assert_eq!(json_of(r, StatusCode::BAD_REQUEST).await["error"], "bad_request", "unknown key in Text");
    let mine = json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await;
    assert!(mine.as_array().unwrap().is_empty(), "nothing was filed");
    s.stop().await;
}

async fn parallel_distinct_keys(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let mut tasks = vec![];
    for i in 0..20 {
        let (http, url, t) = (s.http.clone(), s.url("/dossiers"), t.clone());
        let body = submission(AN, &format!("p{i}"));
        tasks.push(tokio::spawn(async move {
            let key = body["key"].as_str().unwrap().to_string();
            let r = http.post(url).bearer_auth(t).header("Idempotency-Key", key).json(&body).send().await.unwrap();
            json_of(r, StatusCode::CREATED).await["code"].as_str().unwrap().to_string()
        }));
    }
    let mut codes = BTreeSet::new();
    for task in tasks {
        codes.insert(task.await.unwrap());
    }
    assert_eq!(codes.len(), 20, "distinct codes");
    let seqs: Vec<u32> = codes.iter().map(|c| seq_of(c)).collect();
    assert_eq!(seqs, (1..=20).collect::<Vec<u32>>(), "gapless from 1");
    let stored = s.state.store.sequence_numbers(UNIT_DAY).await.unwrap();
    assert_eq!(stored, (1..=20).collect::<Vec<i64>>());
    s.stop().await;
}

async fn parallel_same_key(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let body = submission(AN, "same");
    let mut tasks = vec![];
    for _ in 0..10 {
        let (http, url, t, body) = (s.http.clone(), s.url("/dossiers"), t.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let key = body["key"].as_str().unwrap().to_string();
            let r = http.post(url).bearer_auth(t).header("Idempotency-Key", key).json(&body).send().await.unwrap();
            let status = r.status();
            let d: Value = r.json().await.unwrap();
            (status, d["code"].as_str().unwrap().to_string())
        }));
    }
    let mut created = 0;
    let mut codes = BTreeSet::new();
    for task in tasks {
        let (status, code) = task.await.unwrap();
        assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{status}");
        created += usize::from(status == StatusCode::CREATED);
        codes.insert(code);
    }
    assert_eq!(created, 1, "exactly one 201");
    assert_eq!(codes.len(), 1, "one code for all");
    let mine = json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    // The numbers drawn by the losers were rolled back: the next dossier is 0002.
    let next = json_of(s.submit(&t, &submission(AN, "other")).await, StatusCode::CREATED).await;
    assert_eq!(seq_of(next["code"].as_str().unwrap()), 2);
    s.stop().await;
}

async fn bad_tokens(db: &Db) {
    let s = Server::start(config(db)).await;
    let body = submission(AN, "12");
    let other_key = generate_key_pair(DEFAULT_KID);
    let forged = mint(&citizen(AN), &other_key.private, &MintOptions::default()).unwrap();
    let expired = token_with(AN, MintOptions { ttl_secs: -3600, ..Default::default() });
    let wrong_aud = token_with(AN, MintOptions { aud: Some("another-app".into()), ..Default::default() });
    let wrong_iss = token_with(AN, MintOptions { iss: Some("https://evil.example".into()), ..Default::default() });
    let not_yet = token_with(AN, MintOptions { nbf_offset_secs: 3600, ..Default::default() });
    let good = token(AN);
    let mut parts: Vec<&str> = good.split('.').collect();
    let none_header = tokhai_core::jws::encode_part(br#"{"alg":"none","typ":"JWT"}"#);
    parts[0] = &none_header;
    let alg_none = format!("{}.{}.", parts[0], parts[1]);
    let cases = [
        ("forged", forged.as_str(), "token_bad_signature"),
        ("expired", expired.as_str(), "token_expired"),
        ("wrong audience", wrong_aud.as_str(), "token_wrong_audience"),
        ("wrong issuer", wrong_iss.as_str(), "token_wrong_issuer"),
        ("not yet valid", not_yet.as_str(), "token_not_yet_valid"),
        ("alg none", alg_none.as_str(), "token_alg_not_allowed"),
        ("garbage", "abc", "token_malformed"),
    ];
    for (what, t, why) in cases {
        for r in [s.submit(t, &body).await, s.get("/dossiers", Some(t)).await, s.get("/notifications", Some(t)).await] {
            assert_eq!(r.headers().get("www-authenticate").unwrap(), "Bearer error=\"invalid_token\"");
            let e = json_of(r, StatusCode::UNAUTHORIZED).await;
            assert_eq!(e["error"], "unauthorized", "{what}");
            assert!(e["message"].as_str().unwrap().starts_with(why), "{what}: {e}");
        }
    }
    let e = json_of(s.get("/dossiers", None).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(e["error"], "unauthorized", "no token");
    let r = s.http.get(s.url("/dossiers")).header("Authorization", format!("Basic {good}")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "not Bearer");
    // Nothing was filed by any of them.
    let mine = json_of(s.get("/dossiers", Some(&good)).await, StatusCode::OK).await;
    assert!(mine.as_array().unwrap().is_empty());
    s.stop().await;
}

async fn other_owner(db: &Db) {
    let s = Server::start(config(db)).await;
    let (an, ngoc) = (token(AN), token(NGOC));
    let d = json_of(s.submit(&an, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap();
    let theirs = json_of(s.get("/dossiers", Some(&ngoc)).await, StatusCode::OK).await;
    assert!(theirs.as_array().unwrap().is_empty(), "not in someone else's list");
    for (path, body) in [
        ("withdrawal", json!({"reason": "x"})),
        ("payment", json!({"method": "x"})),
        ("supplement", json!({"answers": {}, "note": "x"})),
    ] {
        let r = s.post(&format!("/dossiers/{code}/{path}"), Some(&ngoc), &body).await;
        assert_eq!(json_of(r, StatusCode::NOT_FOUND).await["error"], "not_found", "{path}");
    }
    // Signed in as someone else, the lookup shows only what anyone holding the code sees.
    let seen = json_of(s.get(&format!("/dossiers/{code}"), Some(&ngoc)).await, StatusCode::OK).await;
    assert!(seen.get("owner").is_none() && seen.get("answers").is_none());
    let notices = json_of(s.get("/notifications", Some(&ngoc)).await, StatusCode::OK).await;
    assert!(notices.as_array().unwrap().is_empty());
    // Their read marks do not touch An's notice.
    let an_notices = json_of(s.get("/notifications", Some(&an)).await, StatusCode::OK).await;
    let id = an_notices[0]["id"].as_u64().unwrap();
    let r = s.post(&format!("/notifications/{id}/read"), Some(&ngoc), &json!(null)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let an_notices = json_of(s.get("/notifications", Some(&an)).await, StatusCode::OK).await;
    assert_eq!(an_notices[0]["read"], false);
    let still = json_of(s.get(&format!("/dossiers/{code}"), Some(&an)).await, StatusCode::OK).await;
    assert_eq!(still["status"], "submitted");
    s.stop().await;
}

async fn owner_mismatch(db: &Db) {
    let s = Server::start(config(db)).await;
    let ngoc = token(NGOC);
    let body = submission(AN, "12"); // An's ID in the body, Ngọc's token
    let e = json_of(s.submit(&ngoc, &body).await, StatusCode::FORBIDDEN).await;
    assert_eq!(e["error"], "not_yours");
    let mine = json_of(s.get("/dossiers", Some(&token(AN))).await, StatusCode::OK).await;
    assert!(mine.as_array().unwrap().is_empty());
    s.stop().await;
}

async fn catalogue_facts(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let mut lie = submission(AN, "12");
    lie["service"] = json!({"vi": "Dịch vụ giả", "en": "Fake"});
    lie["agency"] = json!({"vi": "Bộ Tư pháp", "en": "Justice"});
    lie["level"] = json!("bo");
    lie["processing_days"] = json!(0);
    lie["fee_vnd"] = json!(0);
    lie["online_fee_vnd"] = json!(1);
    lie["province"] = json!(79);
    lie["missing"] = json!([]);
    let d = json_of(s.submit(&t, &lie).await, StatusCode::CREATED).await;
    // The documents still to bring are read from the server's copy of the form, not the page's list.
    let expected =
        tokhai_core::submission::missing_documents(&ct01(), &serde_json::from_value(lie["answers"].clone()).unwrap());
    assert!(!expected.is_empty(), "the example answers lack a document CT01 lists");
    assert_eq!(d["missing"], serde_json::to_value(&expected).unwrap());
    assert_eq!(d["service"]["vi"], "Đăng ký thường trú");
    assert_eq!(d["agency"]["vi"], "Bộ Công an — Công an cấp xã");
    assert_eq!(d["fee_vnd"], 10000);
    assert_eq!(d["full_fee_vnd"], 20000);
    assert_eq!(d["appointment"], json!({"year": 2026, "month": 12, "day": 3}), "7 working days, not 0");
    assert!(d["code"].as_str().unwrap().starts_with("001.01.20.H01-"), "commune police of Hà Nội: {}", d["code"]);
    let mut unknown = submission(AN, "13");
    unknown["form"] = json!("khong-co-that");
    let e = json_of(s.submit(&t, &unknown).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e["error"], "unknown_form");
    s.stop().await;
}

async fn withdrawal_flow(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap();
    let path = format!("/dossiers/{code}/withdrawal");
    let w = json_of(s.post(&path, Some(&t), &json!({"reason": "Nộp nhầm thủ tục"})).await, StatusCode::OK).await;
    assert_eq!(w["status"], "withdrawn");
    let last = w["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["actor"].clone(), last["reason"].clone()), (json!("citizen"), json!("Nộp nhầm thủ tục")));
    let e = json_of(s.post(&path, Some(&t), &json!({"reason": "again"})).await, StatusCode::CONFLICT).await;
    assert_eq!((e["error"].clone(), e["status"].clone()), (json!("not_allowed"), json!("withdrawn")));
    let e = json_of(
        s.post(&format!("/dossiers/{code}/payment"), Some(&t), &json!({"method": "x"})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e["status"], "withdrawn");
    let e = json_of(
        s.post("/dossiers/000.00.00.H00-000000-0000/withdrawal", Some(&t), &json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(e["error"], "not_found");
    let notices = json_of(s.get("/notifications", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(notices.as_array().unwrap().len(), 2);
    assert_eq!(notices[0]["status"], "withdrawn", "newest first");
    s.stop().await;
}

async fn supplement_and_payment_flow(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    // A citizen's token is not an officer's credential.
    let r = s
        .http
        .post(s.url(&format!("/officer/dossiers/{code}/events")))
        .bearer_auth(&t)
        .json(&json!({"event": "accept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Nor does it open the officers' list, which the officers' key does.
    assert_eq!(s.get("/officer/dossiers", Some(&t)).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(s.get("/officer/dossiers", None).await.status(), StatusCode::UNAUTHORIZED);
    let list = json_of(s.get("/officer/dossiers", Some(OFFICER_KEY)).await, StatusCode::OK).await;
    let listed = list.as_array().unwrap().iter().find(|x| x["code"] == code.as_str()).expect("listed");
    assert_eq!(listed["owner"], d["owner"], "officers see the whole dossier");
    let sup = format!("/dossiers/{code}/supplement");
    let e = json_of(s.post(&sup, Some(&t), &json!({"answers": {}, "note": ""})).await, StatusCode::CONFLICT).await;
    assert_eq!(e["status"], "submitted");
    json_of(s.officer(&code, json!({"event": "accept"})).await, StatusCode::OK).await;
    json_of(s.officer(&code, json!({"event": "start_processing"})).await, StatusCode::OK).await;
    let asked = json_of(
        s.officer(
            &code,
            json!({"event": "request_supplement", "reason": "Thiếu văn bản đồng ý", "fields": ["van_ban_dong_y"]}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(asked["status"], "supplement_requested");
    assert_eq!(asked["supplement"]["fields"], json!(["van_ban_dong_y"]));
    let e = json_of(s.officer(&code, json!({"event": "finish"})).await, StatusCode::CONFLICT).await;
    assert_eq!(e["status"], "supplement_requested");
    let answer = json!({
        "answers": {
            "van_ban_dong_y": {"type": "files", "value": [{"name": "van-ban-dong-y.jpg", "size": 913402, "mime": "image/jpeg"}]},
            "nguoi_dong_y_ten": {"type": "text", "value": "Người khác"}
        },
        "note": "Đã bổ sung văn bản đồng ý của chủ sở hữu."
    });
    let done = json_of(s.post(&sup, Some(&t), &answer).await, StatusCode::OK).await;
    assert_eq!(done["status"], "processing");
    assert_eq!(done["supplement"], Value::Null);
    assert_eq!(done["missing"], json!([]));
    assert_eq!(done["supplement_rounds"], 1);
    assert_eq!(done["answers"]["van_ban_dong_y"]["value"][0]["name"], "van-ban-dong-y.jpg");
    assert_eq!(done["answers"]["nguoi_dong_y_ten"]["value"], "Trần Thị Bình", "a field not asked for is ignored");
    let e = json_of(s.post(&sup, Some(&t), &answer).await, StatusCode::CONFLICT).await;
    assert_eq!(e["status"], "processing", "a retry after a lost answer: 409 showing it worked");
    // The fee.
    json_of(s.officer(&code, json!({"event": "request_payment"})).await, StatusCode::OK).await;
    let paid = json_of(
        s.post(
            &format!("/dossiers/{code}/payment"),
            Some(&t),
            &json!({"method": "Đã thanh toán qua Tài khoản ngân hàng"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((paid["status"].clone(), paid["paid"].clone()), (json!("processing"), json!(true)));
    let e = json_of(s.officer(&code, json!({"event": "paid"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e["error"], "citizen_event");
    let notices = json_of(s.get("/notifications", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(notices.as_array().unwrap().len(), 7, "one per step");
    let ids: Vec<u64> = notices.as_array().unwrap().iter().map(|n| n["id"].as_u64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    s.stop().await;
}

async fn restart_keeps_sequences(db: &Db) {
    let t = token(AN);
    let mut codes = vec![];
    for round in 0..2 {
        let s = Server::start(config(db)).await;
        for i in 0..3 {
            let d = json_of(s.submit(&t, &submission(AN, &format!("r{round}-{i}"))).await, StatusCode::CREATED).await;
            codes.push(d["code"].as_str().unwrap().to_string());
        }
        // A submission from before the restart is still known by its key.
        let again = s.submit(&t, &submission(AN, "r0-0")).await;
        assert_eq!(json_of(again, StatusCode::OK).await["code"], codes[0].as_str());
        s.stop().await;
    }
    let seqs: Vec<u32> = codes.iter().map(|c| seq_of(c)).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6]);
}

async fn errors_and_limits(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let mut big = submission(AN, "12");
    big["answers"]["ghi_chu"] = json!({"type": "text", "value": "x".repeat(70 * 1024)});
    let e = json_of(s.submit(&t, &big).await, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(e["error"], "too_large");
    let e = json_of(s.get("/nowhere", None).await, StatusCode::NOT_FOUND).await;
    assert_eq!(e["error"], "not_found");
    let r = s.http.delete(s.url("/dossiers")).send().await.unwrap();
    assert_eq!(json_of(r, StatusCode::METHOD_NOT_ALLOWED).await["error"], "method_not_allowed");
    let r = s.http.put(s.url("/preferences")).bearer_auth(&t).json(&json!({"sms": "yes"})).send().await.unwrap();
    assert_eq!(json_of(r, StatusCode::BAD_REQUEST).await["error"], "bad_request");
    let h = json_of(s.get("/healthz", None).await, StatusCode::OK).await;
    assert_eq!(h["status"], "ok");
    let r = json_of(s.get("/readyz", None).await, StatusCode::OK).await;
    assert_eq!(r["database"], db.name);
    s.stop().await;
}

async fn inbox_and_prefs(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let e = json_of(s.get("/preferences", Some(&t)).await, StatusCode::NOT_FOUND).await;
    assert_eq!(e["error"], "not_found");
    let d = json_of(s.submit(&t, &submission(AN, "12")).await, StatusCode::CREATED).await;
    // The submission's preferences were kept (none before) and used for the first step's messages.
    let p = json_of(s.get("/preferences", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(p["phone"], "0904217365");
    let sent = d["history"][0]["sent"].as_array().unwrap();
    assert!(sent.iter().any(|m| m["channel"] == "sms" && m["to"] == "09x…365"), "{sent:?}");
    let new = json!({"sms": false, "phone": "", "phone_confirmed": false, "email_on": true, "email": "an@example.vn", "web_push": false});
    let r = s.http.put(s.url("/preferences")).bearer_auth(&t).json(&new).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(json_of(s.get("/preferences", Some(&t)).await, StatusCode::OK).await, new);
    // A later submission does not overwrite them; its step's messages follow them.
    let d2 = json_of(s.submit(&t, &submission(AN, "13")).await, StatusCode::CREATED).await;
    let sent = d2["history"][0]["sent"].as_array().unwrap();
    assert!(sent.iter().all(|m| m["channel"] == "email"), "{sent:?}");
    assert_eq!(json_of(s.get("/preferences", Some(&t)).await, StatusCode::OK).await, new);
    let notices = json_of(s.get("/notifications", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(notices.as_array().unwrap().len(), 2);
    let id = notices[1]["id"].as_u64().unwrap();
    let r = s.post(&format!("/notifications/{id}/read"), Some(&t), &json!(null)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = s.post("/notifications/999999/read", Some(&t), &json!(null)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT, "an unknown id reveals nothing");
    let r = s.post("/notifications/abc/read", Some(&t), &json!(null)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let notices = json_of(s.get("/notifications", Some(&t)).await, StatusCode::OK).await;
    assert_eq!((notices[0]["read"].clone(), notices[1]["read"].clone()), (json!(false), json!(true)));
    s.stop().await;
}

async fn public_lookup(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap();
    let public = json_of(s.get(&format!("/dossiers/{code}"), None).await, StatusCode::OK).await;
    let keys: BTreeSet<&str> = public.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["code", "service", "agency", "received", "appointment", "status", "history"]));
    let step: BTreeSet<&str> = public["history"][0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(step, BTreeSet::from(["at", "status", "actor"]));
    let text = public.to_string();
    assert!(!text.contains("001085004217") && !text.contains("Trần Thị Bình"), "{text}");
    let own = json_of(s.get(&format!("/dossiers/{code}"), Some(&t)).await, StatusCode::OK).await;
    assert_eq!(own, d, "the owner, signed in, gets the whole dossier");
    let e = json_of(s.get("/dossiers/001.01.20.H01-261124-0999", None).await, StatusCode::NOT_FOUND).await;
    assert_eq!(e["error"], "not_found");
    json_of(s.get("/dossiers/not-a-code", None).await, StatusCode::NOT_FOUND).await;
    let bad = token_with(AN, MintOptions { ttl_secs: -3600, ..Default::default() });
    json_of(s.get(&format!("/dossiers/{code}"), Some(&bad)).await, StatusCode::UNAUTHORIZED).await;
    s.stop().await;
}

async fn agency_timer(db: &Db) {
    let mut c = config(db);
    c.fixed_now = None; // the agency needs time to pass
    c.agency_step_ms = 40;
    let s = Server::start(c).await;
    let t = token(AN);
    // Every document CT01 lists is attached, so the agency asks for none.
    let mut body = submission(AN, "12");
    let answers: tokhai_core::Answers = serde_json::from_value(body["answers"].clone()).unwrap();
    for (id, _) in tokhai_core::submission::missing_documents(&ct01(), &answers) {
        body["answers"][&id] =
            json!({"type": "files", "value": [{"name": "giay-to.pdf", "size": 1000, "mime": "application/pdf"}]});
    }
    let d = json_of(s.submit(&t, &body).await, StatusCode::CREATED).await;
    assert_eq!(d["missing"], json!([]));
    let code = d["code"].as_str().unwrap().to_string();
    let path = format!("/dossiers/{code}");
    let mut status = String::new();
    for _ in 0..200 {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        let d = json_of(s.get(&path, Some(&t)).await, StatusCode::OK).await;
        status = d["status"].as_str().unwrap().to_string();
        if status == "payment_requested" {
            break;
        }
    }
    assert_eq!(status, "payment_requested", "accepted, processing, then the fee");
    json_of(s.post(&format!("{path}/payment"), Some(&t), &json!({"method": "the"})).await, StatusCode::OK).await;
    for _ in 0..200 {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        let d = json_of(s.get(&path, Some(&t)).await, StatusCode::OK).await;
        status = d["status"].as_str().unwrap().to_string();
        if status == "delivered" {
            let steps: Vec<&str> =
                d["history"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
            assert_eq!(
                steps,
                ["submitted", "accepted", "processing", "payment_requested", "processing", "done", "delivered"]
            );
            break;
        }
    }
    assert_eq!(status, "delivered");
    s.stop().await;
}

async fn rate_limits(db: &Db) {
    let mut c = config(db);
    c.rate_limit = 12;
    c.lookup_rate_limit = 3;
    let s = Server::start(c).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let path = format!("/dossiers/{}", d["code"].as_str().unwrap());
    for _ in 0..3 {
        json_of(s.get(&path, None).await, StatusCode::OK).await;
    }
    let r = s.get(&path, None).await;
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(
        json_of(r, StatusCode::TOO_MANY_REQUESTS).await["error"],
        "rate_limited",
        "the public lookup's own budget"
    );
    // The signed-in owner still reads it, until the budget of every request is spent.
    let mut codes = vec![];
    for _ in 0..10 {
        codes.push(s.get(&path, Some(&t)).await.status());
    }
    assert_eq!(codes.iter().filter(|c| **c == StatusCode::OK).count(), 7, "{codes:?}");
    assert_eq!(codes.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(s.get("/healthz", None).await.status(), StatusCode::OK, "health checks are not limited");
    s.stop().await;
}

async fn uploads(db: &Db) {
    let s = Server::start(config(db)).await;
    let (t, other) = (token(AN), token(NGOC));
    let new = |name: &str, size: usize, mime: &str| json!({"name": name, "size": size, "mime": mime});
    // A type the forms do not take, or a file over the limit, is refused before any byte.
    let e =
        json_of(s.post("/uploads", Some(&t), &new("a.html", 10, "text/html")).await, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    assert_eq!(e["error"], "wrong_type");
    let e = json_of(
        s.post("/uploads", Some(&t), &new("a.pdf", 11 << 20, "application/pdf")).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert_eq!(e["error"], "too_large");
    assert_eq!(s.post("/uploads", None, &new("a.pdf", 10, "application/pdf")).await.status(), StatusCode::UNAUTHORIZED);
    // 150 KB in chunks of 60 KB (the tests' body limit is 64 KB).
    let bytes: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain((0..150_000u32).map(|i| (i % 251) as u8)).collect();
    let u = json_of(
        s.post("/uploads", Some(&t), &new("giay/cho-o.pdf", bytes.len(), "application/pdf")).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!((u["offset"].as_i64(), u["name"].as_str()), (Some(0), Some("giaycho-o.pdf")), "no path in a name");
    let id = u["id"].as_str().unwrap().to_string();
    let patch = |offset: usize, end: usize, who: &str| {
        s.http
            .patch(s.url(&format!("/uploads/{id}")))
            .bearer_auth(who)
            .header("Upload-Offset", offset.to_string())
            .body(bytes[offset..end.min(bytes.len())].to_vec())
            .send()
    };
    let r = json_of(patch(0, 60_000, &t).await.unwrap(), StatusCode::OK).await;
    assert_eq!((r["offset"].as_i64(), r["complete"].as_bool()), (Some(60_000), Some(false)));
    // The same chunk again (its answer was lost): kept once, and told where to go on.
    let r = json_of(patch(0, 60_000, &t).await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!((r["error"].as_str(), r["offset"].as_i64()), (Some("offset_mismatch"), Some(60_000)));
    // Someone else can neither add to it nor read it.
    assert_eq!(patch(60_000, 120_000, &other).await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(s.get(&format!("/uploads/{id}"), Some(&other)).await.status(), StatusCode::NOT_FOUND);
    // After a drop the client asks where it stands, and goes on from there.
    let r = json_of(s.get(&format!("/uploads/{id}"), Some(&t)).await, StatusCode::OK).await;
    assert_eq!(r["offset"].as_i64(), Some(60_000));
    assert_eq!(
        s.get(&format!("/uploads/{id}/content"), Some(&t)).await.status(),
        StatusCode::CONFLICT,
        "not yet complete"
    );
    json_of(patch(60_000, 120_000, &t).await.unwrap(), StatusCode::OK).await;
    let r = json_of(patch(120_000, 180_000, &t).await.unwrap(), StatusCode::OK).await;
    assert_eq!(r["complete"].as_bool(), Some(true));
    // Read back by its owner and by an officer, byte for byte; by nobody else.
    for who in [t.as_str(), OFFICER_KEY] {
        let r = s.get(&format!("/uploads/{id}/content"), Some(who)).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.bytes().await.unwrap().to_vec(), bytes);
    }
    assert_eq!(s.get(&format!("/uploads/{id}/content"), Some(&other)).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(s.get(&format!("/uploads/{id}/content"), None).await.status(), StatusCode::UNAUTHORIZED);
    // A dossier names it; an upload not finished (or not the citizen's) is refused.
    let with = |n: &str, upload: &str, size: usize| {
        let mut b = submission(AN, n);
        b["answers"]["giay_to_cho_o"]["value"][0]["upload"] = json!(upload);
        b["answers"]["giay_to_cho_o"]["value"][0]["size"] = json!(size);
        b
    };
    let d = json_of(s.submit(&t, &with("u1", &id, bytes.len())).await, StatusCode::CREATED).await;
    assert_eq!(d["answers"]["giay_to_cho_o"]["value"][0]["upload"], id.as_str());
    let half =
        json_of(s.post("/uploads", Some(&t), &new("b.pdf", 100, "application/pdf")).await, StatusCode::CREATED).await;
    let e =
        json_of(s.submit(&t, &with("u2", half["id"].as_str().unwrap(), 100)).await, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    assert_eq!(e["error"], "upload_incomplete");
    let mut theirs = submission(NGOC, "u3");
    theirs["answers"]["giay_to_cho_o"]["value"][0]["upload"] = json!(id);
    theirs["answers"]["giay_to_cho_o"]["value"][0]["size"] = json!(bytes.len());
    let e = json_of(s.submit(&other, &theirs).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e["error"], "upload_incomplete", "another citizen cannot name it");
    // The sweep: an upload no dossier names goes once it is older than the
    // configured time; the one a dossier names stays (here with no time to wait).
    assert_eq!(tokhai_portal_server::uploads::sweep(&s.state).await.unwrap(), 0, "a week by default");
    let mut lapsed = s.state.config.clone();
    lapsed.upload_ttl_ms = 0;
    let swept = Server::start(lapsed).await;
    // The server sweeps at start too: whichever sweep came first took the unfinished one.
    assert!(tokhai_portal_server::uploads::sweep(&swept.state).await.unwrap() <= 1);
    assert_eq!(
        swept.get(&format!("/uploads/{}", half["id"].as_str().unwrap()), Some(&t)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(json_of(swept.get(&format!("/uploads/{id}"), Some(&t)).await, StatusCode::OK).await["complete"], true);
    swept.stop().await;
    // A file whose bytes are not its type is deleted when it completes.
    let png = json_of(s.post("/uploads", Some(&t), &new("anh.png", 9, "image/png")).await, StatusCode::CREATED).await;
    let pid = png["id"].as_str().unwrap();
    let r = s
        .http
        .patch(s.url(&format!("/uploads/{pid}")))
        .bearer_auth(&t)
        .header("Upload-Offset", "0")
        .body(b"%PDF-1.7\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(r, StatusCode::UNPROCESSABLE_ENTITY).await["error"], "wrong_type");
    assert_eq!(s.get(&format!("/uploads/{pid}"), Some(&t)).await.status(), StatusCode::NOT_FOUND);
    // A chunk past the declared size, or without its offset.
    let small =
        json_of(s.post("/uploads", Some(&t), &new("c.pdf", 4, "application/pdf")).await, StatusCode::CREATED).await;
    let sid = small["id"].as_str().unwrap();
    let r = s
        .http
        .patch(s.url(&format!("/uploads/{sid}")))
        .bearer_auth(&t)
        .header("Upload-Offset", "0")
        .body(b"%PDF-1".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let r =
        s.http.patch(s.url(&format!("/uploads/{sid}"))).bearer_auth(&t).body(b"%PDF".to_vec()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    s.stop().await;
}

async fn locked_answers(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    let form = &ct01();
    let (registry, provenance) = tokhai_core::prefill::prefill(form, &citizen(AN));
    let locked = tokhai_core::prefill::locked_fields(form, &provenance);
    assert!(locked.len() >= 3, "CT01 copies and locks the declarant's identity: {locked:?}");
    let mut body = submission(AN, "locked");
    for k in &locked {
        body["answers"][k] = serde_json::to_value(&registry[k]).unwrap();
    }
    body["locked"] = json!(locked);
    let with_key = |mut b: Value, key: &str| {
        b["key"] = json!(key);
        b
    };
    json_of(s.submit(&t, &with_key(body.clone(), "locked-1")).await, StatusCode::CREATED).await;
    // A page that changed a locked answer (the name, here) is refused, naming the field.
    let name = locked[0].clone();
    let mut changed = with_key(body.clone(), "locked-2");
    changed["answers"][&name] = json!({"type": "text", "value": "Nguyễn Văn Khác"});
    let e = json_of(s.submit(&t, &changed).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e["error"], "registry_mismatch");
    assert!(e["message"].as_str().unwrap().contains(&name), "{e}");
    assert!(!e["message"].as_str().unwrap().contains("Khác"), "the values are not repeated");
    // Naming a field that is not a locked registry field widens nothing.
    let mut widened = with_key(body.clone(), "locked-3");
    widened["locked"] = json!(["can_cu"]);
    widened["answers"]["can_cu"] = json!({"type": "text", "value": "ve_voi_nguoi_than"});
    json_of(s.submit(&t, &widened).await, StatusCode::CREATED).await;
    s.stop().await;
}

async fn officers_audit(db: &Db) {
    const LAN: &str = "lan-key-0123456789abcdef";
    const MINH: &str = "minh-key-0123456789abcdef";
    let mut c = config(db);
    c.officers = vec![("lan.nguyen".into(), LAN.into()), ("minh.tran".into(), MINH.into())];
    let s = Server::start(c).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &submission(AN, "audit")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    let act = |who: &'static str, event: &'static str| {
        s.http
            .post(s.url(&format!("/officer/dossiers/{code}/events")))
            .bearer_auth(who)
            .json(&json!({"event": event}))
            .send()
    };
    json_of(act(LAN, "accept").await.unwrap(), StatusCode::OK).await;
    json_of(act(MINH, "start_processing").await.unwrap(), StatusCode::OK).await;
    // The shared key still works, recorded as the generic officer.
    json_of(s.officer(&code, json!({"event": "request_payment"})).await, StatusCode::OK).await;
    assert_eq!(act("not-an-officer-key-at-all", "finish").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // The trail: who, what, to which status, newest first; officers only.
    let trail = json_of(s.get(&format!("/officer/audit?code={code}"), Some(LAN)).await, StatusCode::OK).await;
    let rows: Vec<(String, String, String)> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["officer"].as_str().unwrap().into(),
                r["event"].as_str().unwrap().into(),
                r["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = |o: &str, e: &str, st: &str| (o.to_string(), e.to_string(), st.to_string());
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        vec![
            want("can-bo", "request_payment", "payment_requested"),
            want("lan.nguyen", "accept", "accepted"),
            want("minh.tran", "start_processing", "processing"),
        ]
    );
    assert!(trail[0]["at"].as_i64().unwrap() >= trail[2]["at"].as_i64().unwrap(), "newest first");
    assert_eq!(s.get("/officer/audit", Some(&t)).await.status(), StatusCode::UNAUTHORIZED, "not for citizens");
    s.stop().await;
}

/// CT01 as the server reads it (the repository's forms).
fn ct01() -> tokhai_core::FormDef {
    let forms = tokhai_core::resolve::disk::all_forms(&repo().join("forms")).unwrap();
    forms.into_iter().find(|f| f.id == "dang-ky-thuong-tru").unwrap()
}

/// A linked birth filing (liên thông) by the mother, its answers as the app's
/// combined form gives them, with the parts ticked.
fn birth_group(parts: &[&str], n: &str) -> Value {
    use tokhai_core::answers::{Address, Answer, Answers};
    let forms = tokhai_core::resolve::disk::all_forms(&repo().join("forms")).unwrap();
    let form = forms.into_iter().find(|f| f.id == "lien-thong-khai-sinh").unwrap();
    let catalog = std::fs::read_to_string(repo().join("forms/catalog.json")).unwrap();
    let entry = tokhai_core::schema::parse_catalog(&catalog)
        .unwrap()
        .into_iter()
        .find(|e| e.id == "lien-thong-khai-sinh")
        .unwrap();
    let ngoc = citizen(NGOC).identity;
    let mut a = Answers::new();
    for (k, v) in [
        ("nyc_ho_ten", ngoc.full_name.as_str()),
        ("nyc_so_dinh_danh", ngoc.personal_id.as_str()),
        ("nyc_quan_he", "me"),
        ("vc_co", "yes"),
        ("vc_ho_ten", "Nguyễn Văn An"),
        ("vc_so_dinh_danh", "001085004217"),
        ("tre_ho_ten", &format!("Nguyễn Minh {n}")),
        ("tre_ngay_sinh", "19/11/2026"),
        ("tre_gioi_tinh", "nam"),
        ("tre_noi_sinh", "Bệnh viện Phụ sản Hà Nội"),
        ("tt_quan_he_chu_ho", "con"),
        ("kcb_ban_dau", "Trạm y tế phường Cầu Giấy"),
        ("gcs_ma", "01005.GCS.00128.26"),
    ] {
        a.insert(k.into(), Answer::Text(v.into()));
    }
    let home = Address {
        province: "01".into(),
        province_name: "Thành phố Hà Nội".into(),
        ward: "00167".into(),
        ward_name: "Phường Cầu Giấy".into(),
        street: "Số 18, ngõ 95 Chùa Hà".into(),
    };
    a.insert("nyc_noi_cu_tru".into(), Answer::Address(home.clone()));
    a.insert("tt_dia_chi".into(), Answer::Address(home));
    a.insert("lien_thong".into(), Answer::Many(parts.iter().map(|p| p.to_string()).collect()));
    let chosen = tokhai_core::linked::chosen(&form, &a);
    let sub = tokhai_core::submission::submission(&entry, &form, &a, &ngoc.personal_id, 1, 0, Default::default());
    let mut body = serde_json::to_value(sub).unwrap();
    body["chosen"] = serde_json::to_value(chosen).unwrap();
    body
}

async fn post_group(s: &Server, token: &str, body: &Value) -> reqwest::Response {
    let key = body["key"].as_str().unwrap().to_string();
    s.http.post(s.url("/groups")).bearer_auth(token).header("Idempotency-Key", key).json(body).send().await.unwrap()
}

async fn linked_groups(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(NGOC);
    let body = birth_group(&["thuong_tru", "bhyt"], "An");
    let r = post_group(&s, &t, &body).await;
    let loc = r.headers().get("location").map(|v| v.to_str().unwrap().to_string());
    let g = json_of(r, StatusCode::CREATED).await;
    let code = g["code"].as_str().unwrap().to_string();
    assert_eq!(loc, Some(format!("/groups/{code}")));
    let states: Vec<(&str, &str)> = g["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["state"]["state"].as_str().unwrap()))
        .collect();
    assert_eq!(states, [("khai_sinh", "started"), ("thuong_tru", "waiting"), ("bhyt", "waiting")]);
    assert_eq!(g["parts"][0]["state"]["code"], code.as_str(), "the registration's dossier code is the group's");
    // The same key: the same group, one registration dossier.
    let again = json_of(post_group(&s, &t, &body).await, StatusCode::OK).await;
    assert_eq!(again, g);
    let mine = json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["part_of"]["group"], code.as_str());
    assert_eq!(json_of(s.get("/groups", Some(&t)).await, StatusCode::OK).await.as_array().unwrap().len(), 1);
    assert!(json_of(s.get("/groups", Some(&token(AN))).await, StatusCode::OK).await.as_array().unwrap().is_empty());
    // A linked form is not a plain dossier; a part of another procedure is refused.
    let mut plain = body.clone();
    plain["key"] = json!("plain-linked");
    plain.as_object_mut().unwrap().remove("chosen");
    assert_eq!(json_of(s.submit(&t, &plain).await, StatusCode::UNPROCESSABLE_ENTITY).await["error"], "linked_form");
    let mut foreign = body.clone();
    foreign["key"] = json!("foreign-part");
    foreign["chosen"] = json!(["khai_sinh", "tu_tuat"]);
    assert_eq!(json_of(post_group(&s, &t, &foreign).await, StatusCode::UNPROCESSABLE_ENTITY).await["error"], "parts");
    let mut theirs = body.clone();
    theirs["key"] = json!("not-mine");
    assert_eq!(post_group(&s, &token(AN), &theirs).await.status(), StatusCode::FORBIDDEN);
    // The public lookup: states and public dossiers, nothing personal.
    let public = json_of(s.get(&format!("/groups/{code}"), None).await, StatusCode::OK).await;
    let text = public.to_string();
    for personal in ["Nguyễn Minh An", "036188002954", "answers", "owner"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    assert_eq!(public["registered"], Value::Null);
    assert_eq!(public["parts"][1]["state"]["state"], "waiting");
    assert_eq!(s.get("/groups/001.01.20.H01-261124-9999", None).await.status(), StatusCode::NOT_FOUND);
    // The officers see the group (with their own key only).
    let listed = json_of(s.get("/officer/groups", Some(OFFICER_KEY)).await, StatusCode::OK).await;
    assert_eq!(listed[0]["code"], code.as_str());
    assert_eq!(s.get("/officer/groups", Some(&t)).await.status(), StatusCode::UNAUTHORIZED);
    // The officers register the birth: the waiting parts are filed, each its own dossier.
    for event in ["accept", "start_processing", "finish"] {
        json_of(s.officer(&code, json!({"event": event})).await, StatusCode::OK).await;
    }
    let public = json_of(s.get(&format!("/groups/{code}"), None).await, StatusCode::OK).await;
    assert!(public["registered"].as_i64().is_some(), "{public}");
    let mut codes = BTreeSet::new();
    for p in public["parts"].as_array().unwrap() {
        assert_eq!(p["state"]["state"], "started", "{p}");
        assert!(codes.insert(p["state"]["code"].as_str().unwrap().to_string()));
        assert_eq!(p["dossier"]["code"], p["state"]["code"]);
    }
    let mine = json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(mine.as_array().unwrap().len(), 3, "the registration and two parts");
    let residence = mine.as_array().unwrap().iter().find(|d| d["part_of"]["part"] == "thuong_tru").unwrap();
    assert_eq!(residence["part_of"]["group"], code.as_str());
    let new_id = residence["answers"]["tre_so_dinh_danh"]["value"].as_str().unwrap_or_default();
    assert_eq!(new_id.len(), 12, "the child's new personal ID goes to the parts: {residence}");
    let owned = json_of(s.get("/groups", Some(&t)).await, StatusCode::OK).await;
    assert!(owned[0]["registered"]["personal_id"].as_str().is_some());
    // Done, the registration cannot be withdrawn any more (its parts started from it).
    let r = s.post(&format!("/dossiers/{code}/withdrawal"), Some(&t), &json!({"reason": "nhầm"})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // A second filing refused at registration: its waiting part halts, never filed.
    let second = json_of(post_group(&s, &t, &birth_group(&["bhyt"], "Bình")).await, StatusCode::CREATED).await;
    let code2 = second["code"].as_str().unwrap().to_string();
    assert_ne!(code2, code);
    json_of(s.officer(&code2, json!({"event": "refuse", "reason": "Thiếu giấy chứng sinh"})).await, StatusCode::OK)
        .await;
    let public = json_of(s.get(&format!("/groups/{code2}"), None).await, StatusCode::OK).await;
    assert_eq!(public["parts"][1]["state"], json!({"state": "halted", "because": "refused"}));
    assert_eq!(json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await.as_array().unwrap().len(), 4);
    s.stop().await;
}
