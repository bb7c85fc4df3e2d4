//! "In tờ khai": the declaration laid out as its official template (A4,
//! Nghị định 30/2020 typography), from the form definition: filled with the
//! draft's answers (`/khai/{form}/in`), blank to fill by hand
//! (`/khai/{form}/in-to-khai-trong`), or as a dossier was sent
//! (`/ho-so/{code}/in`). The page title names the template only, never a person.

use crate::components::dossier::DossierGate;
use crate::components::form_gate::FormGate;
use crate::components::print_sheet::{PrintSheet, PrintSheetProps};
use crate::hooks::use_page_title;
use crate::pages::receipt::CodeProps;
use crate::services::clock;
use crate::state::{use_lang, use_store};
use std::rc::Rc;
use tokhai_core::messages::print::{p, P};
use tokhai_core::portal::Dossier;
use tokhai_core::{Answers, FormDef, Lang};
use yew::prelude::*;

/// Props: the form id.
#[derive(Properties, PartialEq, Clone)]
pub struct PrintProps {
    /// Form id from the address.
    pub form: AttrValue,
    /// A blank form to fill by hand.
    #[prop_or(false)]
    pub blank: bool,
}

/// `/khai/{form}/in` and `/khai/{form}/in-to-khai-trong`.
#[function_component(PrintForm)]
pub fn print_form(props: &PrintProps) -> Html {
    let lang = use_lang();
    let blank = props.blank;
    let render = Callback::from(move |form: Rc<FormDef>| html! { <DraftSheet {form} {blank} {lang} /> });
    html! { <FormGate form={props.form.clone()} {lang} {render} /> }
}

#[derive(Properties, PartialEq)]
struct DraftSheetProps {
    form: Rc<FormDef>,
    blank: bool,
    lang: Lang,
}

#[function_component(DraftSheet)]
fn draft_sheet(props: &DraftSheetProps) -> Html {
    let store = use_store();
    let answers = match (&store, props.blank) {
        (Some(store), false) => (*store.form(&props.form.id).answers).clone(),
        _ => Answers::new(),
    };
    let date = (!answers.is_empty()).then(clock::today);
    let sheet = PrintSheetProps::of(&props.form, &answers, props.lang, date);
    html! { <SheetPage {sheet} blank={answers.is_empty()} lang={props.lang} /> }
}

/// `/ho-so/{code}/in`: the declaration as the dossier was sent.
#[function_component(PrintDossier)]
pub fn print_dossier(props: &CodeProps) -> Html {
    let lang = use_lang();
    let render = Callback::from(move |(d, _): (Rc<Dossier>, String)| html! { <DossierSheet dossier={d} {lang} /> });
    html! { <DossierGate code={props.code.clone()} {lang} title={p(P::PrintFilled, lang)} {render} /> }
}

#[derive(Properties, PartialEq)]
struct DossierSheetProps {
    dossier: Rc<Dossier>,
    lang: Lang,
}

#[function_component(DossierSheet)]
fn dossier_sheet(props: &DossierSheetProps) -> Html {
    let d = props.dossier.clone();
    let lang = props.lang;
    let render = Callback::from(move |form: Rc<FormDef>| {
        let date = Some(tokhai_core::portal::vn_clock(d.received).0);
        let sheet = PrintSheetProps::of(&form, &d.answers, lang, date);
        html! { <SheetPage {sheet} blank={false} {lang} /> }
    });
    html! { <FormGate form={AttrValue::from(props.dossier.form.clone())} {lang} {render} /> }
}

#[derive(Properties, PartialEq)]
struct SheetPageProps {
    sheet: PrintSheetProps,
    blank: bool,
    lang: Lang,
}

#[function_component(SheetPage)]
fn sheet_page(props: &SheetPageProps) -> Html {
    let lang = props.lang;
    use_page_title(props.sheet.sheet.page_title.clone());
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <>
            <div class="tk-noprint">
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ p(if props.blank { P::PrintBlank } else { P::PrintFilled }, lang) }</h1>
                <p class="tk-body">{ p(if props.blank { P::PrintBlankIntro } else { P::PrintIntro }, lang) }</p>
                <button type="button" class="tk-button" id="print-now" onclick={print}>{ p(P::PrintNow, lang) }</button>
            </div>
            <PrintSheet ..props.sheet.clone() />
        </>
    }
}
