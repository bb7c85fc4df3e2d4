//! A service page (`/dich-vu/{id}`): what to prepare, fee, time, result,
//! legal basis and where the entry comes from, then "Bắt đầu khai".

use crate::hooks::{use_catalog_entry, Load};
use crate::routes::Route;
use crate::services::forms::FormError;
use crate::services::{boot, dom};
use crate::state::use_lang;
use tokhai_core::catalog::{CatalogEntry, Level};
use tokhai_core::messages::print::{p, P};
use tokhai_core::messages::{money, ui, Ui};
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// "7 ngày làm việc", "Trong ngày", "Chưa có thông tin".
pub fn time_text(c: &CatalogEntry, lang: Lang) -> String {
    match c.processing_days {
        Some(0) => ui(Ui::SameDay, lang).to_string(),
        Some(n) => ui(Ui::DaysWorking, lang).replace("{n}", &n.to_string()),
        None => format!("{}: {}", ui(Ui::ServiceTime, lang), ui(Ui::FeeUnknown, lang)),
    }
}

/// "20.000 đ (10.000 đ khi nộp trực tuyến)", "Miễn phí".
pub fn fee_text(c: &CatalogEntry, lang: Lang) -> String {
    match (c.fee.vnd, c.fee.online_vnd) {
        (Some(0), _) => ui(Ui::FeeFree, lang).to_string(),
        (Some(v), Some(o)) => {
            format!("{} ({})", money(v, lang), ui(Ui::FeeOnline, lang).replace("{amount}", &money(o, lang)))
        }
        (Some(v), None) => money(v, lang),
        (None, _) => format!("{}: {}", ui(Ui::ServiceFee, lang), ui(Ui::FeeUnknown, lang)),
    }
}

/// Props: the service id.
#[derive(Properties, PartialEq, Clone)]
pub struct ServiceProps {
    /// Service id.
    pub id: AttrValue,
}

/// The service page.
#[function_component(Service)]
pub fn service(props: &ServiceProps) -> Html {
    let lang = use_lang();
    let (load, retry) = use_catalog_entry(&props.id);
    let entry = match &load {
        Load::Ready(c) => Some(c.clone()),
        _ => None,
    };
    {
        let title = entry.as_ref().map(|e| e.name.get(lang).to_string());
        use_effect_with((title.clone(), lang), move |_| {
            if let Some(t) = title {
                dom::set_title(&t);
                if !boot::hydrating() {
                    dom::focus_id("page-title");
                }
            }
        });
    }
    let Some(c) = entry else {
        return match load {
            Load::Loading => html! { <p class="tk-body" role="status">{ ui(Ui::Loading, lang) }</p> },
            Load::Ready(_) | Load::Failed(FormError::Unknown) => html! { <super::not_found::NotFound /> },
            Load::Failed(_) => crate::components::retry::retry_alert(ui(Ui::CatalogFailed, lang), lang, retry),
        };
    };
    let level = match c.level {
        Level::Xa => Ui::LevelXa,
        Level::Tinh => Ui::LevelTinh,
        Level::Bo => Ui::LevelBo,
    };
    let result = match c.result.as_str() {
        "paper" => Ui::ResultPaper,
        "electronic" => Ui::ResultElectronic,
        _ => Ui::ResultBoth,
    };
    let list = match c.list.as_str() {
        "06" => Ui::ListDe06,
        "422" => Ui::List422,
        _ => Ui::ListCandidate,
    };
    let row = |k: Ui, v: String| {
        html! {
            <div class="tk-summary__row"><dt class="tk-summary__key">{ ui(k, lang) }</dt><dd class="tk-summary__value">{ v }</dd></div>
        }
    };
    html! {
        <>
            <Link<Route> to={Route::Home} classes="tk-back">{ ui(Ui::Back, lang) }</Link<Route>>
            <span class="tk-caption">{ c.agency.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ c.name.get(lang) }</h1>
            if c.linked_group.is_some() { <p class="tk-notice">{ ui(Ui::LinkedGroup, lang) }</p> }
            if !c.prepare.is_empty() {
                <h2 class="tk-h2">{ ui(Ui::ServicePrepare, lang) }</h2>
                <ul class="tk-list">{ for c.prepare.iter().map(|p| html! { <li>{ p.get(lang) }</li> }) }</ul>
            }
            <h2 class="tk-h2">{ ui(Ui::AboutService, lang) }</h2>
            <dl class="tk-summary">
                { row(Ui::ServiceFee, fee_text(&c, lang)) }
                { row(Ui::ServiceTime, time_text(&c, lang)) }
                { row(Ui::ServiceResult, ui(result, lang).to_string()) }
                { row(Ui::ServiceLevel, format!("{} — {}", ui(level, lang), c.agency.get(lang))) }
                { row(Ui::LegalBasis, c.legal_basis.get(lang).to_string()) }
            </dl>
            if let Some(note) = c.fee.note.as_ref() { <p class="tk-hint">{ note.get(lang) }</p> }
            <p class="tk-hint">{ ui(list, lang) }{ c.notes.as_ref().map(|n| format!(" {}", n.get(lang))).unwrap_or_default() }</p>
            <Link<Route> to={Route::Start { form: c.id.clone() }} classes="tk-button tk-button--start">
                { ui(Ui::StartForm, lang) }
            </Link<Route>>
            <p class="tk-body">
                <Link<Route> to={Route::PrintBlank { form: c.id.clone() }} classes="tk-link">{ p(P::PrintBlank, lang) }</Link<Route>>
                <br /><span class="tk-hint">{ p(P::PrintBlankHint, lang) }</span>
            </p>
        </>
    }
}
