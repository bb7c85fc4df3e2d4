//! "Hỗ trợ người dân": a community team starts an assisted session (team
//! name, optional PIN chosen by the resident), unlocks it after a reload, and
//! the clean start screen after "Kết thúc phiên".

use crate::components::assist::end_session;
use crate::components::error_summary::SummaryItem;
use crate::components::field::error_html;
use crate::components::ErrorSummary;
use crate::hooks::use_assist::AssistCtx;
use crate::routes::Route;
use crate::services::assist::{self, AssistError};
use crate::services::{dom, portal};
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

/// One labelled input with hint and error.
#[allow(clippy::too_many_arguments)] // until the shared labelled-input kit replaces it
fn text_input(
    id: &'static str,
    label: &str,
    hint: &str,
    value: &str,
    error: Option<&String>,
    oninput: Callback<InputEvent>,
    pin: bool,
    lang: Lang,
) -> Html {
    let described = if error.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") };
    html! {
        <div class={classes!("tk-field", error.map(|_| "tk-field--error"))}>
            <label class="tk-label" for={id}>{ label }</label>
            <div class="tk-hint" id={format!("{id}-hint")}>{ hint }</div>
            { error_html(&format!("{id}-error"), error, lang) }
            if pin {
                <input {id} class="tk-input tk-input--short" type="password" inputmode="numeric" autocomplete="off"
                    value={value.to_string()} {oninput} aria-describedby={described} aria-invalid={error.map(|_| "true")} />
            } else {
                <input {id} class="tk-input" type="text" autocomplete="organization"
                    value={value.to_string()} {oninput} aria-describedby={described} aria-invalid={error.map(|_| "true")} />
            }
        </div>
    }
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
    let attempt = use_state(|| 0u32);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<K>);
    use_effect_with(lang, |l| {
        dom::set_title(k(K::AssistTitle, *l));
        dom::focus_id("page-title");
    });
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
        let problem = (*attempt > 0 && !pin_ok(&pin))
            .then(|| k(K::PinShape, lang).to_string())
            .or_else(|| (*failure == Some(K::WrongPin)).then(|| k(K::WrongPin, lang).to_string()));
        let onsubmit = {
            let (pin, attempt, busy, failure, opened, s) =
                (pin.clone(), attempt.clone(), busy.clone(), failure.clone(), ctx.opened.clone(), s.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                attempt.set(*attempt + 1);
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
                <ErrorSummary {items} attempt={*attempt} {lang} />
                <form class="tk-form" novalidate=true {onsubmit}>
                    <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::UnlockTitle, lang) }</h1>
                    <p class="tk-body">{ k(K::UnlockBody, lang) }</p>
                    { text_input("pin", k(K::PinLabel, lang), k(K::PinHint, lang), &pin, problem.as_ref(), input(&pin), true, lang) }
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
    let shown = |p: &Option<String>| (*attempt > 0).then(|| p.clone()).flatten();
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
            attempt.set(*attempt + 1);
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
            <ErrorSummary {items} attempt={*attempt} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::AssistTitle, lang) }</h1>
                <p class="tk-body">{ k(K::AssistIntro, lang) }</p>
                <p class="tk-body">{ k(K::AssistNotices, lang) }</p>
                { text_input("team", k(K::TeamLabel, lang), k(K::TeamHint, lang), &team, team_shown.as_ref(), input(&team), false, lang) }
                { text_input("pin", k(K::PinLabel, lang), k(K::PinHint, lang), &pin, pin_shown.as_ref(), input(&pin), true, lang) }
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
    use_effect_with(lang, |l| {
        dom::set_title(k(K::EndedTitle, *l));
        dom::focus_id("page-title");
    });
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
