//! The parts of a linked application (liên thông, `tokhai_core::linked`):
//! each with its agency, status, deadline and timeline, or why it waits or
//! never started. Used by the dossier page, the receipt, "Hồ sơ của tôi"
//! (as chips) and the public lookup (statuses and dates only).

use crate::components::dossier::{status_chip, Timeline};
use crate::routes::Route;
use crate::services::portal::GroupView;
use std::rc::Rc;
use tokhai_core::linked::{PartId, PartState, PartView};
use tokhai_core::messages::linked::{explain, l, part_name, state_label, L};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::portal::{vn_time, Dossier};
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// The core's view of one part of `g`.
pub fn view_of<'a>(id: PartId, state: &'a PartState, dossier: Option<&'a Dossier>) -> PartView<'a> {
    PartView { id, def: id.def(), state, dossier }
}

/// Where a part stands as a chip: its national status once started, else
/// "waiting for the registration" or "not carried out" (the words are the cue,
/// never the colour alone).
pub fn part_chip(v: &PartView, lang: Lang) -> Html {
    match (v.state, v.dossier) {
        (PartState::Started { .. }, Some(d)) => status_chip(d.status, lang),
        (PartState::Halted { .. }, _) => html! {
            <strong class="tk-chip tk-chip--ended" data-status="halted">{ state_label(v, lang) }</strong>
        },
        _ => html! {
            <strong class="tk-chip tk-chip--waiting" data-status="waiting">{ state_label(v, lang) }</strong>
        },
    }
}

/// "Khai sinh: Đã trả kết quả · Thường trú: Đang xử lý · …" as a list.
pub fn part_chips(g: &GroupView, lang: Lang) -> Html {
    let items = g.parts.iter().map(|(id, state, d)| {
        let v = view_of(*id, state, d.as_ref());
        html! {
            <li data-part={id.key()}>{ part_name(*id, lang) }{ ": " }{ part_chip(&v, lang) }</li>
        }
    });
    html! { <ul class="tk-part-chips">{ for items }</ul> }
}

/// Each part of `g` with its agency, status, deadline and timeline. `owner`
/// adds the messages of each step and links to each dependent part's own page;
/// without it (public lookup) only statuses and dates show.
pub fn parts_list(g: &GroupView, lang: Lang, owner: bool, heading_level: u8) -> Html {
    let items = g.parts.iter().map(|(id, state, d)| {
        let v = view_of(*id, state, d.as_ref());
        let key = id.key();
        let heading_id = format!("part-{key}-heading");
        let name = part_name(*id, lang);
        let heading = if heading_level == 2 {
            html! { <h2 class="tk-h3" id={heading_id}>{ name }</h2> }
        } else {
            html! { <h3 class="tk-h3" id={heading_id}>{ name }</h3> }
        };
        let agency = d.as_ref().map_or_else(|| id.def().agency.get(lang).to_string(), |d| d.agency.get(lang).to_string());
        let row = |k: &str, v: Html| {
            html! { <div class="tk-summary__row"><dt class="tk-summary__key">{ k.to_string() }</dt><dd class="tk-summary__value">{ v }</dd></div> }
        };
        let why = explain(g.group.group, &v, lang);
        let own_page = d.as_ref().filter(|d| owner && d.code != g.group.code).map(|d| d.code.clone());
        html! {
            <li class="tk-part" id={format!("part-{key}")} data-part={key}>
                { heading }
                <dl class="tk-summary">
                    { row(l(L::PartAgency, lang), html! { agency }) }
                    { row(l(L::PartStatus, lang), part_chip(&v, lang)) }
                    { row(l(L::PartDeadline, lang), html! { d.as_ref().map_or_else(|| l(L::NotYet, lang).to_string(), |d| d.appointment.to_string()) }) }
                    if let Some(d) = d {
                        { row(t(T::ReceivedAt, lang), html! { vn_time(d.received) }) }
                        if d.code != g.group.code {
                            { row(l(L::PartCode, lang), html! { <span class="tk-code">{ &d.code }</span> }) }
                        }
                    }
                </dl>
                if let Some(why) = why { <p class="tk-body" id={format!("part-{key}-why")}>{ why }</p> }
                if let Some(code) = own_page {
                    <p class="tk-body">
                        <Link<Route> to={Route::Dossier { code }}>
                            { l(L::OpenPart, lang) }<span class="tk-vh">{ format!(" {name}") }</span>
                        </Link<Route>>
                    </p>
                }
                if let Some(d) = d {
                    <details class="tk-details">
                        <summary>{ l(L::PartTimeline, lang) }<span class="tk-vh">{ format!(" {name}") }</span></summary>
                        <Timeline dossier={Rc::new(d.clone())} {lang} messages={owner} />
                    </details>
                }
            </li>
        }
    });
    html! { <ul class="tk-parts">{ for items }</ul> }
}
