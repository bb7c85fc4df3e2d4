//! The printed declaration ("In tờ khai"): a [`Sheet`] from the core
//! ([`tokhai_core::print::sheet`]) as semantic HTML laid out like the paper
//! template, with no app chrome inside it. `styles/print.css` gives it A4 and
//! the typography of Nghị định 30/2020 Phụ lục I and hides the app around it
//! when printing. Pure render (no effects, no time, no storage), so it
//! prerenders and hydrates; the page passes the date for the date line.

use std::rc::Rc;
use tokhai_core::answers::Answers;
use tokhai_core::messages::print::{p, DOTS, P};
use tokhai_core::print::{Block, Item, Sheet, Signature, Table, Value};
use tokhai_core::{Date, FormDef, Lang};
use yew::prelude::*;

/// Props of [`PrintSheet`].
#[derive(Properties, PartialEq, Clone)]
pub struct PrintSheetProps {
    /// The sheet to show ([`PrintSheetProps::of`] builds it from a form and answers).
    pub sheet: Rc<Sheet>,
    /// Element id of the sheet (for a link to it, or several sheets on one page).
    #[prop_or_else(|| AttrValue::Static("to-khai-in"))]
    pub id: AttrValue,
}

impl PrintSheetProps {
    /// The props for `form` with `answers` (empty: a blank form to fill by
    /// hand) in `lang`, dated `date` when given.
    pub fn of(form: &FormDef, answers: &Answers, lang: Lang, date: Option<Date>) -> PrintSheetProps {
        PrintSheetProps {
            sheet: Rc::new(tokhai_core::print::sheet(form, answers, lang, date)),
            id: AttrValue::Static("to-khai-in"),
        }
    }
}

/// A blank to fill by hand: dotted text (what `pdftotext` reads) and, for
/// assistive technology, what it is.
fn dots(lang: Lang) -> Html {
    html! {
        <>
            <span class="tk-vh">{ p(P::ToFill, lang) }</span>
            <span class="tk-sheet__dots" aria-hidden="true">{ DOTS }{ DOTS }</span>
        </>
    }
}

fn id_boxes(cells: &[String], lang: Lang) -> Html {
    let filled = cells.concat();
    let said = if filled.is_empty() { p(P::IdBoxes, lang).to_string() } else { filled };
    html! {
        <span class="tk-sheet__id">
            <span class="tk-vh">{ said }</span>
            <span class="tk-sheet__boxes" aria-hidden="true">
                { for cells.iter().map(|c| html! { <span class="tk-sheet__box">{ c.clone() }</span> }) }
            </span>
        </span>
    }
}

fn table(t: &Table) -> Html {
    html! {
        <div class="tk-sheet__scroll">
            <table class="tk-sheet__table">
                <thead>
                    <tr>{ for t.columns.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }</tr>
                </thead>
                <tbody>
                    { for t.rows.iter().map(|r| html! {
                        <tr>{ for r.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn value(v: &Value, lang: Lang) -> Html {
    match v {
        Value::Lines(lines) => html! {
            <span class="tk-sheet__value">
                { for lines.iter().enumerate().map(|(i, l)| html! {
                    <>{ if i > 0 { html! { <br /> } } else { html! {} } }{ l.clone() }</>
                }) }
            </span>
        },
        Value::Dots { lines } if *lines > 1 => html! {
            <span class="tk-sheet__lines">{ for (0..*lines).map(|_| html! { <span class="tk-sheet__line">{ dots(lang) }</span> }) }</span>
        },
        Value::Dots { .. } => dots(lang),
        Value::IdBoxes(cells) => id_boxes(cells, lang),
        Value::Options(options) => html! {
            <span class="tk-sheet__options">
                { for options.iter().map(|o| html! {
                    <span class="tk-sheet__option">
                        <span class={classes!("tk-sheet__box", o.ticked.then_some("tk-sheet__box--ticked"))} aria-hidden="true">
                            { if o.ticked { "x" } else { "" } }
                        </span>
                        { o.label.clone() }
                    </span>
                }) }
            </span>
        },
        Value::Table(t) => table(t),
    }
}

fn item(i: &Item, lang: Lang) -> Html {
    let wide = matches!(i.value, Value::Table(_) | Value::Dots { lines: 2.. });
    html! {
        <li class={classes!("tk-sheet__item", wide.then_some("tk-sheet__item--wide"))}>
            <span class="tk-sheet__num" aria-hidden="true">{ format!("{}.", i.number) }</span>
            <span class="tk-sheet__label">{ format!("{}{}", i.label, i.colon()) }</span>
            { " " }
            { value(&i.value, lang) }
        </li>
    }
}

/// The body: headings, and the items between them as numbered lists.
fn body(blocks: &[Block], lang: Lang) -> Html {
    let mut out: Vec<Html> = vec![];
    let mut run: Vec<&Item> = vec![];
    let flush = |run: &mut Vec<&Item>, out: &mut Vec<Html>| {
        if let Some(first) = run.first() {
            let start = first.number.to_string();
            out.push(
                html! { <ol class="tk-sheet__items" start={start}>{ for run.iter().map(|i| item(i, lang)) }</ol> },
            );
            run.clear();
        }
    };
    for b in blocks {
        match b {
            Block::Heading(h) => {
                flush(&mut run, &mut out);
                out.push(html! { <h3 class="tk-sheet__heading">{ h.clone() }</h3> });
            }
            Block::Item(i) => run.push(i),
        }
    }
    flush(&mut run, &mut out);
    out.into_iter().collect()
}

fn signature(s: &Signature, lang: Lang) -> Html {
    html! {
        <section class="tk-sheet__sig">
            <p class="tk-sheet__date">{ s.date.clone() }</p>
            <h3 class="tk-sheet__sig-title">{ s.title.clone() }</h3>
            <p class="tk-sheet__sig-hint">{ s.hint.clone() }</p>
            <div class="tk-sheet__sig-space"></div>
            { for s.details.iter().map(|d| html! {
                <p class="tk-sheet__sig-detail">
                    { format!("{}: ", d.label) }
                    { match &d.value { Some(v) => html! { <span class="tk-sheet__value">{ v.clone() }</span> }, None => dots(lang) } }
                </p>
            }) }
            if let Some(name) = &s.name {
                <p class="tk-sheet__sig-name">{ name.clone() }</p>
            }
        </section>
    }
}

/// The printed declaration.
#[function_component(PrintSheet)]
pub fn print_sheet(props: &PrintSheetProps) -> Html {
    let s = &*props.sheet;
    let lang = s.lang;
    let title_id = format!("{}-tieu-de", props.id);
    let columns = match s.signatures.len() {
        1 => "tk-sheet__signatures tk-sheet__signatures--one",
        _ => "tk-sheet__signatures",
    };
    html! {
        <article id={props.id.clone()} class="tk-sheet" lang={lang.tag()} aria-labelledby={title_id.clone()}>
            <header class="tk-sheet__head">
                <p class="tk-sheet__code">{ s.code.clone() }</p>
                <div class="tk-sheet__motto">
                    <p class="tk-sheet__nation">{ s.nation.clone() }</p>
                    <p class="tk-sheet__slogan">{ s.motto.clone() }</p>
                </div>
                <h2 class="tk-sheet__title" id={title_id}>{ s.title.clone() }</h2>
                if let Some(sub) = &s.subtitle {
                    <p class="tk-sheet__subtitle">{ format!("({sub})") }</p>
                }
                <p class="tk-sheet__to">
                    <span class="tk-sheet__label">{ format!("{}: ", s.to.label) }</span>
                    { match &s.to.value { Some(v) => html! { <span class="tk-sheet__value">{ v.clone() }</span> }, None => dots(lang) } }
                    if let Some(h) = &s.to.hint {
                        <span class="tk-sheet__hint">{ format!("({h})") }</span>
                    }
                </p>
            </header>
            <div class="tk-sheet__body">
                { body(&s.blocks, lang) }
                if !s.attachments.is_empty() {
                    <section class="tk-sheet__attachments">
                        <h3 class="tk-sheet__heading">{ p(P::Attachments, lang) }</h3>
                        <ul class="tk-sheet__list">
                            { for s.attachments.iter().map(|a| {
                                let ticked = !a.files.is_empty();
                                html! {
                                    <li>
                                        <span class={classes!("tk-sheet__box", ticked.then_some("tk-sheet__box--ticked"))} aria-hidden="true">
                                            { if ticked { "x" } else { "" } }
                                        </span>
                                        { a.label.clone() }
                                        if ticked {
                                            { format!(": {}", a.files.join(", ")) }
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
                { for s.declarations.iter().map(|d| html! { <p class="tk-sheet__declaration">{ d.clone() }</p> }) }
            </div>
            <div class={columns}>
                { for s.signatures.iter().map(|c| signature(c, lang)) }
            </div>
            if !s.notes.is_empty() {
                <footer class="tk-sheet__notes">
                    { for s.notes.iter().map(|n| html! { <p>{ n.clone() }</p> }) }
                </footer>
            }
            if let Some(aid) = &s.reading_aid {
                <p class="tk-sheet__aid">{ aid.clone() }</p>
            }
        </article>
    }
}
