//! The printed declaration ("In tờ khai"): a form and its answers laid out as
//! the official paper template, for the desk or for a resident who files on
//! paper. Built from the form definition (not one page per form): the code
//! line, the national motto, the title, "Kính gửi", numbered items in section
//! order, the 12 boxes of a personal ID number, tables for rows (household
//! members), the attached documents, the declaration, the place-and-date line
//! and the signature columns of the template. Where a template needs more
//! than the defaults, the form's `print` object says so
//! ([`crate::schema::PrintLayout`]).
//!
//! With no answers the sheet is a blank form to fill by hand: every section
//! and field, dotted lines, empty ID boxes, every option with a box, and no
//! personal data. The page it is printed from must keep personal data out of
//! its title and address ([`Sheet::page_title`]).
//!
//! [`part_sheets`] prints each part of a linked filing as its own declaration,
//! from [`crate::linked::declarations`].

use crate::answers::{Answer, Answers};
use crate::date::Date;
use crate::journey::{condition_holds, display_lines, field_shown, visible_sections, Scope};
use crate::messages::print::{p, page_title, place_date, upper_vi, DOTS, P};
use crate::schema::{Field, FieldKind, FormDef, Lang, PrintLayout, SignatureColumn, Text};

/// Cells of a personal ID number.
pub const ID_BOXES: usize = 12;

/// Most options a blank select prints with boxes; a longer list is a dotted line.
pub const MAX_BOXES: usize = 12;

/// The declaration as the paper template lays it out, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// Language of the sheet (the official one is Vietnamese).
    pub lang: Lang,
    /// No answers: a blank form to fill by hand.
    pub blank: bool,
    /// The template's code line, e.g. "Mẫu CT01 ban hành kèm theo Thông tư số …".
    pub code: String,
    /// Quốc hiệu, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub nation: String,
    /// Tiêu ngữ, "Độc lập - Tự do - Hạnh phúc" (printed with a rule beneath).
    pub motto: String,
    /// The title in capitals.
    pub title: String,
    /// The service, when the form's title names one after the template's ("— Đăng ký tạm trú").
    pub subtitle: Option<String>,
    /// "Kính gửi".
    pub to: Recipient,
    /// Headings and numbered items, in section order.
    pub blocks: Vec<Block>,
    /// Documents attached ("Giấy tờ kèm theo").
    pub attachments: Vec<Attachment>,
    /// The statements the declarant makes (lời cam đoan), printed before the signatures.
    pub declarations: Vec<String>,
    /// The place-and-date line above the declarant's column.
    pub place_date: String,
    /// Signature columns, left to right; the last is the declarant's.
    pub signatures: Vec<Signature>,
    /// Footnotes under the signatures.
    pub notes: Vec<String>,
    /// On an English sheet: that it is a reading aid only.
    pub reading_aid: Option<String>,
    /// A title for the printing page: the template only, no personal data.
    pub page_title: String,
}

/// "Kính gửi: …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    /// "Kính gửi".
    pub label: String,
    /// The agency, when the answers name it; `None` prints a dotted line.
    pub value: Option<String>,
    /// Which agency, as the form describes it, under a dotted line.
    pub hint: Option<String>,
}

/// A part of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A section title (forms whose template groups its items).
    Heading(String),
    /// A numbered item.
    Item(Item),
}

/// One numbered item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// 1, 2, 3… across the sheet.
    pub number: usize,
    /// The field it prints.
    pub field: String,
    /// The question as the template words it.
    pub label: String,
    /// The answer, or what to fill by hand.
    pub value: Value,
}

/// An item's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// The answer, one line per entry.
    Lines(Vec<String>),
    /// Unanswered: dotted lines to fill by hand.
    Dots {
        /// How many lines (3 for long text).
        lines: usize,
    },
    /// A personal ID number in [`ID_BOXES`] boxes, one digit each (empty when blank).
    IdBoxes(Vec<String>),
    /// An unanswered choice: every option with a box.
    Options(Vec<OptionBox>),
    /// Rows of a group.
    Table(Table),
}

/// An option with its box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionBox {
    /// The option.
    pub label: String,
    /// Whether its box is ticked.
    pub ticked: bool,
}

/// A table of rows (household members…), its first column the row number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column headings, "TT" first.
    pub columns: Vec<String>,
    /// Cells, the row number first; empty strings in a blank row.
    pub rows: Vec<Vec<String>>,
}

/// One attached document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// What it is.
    pub label: String,
    /// The files attached (none: a box to tick at the desk).
    pub files: Vec<String>,
}

/// One signature column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The place-and-date line above it (dotted except the declarant's when dated).
    pub date: String,
    /// Heading in capitals, e.g. "NGƯỜI KÊ KHAI".
    pub title: String,
    /// "(Ký, ghi rõ họ tên)".
    pub hint: String,
    /// Lines for the signer's name and ID number (consent columns).
    pub details: Vec<Detail>,
    /// The signer's name under the space for the signature, when known.
    pub name: Option<String>,
}

/// A line of a signature column: a label and its value (dotted when `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// "Họ, chữ đệm và tên", "Số định danh cá nhân".
    pub label: String,
    /// Filled value.
    pub value: Option<String>,
}

fn answered<'a>(answers: &'a Answers, id: &str) -> Option<&'a Answer> {
    answers.get(id).filter(|a| !a.is_empty())
}

/// Whether nothing is answered (a blank form to fill by hand).
pub fn is_blank(answers: &Answers) -> bool {
    answers.values().all(Answer::is_empty)
}

/// The code line a form prints: its `print.code`, else the clause of
/// `legal_basis` that names the template (the one holding the template's
/// code, else the first naming a form), else the template (Vietnamese) or the
/// first clause of the legal basis (English).
pub fn code_line(form: &FormDef, lang: Lang) -> String {
    if let Some(code) = form.print.as_ref().and_then(|l| l.code.as_ref()) {
        return code.get(lang).to_string();
    }
    let basis = form.legal_basis.get(lang);
    let template = form.template.trim();
    let clauses = clauses(basis);
    let is_code = !template.contains(' ') || template.starts_with("Mẫu ");
    let named = |c: &&&str| {
        // Not `to_lowercase`: its Unicode tables cost every phone ~11 KB of wasm.
        let l: String = c.chars().map(crate::messages::lower_vi).collect();
        l.contains("mẫu") || l.contains("form")
    };
    let clause = clauses
        .iter()
        .find(|c| is_code && c.contains(template.trim_start_matches("Mẫu ")))
        .or_else(|| clauses.iter().find(named))
        .copied();
    match (clause, lang) {
        (Some(c), _) => capitalise(c),
        (None, Lang::Vi) if is_code && !template.starts_with("Mẫu") => format!("Mẫu {template}"),
        (None, Lang::Vi) => template.to_string(),
        (None, Lang::En) if is_code => format!("Form {}", template.trim_start_matches("Mẫu ")),
        (None, Lang::En) => clauses.first().map_or_else(|| template.to_string(), |c| capitalise(c)),
    }
}

/// The clauses of a legal basis: split at `;` outside parentheses.
fn clauses(basis: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (vec![], 0i32, 0);
    for (i, c) in basis.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                out.push(basis[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(basis[start..].trim());
    out.retain(|c| !c.is_empty());
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => upper_vi(&f.to_string()) + c.as_str(),
        None => String::new(),
    }
}

/// The title (capitals) and the service named after " — " in the form's title.
fn titles(form: &FormDef, layout: &PrintLayout, lang: Lang) -> (String, Option<String>) {
    if let Some(t) = &layout.title {
        return (upper_vi(t.get(lang)), None);
    }
    let full = form.title.get(lang);
    match full.split_once(" — ") {
        Some((main, rest)) => (upper_vi(main.trim()), Some(rest.trim().to_string())),
        None => (upper_vi(full), None),
    }
}

/// "Công an Phường Hoàn Kiếm, Thành phố Hà Nội" from the first answered address of `to.fields`.
fn recipient(form: &FormDef, layout: &PrintLayout, answers: &Answers, lang: Lang) -> Recipient {
    let value = layout.to.as_ref().and_then(|to| {
        to.fields.iter().find_map(|id| match answered(answers, id) {
            Some(Answer::Address(a)) if !a.ward_name.is_empty() => {
                let place = [a.ward_name.as_str(), a.province_name.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                Some(format!("{} {place}", to.prefix.get(lang)))
            }
            _ => None,
        })
    });
    let hint = value.is_none().then(|| form.agency.get(lang).to_string());
    Recipient { label: p(P::To, lang).to_string(), value, hint }
}

/// The locality of the date line: the province of the first answered address,
/// without "Thành phố" / "Tỉnh".
fn place(form: &FormDef, answers: &Answers) -> Option<String> {
    form.sections.iter().flat_map(|s| s.fields.iter()).find_map(|f| match answered(answers, &f.id) {
        Some(Answer::Address(a)) if !a.province_name.is_empty() => {
            let n = a.province_name.trim();
            Some(n.strip_prefix("Thành phố ").or_else(|| n.strip_prefix("Tỉnh ")).unwrap_or(n).to_string())
        }
        _ => None,
    })
}

fn choice_boxes(field: &Field, lang: Lang) -> Vec<OptionBox> {
    if field.kind == FieldKind::YesNo {
        return [P::Yes, P::No].map(|k| OptionBox { label: p(k, lang).to_string(), ticked: false }).to_vec();
    }
    field.options.iter().map(|o| OptionBox { label: o.label.get(lang).to_string(), ticked: false }).collect()
}

fn id_boxes(id: &str) -> Option<Vec<String>> {
    let id = id.trim();
    (id.len() == ID_BOXES && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.chars().map(String::from).collect())
}

fn blank_rows(field: &Field) -> usize {
    let most = field.max_rows.map_or(4, |m| m as usize);
    most.clamp(1, 4)
}

fn table(field: &Field, rows: &[Answers], form: &Answers, lang: Lang) -> Table {
    let mut columns = vec![p(P::RowNumber, lang).to_string()];
    columns.extend(field.fields.iter().map(|c| c.label.get(lang).to_string()));
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let rs = Scope { form, row: Some(row) };
            let mut cells = vec![(i + 1).to_string()];
            cells.extend(field.fields.iter().map(|c| match row.get(&c.id).filter(|a| !a.is_empty()) {
                Some(a) if field_shown(c, &rs) => display_lines(c, Some(a), &rs, lang).join(", "),
                _ => String::new(),
            }));
            cells
        })
        .collect();
    if out.is_empty() {
        out = (1..=blank_rows(field))
            .map(|i| std::iter::once(i.to_string()).chain(field.fields.iter().map(|_| String::new())).collect())
            .collect();
    }
    Table { columns, rows: out }
}

/// What an item prints for `field`.
fn value(field: &Field, answer: Option<&Answer>, scope: &Scope, lang: Lang) -> Value {
    let Some(answer) = answer.filter(|a| !a.is_empty()) else {
        return match field.kind {
            FieldKind::PersonalId => Value::IdBoxes(vec![String::new(); ID_BOXES]),
            FieldKind::YesNo => Value::Options(choice_boxes(field, lang)),
            // A long list (a select of many options) is written by hand.
            FieldKind::Select if field.options.len() > MAX_BOXES => Value::Dots { lines: 1 },
            k if k.has_options() => Value::Options(choice_boxes(field, lang)),
            FieldKind::Group => Value::Table(table(field, &[], scope.form, lang)),
            FieldKind::LongText => Value::Dots { lines: 3 },
            _ => Value::Dots { lines: 1 },
        };
    };
    match (field.kind, answer) {
        (FieldKind::PersonalId, Answer::Text(t)) => match id_boxes(t) {
            Some(b) => Value::IdBoxes(b),
            None => Value::Lines(vec![t.clone()]),
        },
        (FieldKind::Group, Answer::Rows(rows)) => Value::Table(table(field, rows, scope.form, lang)),
        _ => Value::Lines(display_lines(field, Some(answer), scope, lang)),
    }
}

/// The field holding the declarant's name: the identity's full name, else the
/// first field marked `autocomplete: name`.
fn declarant_name_field(form: &FormDef) -> Option<&Field> {
    let fields = || form.sections.iter().flat_map(|s| s.fields.iter());
    fields()
        .find(|f| {
            f.prefill
                .as_ref()
                .is_some_and(|p| p.source == crate::sources::Source::Population && p.claim == "identity.full_name")
        })
        .or_else(|| fields().find(|f| f.kind == FieldKind::Text && f.autocomplete.as_deref() == Some("name")))
}

fn signatures(form: &FormDef, layout: &PrintLayout, answers: &Answers, lang: Lang, dated: &str) -> Vec<Signature> {
    let default;
    let columns: &[SignatureColumn] = if layout.signatures.is_empty() {
        default = [SignatureColumn {
            title: Text { vi: p(P::Declarant, Lang::Vi).into(), en: p(P::Declarant, Lang::En).into() },
            hint: None,
            name: declarant_name_field(form).map(|f| f.id.clone()),
            id: None,
            when: None,
        }];
        &default
    } else {
        &layout.signatures
    };
    let scope = Scope { form: answers, row: None };
    let text_of = |id: &Option<String>| {
        let id = id.as_deref()?;
        answered(answers, id).map(|a| match a {
            Answer::Text(t) => t.trim().to_string(),
            other => form.field(id).map(|f| display_lines(f, Some(other), &scope, lang).join(", ")).unwrap_or_default(),
        })
    };
    let last = columns.len().saturating_sub(1);
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let holds = c.when.as_ref().is_none_or(|w| condition_holds(w, &scope));
            let name = if holds { text_of(&c.name) } else { None };
            let details = match &c.id {
                Some(_) => vec![
                    Detail { label: p(P::FullName, lang).to_string(), value: name.clone() },
                    Detail {
                        label: p(P::PersonalId, lang).to_string(),
                        value: if holds { text_of(&c.id) } else { None },
                    },
                ],
                None => vec![],
            };
            Signature {
                date: if i == last { dated.to_string() } else { place_date(None, None, lang) },
                title: upper_vi(c.title.get(lang)),
                hint: c.hint.as_ref().map_or_else(|| p(P::SignHint, lang).to_string(), |h| h.get(lang).to_string()),
                name: if c.id.is_some() { None } else { name },
                details,
            }
        })
        .collect()
}

/// The printed declaration of `form` with `answers` (empty: a blank form to
/// fill by hand) in `lang`, dated `date` when given (the date line stays
/// dotted otherwise, and always on a blank form).
pub fn sheet(form: &FormDef, answers: &Answers, lang: Lang, date: Option<Date>) -> Sheet {
    let layout = form.print.clone().unwrap_or_default();
    let blank = is_blank(answers);
    let scope = Scope { form: answers, row: None };
    let sections = if blank { form.sections.iter().collect() } else { visible_sections(form, answers) };
    let headings = layout.headings.unwrap_or(true);
    let (mut blocks, mut attachments, mut declarations) = (vec![], vec![], vec![]);
    let mut number = 0;
    for s in sections {
        let mut heading = headings.then(|| s.title.get(lang).to_string());
        for f in &s.fields {
            if layout.omit.contains(&f.id) || (!blank && !field_shown(f, &scope)) {
                continue;
            }
            match f.kind {
                FieldKind::Declaration => declarations.push(f.label.get(lang).to_string()),
                FieldKind::File => attachments.push(Attachment {
                    label: f.label.get(lang).to_string(),
                    files: match answered(answers, &f.id) {
                        Some(Answer::Files(files)) => files.iter().map(|x| x.name.clone()).collect(),
                        _ => vec![],
                    },
                }),
                _ => {
                    if let Some(h) = heading.take() {
                        blocks.push(Block::Heading(h));
                    }
                    number += 1;
                    blocks.push(Block::Item(Item {
                        number,
                        field: f.id.clone(),
                        label: f.label.get(lang).to_string(),
                        value: value(f, scope.get(&f.id), &scope, lang),
                    }));
                }
            }
        }
    }
    let (title, subtitle) = titles(form, &layout, lang);
    let dated =
        if blank { place_date(None, None, lang) } else { place_date(place(form, answers).as_deref(), date, lang) };
    Sheet {
        lang,
        blank,
        code: code_line(form, lang),
        nation: p(P::Nation, lang).to_string(),
        motto: p(P::Motto, lang).to_string(),
        title,
        subtitle,
        to: recipient(form, &layout, answers, lang),
        blocks,
        attachments,
        declarations,
        signatures: signatures(form, &layout, answers, lang, &dated),
        place_date: dated,
        notes: layout.notes.iter().map(|n| n.get(lang).to_string()).collect(),
        reading_aid: (lang == Lang::En).then(|| p(P::ReadingAid, lang).to_string()),
        page_title: page_title(&form.template, lang),
    }
}

/// Each chosen part of a linked filing as its own declaration (tờ khai khai
/// sinh, CT01, TK1-TS…), from [`crate::linked::declarations`]: what each
/// receiving agency would hold on paper. Only for answered forms (a blank
/// linked form prints as one [`sheet`]); `new_id` is the child's personal ID
/// once the birth is registered. Not a linked form: no sheets.
pub fn part_sheets(
    form: &FormDef,
    answers: &Answers,
    new_id: Option<&str>,
    lang: Lang,
    date: Option<Date>,
) -> Vec<Sheet> {
    use crate::linked::{declarations, PartId};
    use crate::messages::print::ct01_columns;
    if form.linked.is_none() || is_blank(answers) {
        return vec![];
    }
    let dated = place_date(place(form, answers).as_deref(), date, lang);
    let requester = answered(answers, "nyc_ho_ten").map(|a| a.text().trim().to_string());
    let to_label = p(P::To, lang);
    declarations(form, answers, new_id, lang)
        .into_iter()
        .map(|d| {
            let to = d.rows.iter().find(|r| r.label == to_label).and_then(|r| r.lines.first().cloned());
            let blocks = d
                .rows
                .iter()
                .filter(|r| r.label != to_label)
                .enumerate()
                .map(|(i, r)| {
                    let is_id = r.label.contains("định danh") || r.label.contains("ID number");
                    let value = match (is_id, r.lines.as_slice()) {
                        (true, [one]) => id_boxes(one).map_or_else(|| Value::Lines(r.lines.clone()), Value::IdBoxes),
                        _ => Value::Lines(r.lines.clone()),
                    };
                    Block::Item(Item {
                        number: i + 1,
                        field: r.field.clone().unwrap_or_default(),
                        label: r.label.clone(),
                        value,
                    })
                })
                .collect();
            let ct01 = matches!(d.part, PartId::ThuongTru | PartId::XoaThuongTru);
            let titles: Vec<&str> = if ct01 { ct01_columns(lang).to_vec() } else { vec![p(P::Declarant, lang)] };
            let last = titles.len() - 1;
            let signatures = titles
                .iter()
                .enumerate()
                .map(|(i, t)| Signature {
                    date: if i == last { dated.clone() } else { place_date(None, None, lang) },
                    title: upper_vi(t),
                    hint: p(P::SignHint, lang).to_string(),
                    details: vec![],
                    name: if i == last { requester.clone() } else { None },
                })
                .collect();
            Sheet {
                lang,
                blank: false,
                code: d.template.clone(),
                nation: p(P::Nation, lang).to_string(),
                motto: p(P::Motto, lang).to_string(),
                title: upper_vi(&d.title),
                subtitle: None,
                to: Recipient { label: to_label.to_string(), hint: to.is_none().then(|| d.agency.clone()), value: to },
                blocks,
                attachments: vec![],
                declarations: vec![],
                place_date: dated.clone(),
                signatures,
                notes: vec![],
                reading_aid: (lang == Lang::En).then(|| p(P::ReadingAid, lang).to_string()),
                page_title: page_title(&form.template, lang),
            }
        })
        .collect()
}

impl Sheet {
    /// The numbered items, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Item(i) => Some(i),
            Block::Heading(_) => None,
        })
    }

    /// The item printing `field`.
    pub fn item(&self, field: &str) -> Option<&Item> {
        self.items().find(|i| i.field == field)
    }

    /// The sheet as plain text, in reading order (what `pdftotext` should
    /// find; also for the tests).
    pub fn plain_text(&self) -> String {
        let mut out = vec![self.code.clone(), self.nation.clone(), self.motto.clone(), self.title.clone()];
        out.extend(self.subtitle.iter().cloned());
        out.push(format!("{}: {}", self.to.label, self.to.value.as_deref().unwrap_or(DOTS)));
        for b in &self.blocks {
            match b {
                Block::Heading(h) => out.push(h.clone()),
                Block::Item(i) => {
                    out.push(format!("{}. {}{} {}", i.number, i.label, i.colon(), i.value.plain_text()));
                }
            }
        }
        if !self.attachments.is_empty() {
            out.push(self.attachments_heading().to_string());
            for a in &self.attachments {
                let files = if a.files.is_empty() { String::new() } else { format!(": {}", a.files.join(", ")) };
                out.push(format!("- {}{files}", a.label));
            }
        }
        out.extend(self.declarations.iter().cloned());
        for s in &self.signatures {
            out.push(s.date.clone());
            out.push(s.title.clone());
            out.push(s.hint.clone());
            for d in &s.details {
                out.push(format!("{}: {}", d.label, d.value.as_deref().unwrap_or(DOTS)));
            }
            out.extend(s.name.iter().cloned());
        }
        out.extend(self.notes.iter().cloned());
        out.extend(self.reading_aid.iter().cloned());
        out.join("\n")
    }

    /// "Giấy tờ kèm theo".
    pub fn attachments_heading(&self) -> &'static str {
        p(P::Attachments, self.lang)
    }
}

impl Item {
    /// What follows the label: ":" unless the label ends a question or has one.
    pub fn colon(&self) -> &'static str {
        if self.label.ends_with(['?', ':']) {
            ""
        } else {
            ":"
        }
    }
}

impl Value {
    /// The value as plain text on one line (tables: one row per line).
    pub fn plain_text(&self) -> String {
        match self {
            Value::Lines(l) => l.join("; "),
            Value::Dots { .. } => DOTS.to_string(),
            Value::IdBoxes(b) => b.iter().map(|c| if c.is_empty() { "☐" } else { c.as_str() }).collect(),
            Value::Options(o) => o
                .iter()
                .map(|o| format!("{} {}", if o.ticked { "☒" } else { "☐" }, o.label))
                .collect::<Vec<_>>()
                .join("  "),
            Value::Table(t) => std::iter::once(t.columns.join(" | "))
                .chain(t.rows.iter().map(|r| r.join(" | ")))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}
