//! "Kho dữ liệu của tôi" (`/kho-du-lieu`): every signed result the citizen
//! received, with its kind, number, issuer and whether its signature checks
//! out in this browser. Kept with the rest of the citizen's portal data, and
//! wiped with it at the end of an assisted session.

use crate::components::dossier::sign_in_prompt;
use crate::hooks::use_page_title;
use crate::hooks::use_portal::use_portal;
use crate::routes::Route;
use crate::services::results;
use crate::state::{use_claims, use_lang};
use std::collections::BTreeMap;
use tokhai_core::messages::results::{r, R};
use tokhai_core::results::Content;
use tokhai_core::Text;
use yew::prelude::*;
use yew_router::prelude::*;

/// One checked entry: kind, number, issuer, valid.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    kind: Text,
    number: String,
    issuer: Text,
    date: String,
    valid: bool,
}

/// `/kho-du-lieu`.
#[function_component(Store)]
pub fn store() -> Html {
    let lang = use_lang();
    let claims = use_claims();
    let portal = use_portal();
    use_page_title(r(R::StoreTitle, lang).to_string());
    let checked = use_state(BTreeMap::<String, Entry>::new);
    let owner = claims.as_ref().map(|c| c.sub.clone()).unwrap_or_default();
    let files: Vec<(String, String)> = portal
        .as_ref()
        .map(|p| p.view.results_of(&owner).into_iter().map(|(d, i)| (d.code.clone(), i.file.clone())).collect())
        .unwrap_or_default();
    {
        let checked = checked.clone();
        use_effect_with(files.clone(), move |files| {
            let files = files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut out = BTreeMap::new();
                for (code, file) in files {
                    let entry = match results::verify(&file).await {
                        Ok(v) => match v.content {
                            Content::Document(d) => Entry {
                                kind: d.title.clone(),
                                number: d.number.clone(),
                                issuer: d.issuer.name.clone(),
                                date: d.date.clone(),
                                valid: true,
                            },
                            Content::Stamp(_) => continue,
                        },
                        Err(_) => Entry {
                            kind: Text::default(),
                            number: String::new(),
                            issuer: Text::default(),
                            date: String::new(),
                            valid: false,
                        },
                    };
                    out.insert(code, entry);
                }
                checked.set(out);
            });
        });
    }
    if claims.is_none() {
        return sign_in_prompt(r(R::StoreTitle, lang), lang);
    }
    let items = files.iter().map(|(code, _)| {
        let e = checked.get(code);
        let state = match e {
            None => html! { <span class="tk-hint">{ r(R::Checking, lang) }</span> },
            Some(e) if e.valid => html! { <strong class="tk-chip tk-chip--done" data-valid="yes">{ r(R::StoreVerified, lang) }</strong> },
            Some(_) => html! { <strong class="tk-chip tk-chip--ended" data-valid="no">{ r(R::StoreNotVerified, lang) }</strong> },
        };
        html! {
            <li class="tk-card" key={code.clone()} data-code={code.clone()}>
                <h2 class="tk-h3">
                    <Link<Route> to={Route::Result { code: code.clone() }}>
                        { e.filter(|e| e.valid).map(|e| e.kind.get(lang).to_string()).unwrap_or_else(|| r(R::ResultTitle, lang).to_string()) }
                    </Link<Route>>
                </h2>
                if let Some(e) = e.filter(|e| e.valid) {
                    <p class="tk-body">{ r(R::Number, lang) }{ ": " }<span class="tk-code">{ &e.number }</span>{ " · " }{ r(R::IssuedOn, lang) }{ " " }{ &e.date }</p>
                    <p class="tk-hint">{ e.issuer.get(lang) }</p>
                }
                <p class="tk-body">{ state }</p>
            </li>
        }
    });
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ r(R::StoreTitle, lang) }</h1>
            <p class="tk-body">{ r(R::StoreIntro, lang) }</p>
            if files.is_empty() {
                <p class="tk-body" id="store-empty">{ r(R::StoreEmpty, lang) }</p>
            } else {
                <ul class="tk-cards" id="store-list">{ for items }</ul>
            }
        </>
    }
}
