//! "Hỗ trợ người dân": a community team starts an assisted session (team
//! name, optional PIN chosen by the resident), unlocks it after a reload, and
//! the clean start screen after "Kết thúc phiên".

use crate::components::assist::end_session;
use crate::components::error_summary::SummaryItem;
use crate::components::labelled::{labelled, Question};
use crate::components::ErrorSummary;
use crate::hooks::use_assist::AssistCtx;
use crate::hooks::use_attempts;
use crate::hooks::use_page_title;
use crate::routes::Route;
use crate::services::assist::{self, AssistError};
use crate::services::portal;
use crate::state::{use_lang, AuthCtx};
use tokhai_core::messages::keep::{k, K};
use tokhai_core::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Longest team name.
const MAX_TEAM: usize = 100;

fn pin_ok(pin: &str) -> bool {
    (4..=6).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

fn input(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
            state.set(el.value());
        }
    })
}

/// The team name (`pin` false) or a PIN, labelled with hint and error.
fn text_input(q: Question, value: &str, oninput: Callback<InputEvent>, pin: bool) -> Html {
    labelled(q, |w| {
        if pin {
            html! { <input id={w.id} class="tk-input tk-input--short" type="password" inputmode="numeric" autocomplete="off"
            value={value.to_string()} {oninput} aria-describedby={w.described_by} aria-invalid={w.invalid} /> }
        } else {
            html! { <input id={w.id} class="tk-input" type="text" autocomplete="organization"
            value={value.to_string()} {oninput} aria-describedby={w.described_by} aria-invalid={w.invalid} /> }
        }
    })
}

/// A question of these pages: label and hint from the copy.
fn question<'a>(id: &'static str, label: K, hint: K, error: Option<&'a String>, lang: Lang) -> Question<'a> {
    Question::new(id, html! { k(label, lang) }, lang).hint(html! { k(hint, lang) }).error(error)
}

/// `/ho-tro`.
#[function_component(AssistStart)]
pub fn assist_start() -> Html {
    let lang = use_lang();
    let ctx = use_context::<AssistCtx>();
    let auth = use_context::<AuthCtx>();
    let navigator = use_navigator();
    let team = use_state(String::new);
    let pin = use_state(String::new);
    let attempt = use_attempts();
    let busy = use_state(|| false);
    let failure = use_state(|| None::<K>);
    use_page_title(k(K::AssistTitle, lang).to_string());
    let Some(ctx) = ctx else { return html! {} };
    let end = {
        let (ctx, auth, navigator) = (ctx.clone(), auth.clone(), navigator.clone());
        Callback::from(move |_| end_session(&ctx, auth.clone(), navigator.clone(), false))
    };

    // A session is running.
    if let Some(s) = ctx.session.clone() {
        if ctx.unlocked {
            return html! {
                <>
                    <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::AssistTitle, lang) }</h1>
                    <p class="tk-body">{ k(K::AssistBar, lang).replace("{team}", &s.team) }</p>
                    <p class="tk-body">{ k(K::AssistNotices, lang) }</p>
                    <div class="tk-actions">
                        <Link<Route> to={Route::SignIn} classes="tk-button">{ k(K::SignInResident, lang) }</Link<Route>>
                    </div>
                </>
            };
        }
        if s.salt.is_none() {
            return html! {
                <>
                    <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::AssistTitle, lang) }</h1>
                    <div class="tk-inline-alert" role="alert"><p>{ k(K::LockedNoPin, lang) }</p></div>
                    <button type="button" class="tk-button tk-button--warning" onclick={end}>{ k(K::EndSession, lang) }</button>
                </>
            };
        }
        let problem = (attempt.tried() && !pin_ok(&pin))
            .then(|| k(K::PinShape, lang).to_string())
            .or_else(|| (*failure == Some(K::WrongPin)).then(|| k(K::WrongPin, lang).to_string()));
        let onsubmit = {
            let (pin, attempt, busy, failure, opened, s) =
                (pin.clone(), attempt.clone(), busy.clone(), failure.clone(), ctx.opened.clone(), s.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                attempt.bump();
                if !pin_ok(&pin) || *busy {
                    return;
                }
                busy.set(true);
                let (pin, busy, failure, opened, s) =
                    ((*pin).clone(), busy.clone(), failure.clone(), opened.clone(), s.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match assist::unlock(&s, &pin).await {
                        Ok(()) => opened.emit((*s).clone()),
                        Err(AssistError::WrongPin) => failure.set(Some(K::WrongPin)),
                        Err(AssistError::Unavailable) => failure.set(Some(K::AssistUnavailable)),
                    }
                    busy.set(false);
                });
            })
        };
        let items: Vec<SummaryItem> =
            problem.iter().map(|m| SummaryItem { target: "pin".into(), message: m.clone() }).collect();
        return html! {
            <>
                <ErrorSummary {items} attempt={attempt.count()} {lang} />
                <form class="tk-form" novalidate=true {onsubmit}>
                    <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::UnlockTitle, lang) }</h1>
                    <p class="tk-body">{ k(K::UnlockBody, lang) }</p>
                    { text_input(question("pin", K::PinLabel, K::PinHint, problem.as_ref(), lang), &pin, input(&pin), true) }
                    if *failure == Some(K::AssistUnavailable) { <div class="tk-inline-alert" role="alert"><p>{ k(K::AssistUnavailable, lang) }</p></div> }
                    <button type="submit" class="tk-button" disabled={*busy}>{ k(if *busy { K::Unlocking } else { K::UnlockButton }, lang) }</button>
                </form>
                <button type="button" class="tk-button tk-button--secondary" onclick={end}>{ k(K::EndSession, lang) }</button>
            </>
        };
    }

    // Start a session.
    let team_problem = if team.trim().is_empty() {
        Some(k(K::TeamMissing, lang).to_string())
    } else if team.trim().chars().count() > MAX_TEAM {
        Some(k(K::TeamTooLong, lang).to_string())
    } else {
        None
    };
    let pin_problem = (!pin.is_empty() && !pin_ok(&pin)).then(|| k(K::PinShape, lang).to_string());
    let shown = |p: &Option<String>| (attempt.tried()).then(|| p.clone()).flatten();
    let (team_shown, pin_shown) = (shown(&team_problem), shown(&pin_problem));
    let mut items = vec![];
    if let Some(m) = &team_shown {
        items.push(SummaryItem { target: "team".into(), message: m.clone() });
    }
    if let Some(m) = &pin_shown {
        items.push(SummaryItem { target: "pin".into(), message: m.clone() });
    }
    let onsubmit = {
        let (team, pin, attempt, busy, failure, opened, navigator) = (
            team.clone(),
            pin.clone(),
            attempt.clone(),
            busy.clone(),
            failure.clone(),
            ctx.opened.clone(),
            navigator.clone(),
        );
        let ok = team_problem.is_none() && pin_problem.is_none();
        let auth = auth.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            attempt.bump();
            if !ok || *busy {
                return;
            }
            busy.set(true);
            let (team, pin) = ((*team).clone(), (*pin).clone());
            let (busy, failure, opened, navigator, auth) =
                (busy.clone(), failure.clone(), opened.clone(), navigator.clone(), auth.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let pin = Some(pin).filter(|p| !p.is_empty());
                match assist::start(&team, pin.as_deref(), portal::now()).await {
                    Ok(s) => {
                        // Whoever was signed in before is signed out: the session is the resident's alone.
                        if let Some(a) = &auth {
                            a.sign_out.emit(());
                        }
                        opened.emit(s);
                        if let Some(n) = navigator {
                            n.push(&Route::SignIn);
                        }
                    }
                    Err(_) => failure.set(Some(K::AssistUnavailable)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <>
            <ErrorSummary {items} attempt={attempt.count()} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::AssistTitle, lang) }</h1>
                <p class="tk-body">{ k(K::AssistIntro, lang) }</p>
                <p class="tk-body">{ k(K::AssistNotices, lang) }</p>
                { text_input(question("team", K::TeamLabel, K::TeamHint, team_shown.as_ref(), lang), &team, input(&team), false) }
                { text_input(question("pin", K::PinLabel, K::PinHint, pin_shown.as_ref(), lang), &pin, input(&pin), true) }
                if let Some(f) = *failure { <div class="tk-inline-alert" role="alert"><p>{ k(f, lang) }</p></div> }
                <button type="submit" id="start-session" class="tk-button" disabled={*busy}>{ k(if *busy { K::Starting } else { K::StartSession }, lang) }</button>
            </form>
        </>
    }
}

/// `/ho-tro/da-ket-thuc`: the clean start screen.
#[function_component(AssistEnded)]
pub fn assist_ended() -> Html {
    let lang = use_lang();
    let ended = use_context::<AssistCtx>().and_then(|c| c.ended);
    use_page_title(k(K::EndedTitle, lang).to_string());
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::EndedTitle, lang) }</h1>
            if ended.is_some_and(|e| e.idle) { <p class="tk-body" id="ended-idle">{ k(K::EndedIdle, lang) }</p> }
            if ended.is_some_and(|e| !e.wiped) {
                <div class="tk-inline-alert" role="alert"><p>{ k(K::EndedPartial, lang) }</p></div>
            } else {
                <p class="tk-body">{ k(K::EndedBody, lang) }</p>
            }
            <Link<Route> to={Route::Assist} classes="tk-button">{ k(K::NewSession, lang) }</Link<Route>>
        </>
    }
}
