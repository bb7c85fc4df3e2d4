//! Sign in with VNeID. In this build the identity provider is a simulator
//! (feature `mock-idp`): choose a sample citizen. Testers can also paste a token.

use crate::components::labelled::{labelled, Question};
use crate::hooks::use_page_title;
use crate::routes::Route;
use crate::services::dom;
use crate::state::{use_lang, Auth, AuthCtx};
use tokhai_core::messages::{token_message, ui, Ui};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// The sign-in page.
#[function_component(SignIn)]
pub fn sign_in() -> Html {
    let lang = use_lang();
    let auth = use_context::<AuthCtx>();
    let navigator = use_navigator();
    let pasted = use_state(String::new);
    use_page_title(ui(Ui::SignInTitle, lang).to_string());
    let signed_in = matches!(auth.as_ref().map(|a| &a.auth), Some(Auth::SignedIn(_)));
    {
        let navigator = navigator.clone();
        use_effect_with(signed_in, move |signed_in| {
            if *signed_in {
                if let Some(n) = navigator {
                    // Back to where sending asked for sign-in, or home.
                    let back = dom::take_return_path().and_then(|p| Route::recognize(&p)).unwrap_or(Route::Home);
                    n.push(&back);
                }
            }
        });
    }
    let Some(auth) = auth else { return html! {} };
    let error = match &auth.auth {
        Auth::SignedOut(Some(e)) => Some(*e),
        _ => None,
    };
    let checking = auth.auth == Auth::Checking;
    let on_paste = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                pasted.set(el.value());
            }
        })
    };
    let on_use = {
        let sign_in = auth.sign_in.clone();
        let pasted = pasted.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            sign_in.emit(pasted.trim().to_string());
        })
    };
    let question = Question {
        id: "token",
        label: html! { ui(Ui::PasteTokenLabel, lang) },
        hint: Some(html! { ui(Ui::PasteTokenHint, lang) }),
        error: None,
        class: classes!(),
        lang,
    };
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::SignInTitle, lang) }</h1>
            <p class="tk-body">{ ui(Ui::SignInIntro, lang) }</p>
            if let Some(e) = error {
                <div class="tk-error-summary" role="alert" id="sign-in-error" tabindex="-1">
                    <h2 class="tk-error-summary__title">{ ui(Ui::SignInFailedTitle, lang) }</h2>
                    <p class="tk-body" data-error={e.code()}>{ token_message(e, lang) }</p>
                </div>
            }
            if checking { <p class="tk-body" role="status">{ ui(Ui::Verifying, lang) }</p> }
            { simulator(lang, auth.sign_in.clone()) }
            <form class="tk-form tk-paste" onsubmit={on_use}>
                { labelled(question, |w| html! {
                    <textarea id={w.id} class="tk-input" rows="4" spellcheck="false" autocomplete="off"
                        aria-describedby={w.described_by} value={(*pasted).clone()} oninput={on_paste} />
                }) }
                <button type="submit" class="tk-button tk-button--secondary" disabled={checking}>{ ui(Ui::PasteTokenButton, lang) }</button>
            </form>
        </>
    }
}

#[cfg(feature = "mock-idp")]
fn simulator(lang: tokhai_core::Lang, sign_in: Callback<String>) -> Html {
    html! { <Simulator {lang} {sign_in} /> }
}

#[cfg(not(feature = "mock-idp"))]
fn simulator(lang: tokhai_core::Lang, _sign_in: Callback<String>) -> Html {
    html! { <p class="tk-body">{ ui(Ui::NoSimulator, lang) }</p> }
}

#[cfg(feature = "mock-idp")]
#[derive(Properties, PartialEq)]
struct SimulatorProps {
    lang: tokhai_core::Lang,
    sign_in: Callback<String>,
}

/// The simulator: the sample citizens, each a button that mints a token.
#[cfg(feature = "mock-idp")]
#[function_component(Simulator)]
fn simulator_view(props: &SimulatorProps) -> Html {
    use crate::services::mock_idp::{self, SeedEntry};
    let lang = props.lang;
    let seeds = use_state(|| None::<Result<Vec<SeedEntry>, ()>>);
    let retry = use_state(|| 0u32);
    {
        let seeds = seeds.clone();
        use_effect_with(*retry, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                seeds.set(Some(mock_idp::seeds().await.map_err(|_| ())));
            });
        });
    }
    let list = match &*seeds {
        None => html! { <p class="tk-body" role="status">{ ui(Ui::LoadingCitizens, lang) }</p> },
        Some(Err(())) => {
            let retry = retry.clone();
            crate::components::retry::retry_alert(
                ui(Ui::CitizensFailed, lang),
                lang,
                Callback::from(move |_| retry.set(*retry + 1)),
            )
        }
        Some(Ok(list)) => html! {
            <ul class="tk-seeds">
                { for list.iter().map(|seed| {
                    let s = seed.clone();
                    let sign_in = props.sign_in.clone();
                    let onclick = Callback::from(move |_| {
                        let s = s.clone();
                        let sign_in = sign_in.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Ok(token) = mock_idp::sign_in_as(&s).await {
                                sign_in.emit(token);
                            }
                        });
                    });
                    html! {
                        <li class="tk-seed">
                            <button type="button" class="tk-button tk-button--secondary tk-seed__button" {onclick}>
                                { ui(Ui::SignInAs, lang).replace("{name}", &seed.full_name) }
                            </button>
                            <p class="tk-hint">{ seed.note.get(lang) }</p>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <section class="tk-simulator" aria-labelledby="simulator-title">
            <p class="tk-notice"><strong class="tk-tag">{ "VNeID" }</strong>{ " " }{ ui(Ui::SimulatorBanner, lang) }</p>
            <h2 class="tk-h2" id="simulator-title">{ ui(Ui::ChooseCitizen, lang) }</h2>
            { list }
        </section>
    }
}
