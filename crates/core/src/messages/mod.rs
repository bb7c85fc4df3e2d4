//! Every sentence the citizen reads that is not in a form definition: error
//! messages (from [`ErrorKey`]), refusals of identity tokens, and interface copy
//! ([`Ui`], in `ui.rs`), Vietnamese first.

pub mod keep;
pub mod linked;
pub mod print;
pub mod results;
pub mod tracking;
mod ui;
pub use ui::{claim_group, money, ui, Ui};

use crate::journey::human_size;
use crate::jws::TokenError;
use crate::path::FieldPath;
use crate::schema::{Field, FieldKind, FormDef, Lang};
use crate::validate::{ErrorKey, FieldError};

/// The lower-case form of a Latin letter as Vietnamese uses it (ASCII,
/// Latin-1, Ă Đ Ĩ Ũ Ơ Ư, and the precomposed vowels with tone marks of U+1EA0–U+1EF9);
/// other characters are returned unchanged. `char::to_lowercase` would do the
/// same for every script but ships ~11 KB of case tables to every phone, for
/// the first letter of a label.
pub fn lower_vi(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 => u + 1,
        0x1AF => 0x1B0,
        0x1EA0..=0x1EF9 if u.is_multiple_of(2) => u + 1,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Lower-cases the first letter, for a label inside a sentence.
fn inner(label: &str) -> String {
    let mut c = label.chars();
    match c.next() {
        Some(f) => std::iter::once(lower_vi(f)).chain(c).collect(),
        None => String::new(),
    }
}

/// Short names of accepted MIME types: `PDF, JPG, PNG`.
pub fn file_types(accept: &[String]) -> String {
    let mut names: Vec<&str> = accept
        .iter()
        .map(|m| match m.as_str() {
            "application/pdf" => "PDF",
            "image/jpeg" => "JPG",
            "image/png" => "PNG",
            "image/heic" => "HEIC",
            other => other,
        })
        .collect();
    names.dedup();
    names.join(", ")
}

/// The sentence for `err` on `field`. `other` resolves another field's label
/// (for "must be after …").
pub fn error_message(err: &ErrorKey, field: &Field, other: &dyn Fn(&str) -> String, lang: Lang) -> String {
    use ErrorKey::*;
    let l = field.label.get(lang);
    let il = inner(l);
    let vi = lang == Lang::Vi;
    let pick = |v: String, e: String| if vi { v } else { e };
    match err {
        Required => match field.kind {
            k if k.has_options() || k == FieldKind::YesNo => pick(format!("Chọn {il}"), format!("Select {il}")),
            FieldKind::File => pick(format!("Đính kèm {il}"), format!("Attach {il}")),
            _ => pick(format!("Nhập {il}"), format!("Enter {il}")),
        },
        DeclarationRequired => pick(
            "Đánh dấu vào ô để xác nhận lời cam đoan".into(),
            "Tick the box to confirm the declaration".into(),
        ),
        TooShort { min } => pick(format!("{l} phải có ít nhất {min} ký tự"), format!("{l} must be {min} characters or more")),
        TooLong { max } => pick(format!("{l} không được dài quá {max} ký tự"), format!("{l} must be {max} characters or fewer")),
        InvalidName => pick(
            format!("{l} chỉ gồm chữ cái (có dấu), khoảng trắng, dấu ' hoặc -, không có chữ số"),
            format!("{l} must contain only letters, spaces, apostrophes or hyphens, no digits"),
        ),
        NotDigits => pick(format!("{l} chỉ gồm chữ số"), format!("{l} must contain digits only")),
        InvalidPersonalId => pick(
            format!("{l} phải gồm đúng 12 chữ số, như trên thẻ căn cước"),
            format!("{l} must be exactly 12 digits, as on the ID card"),
        ),
        UnknownIdProvince => pick(
            format!("3 chữ số đầu của {il} không phải mã tỉnh nơi đăng ký khai sinh. Kiểm tra lại trên thẻ căn cước"),
            format!("The first 3 digits of the {il} are not a birth-registration province code. Check the ID card"),
        ),
        IdCenturyMismatch => pick(
            format!("Chữ số thứ 4 của {il} không khớp với năm sinh. Kiểm tra lại số và ngày sinh"),
            format!("The 4th digit of the {il} does not match the year of birth. Check the number and the date of birth"),
        ),
        IdSexMismatch => pick(
            format!("Chữ số thứ 4 của {il} không khớp với giới tính đã chọn"),
            format!("The 4th digit of the {il} does not match the sex selected"),
        ),
        IdBirthYearMismatch => pick(
            format!("Chữ số thứ 5 và 6 của {il} phải là 2 số cuối của năm sinh"),
            format!("Digits 5 and 6 of the {il} must be the last 2 digits of the year of birth"),
        ),
        IdFutureBirthYear { year } => pick(
            format!("Chữ số thứ 4, 5 và 6 của {il} cho biết năm sinh {year}, là năm chưa tới. Kiểm tra lại số trên thẻ căn cước"),
            format!("Digits 4 to 6 of the {il} give {year} as the year of birth, which has not come yet. Check the number on the ID card"),
        ),
        InvalidPhone => pick(
            "Nhập số điện thoại di động 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678".into(),
            "Enter a 10-digit mobile number starting 03, 05, 07, 08 or 09, like 0912 345 678".into(),
        ),
        InvalidEmail => pick(
            "Nhập email đúng định dạng, ví dụ ten@example.vn".into(),
            "Enter an email address in the correct format, like name@example.vn".into(),
        ),
        InvalidDate => pick(
            format!("{l} phải là ngày có thật, viết ngày/tháng/năm, ví dụ 05/03/1990"),
            format!("{l} must be a real date written day/month/year, like 05/03/1990"),
        ),
        FutureDate => pick(format!("{l} không được sau ngày hôm nay"), format!("{l} must be today or in the past")),
        PastDate => pick(format!("{l} không được trước ngày hôm nay"), format!("{l} must be today or in the future")),
        TooYoung { years } => pick(
            format!("Theo {il}, người này chưa đủ {years} tuổi"),
            format!("By the {il}, this person is under {years}"),
        ),
        TooOld { years } => pick(
            format!("Theo {il}, người này quá {years} tuổi"),
            format!("By the {il}, this person is over {years}"),
        ),
        MustBeAfter { other: o } => {
            let ol = inner(&other(o));
            pick(format!("{l} phải sau {ol}"), format!("{l} must be after the {ol}"))
        }
        MustBeBefore { other: o } => {
            let ol = inner(&other(o));
            pick(format!("{l} phải trước {ol}"), format!("{l} must be before the {ol}"))
        }
        NotANumber => pick(format!("{l} phải là số, ví dụ 3"), format!("{l} must be a number, like 3")),
        BelowMin { min } => pick(format!("{l} phải từ {min} trở lên"), format!("{l} must be {min} or more")),
        AboveMax { max } => pick(format!("{l} không được lớn hơn {max}"), format!("{l} must be {max} or less")),
        InvalidOption => pick(format!("Chọn một mục trong danh sách {il}"), format!("Select one of the choices for {il}")),
        TooFewRows { min } => pick(format!("Thêm ít nhất {min} người vào {il}"), format!("Add at least {min} to {il}")),
        TooManyRows { max } => pick(format!("{l} có nhiều nhất {max} người"), format!("{l} can have at most {max}")),
        FileType => {
            let t = file_types(&field.accept);
            pick(format!("Tệp phải là {t}"), format!("The file must be a {t}"))
        }
        FileTooLarge { max_bytes } => {
            let s = human_size(*max_bytes);
            pick(format!("Tệp phải nhỏ hơn {s}"), format!("The file must be smaller than {s}"))
        }
        TooManyFiles { max } => pick(format!("Chỉ đính kèm tối đa {max} tệp"), format!("Attach {max} files at most")),
        AddressProvince => pick(format!("Chọn tỉnh, thành phố của {il}"), format!("Choose the province of the {il}")),
        AddressWard => pick(format!("Chọn phường, xã của {il}"), format!("Choose the ward or commune of the {il}")),
        AddressStreet => pick(
            format!("Nhập số nhà, đường, thôn hoặc tổ dân phố của {il}"),
            format!("Enter the house number and street of the {il}"),
        ),
        LinkedChildTooOld => pick(
            "Liên thông khai sinh chỉ dành cho trẻ em dưới 6 tuổi. Với trẻ từ 6 tuổi, hãy làm thủ tục Đăng ký khai sinh riêng".into(),
            "The linked birth application is only for children under 6. For a child of 6 or over, use the birth registration on its own".into(),
        ),
        LinkedPartNotApplicable { part } | LinkedPartsExclusive { part, .. } => {
            use crate::linked::{ChoiceProblem, Choice, PartId};
            let Some(x) = PartId::from_key(part) else { return pick("Chọn lại thủ tục".into(), "Choose the procedures again".into()) };
            let problem = match err {
                LinkedPartsExclusive { other, .. } => match PartId::from_key(other) {
                    Some(y) => ChoiceProblem::Exclusive(x, y),
                    None => return pick("Chọn lại thủ tục".into(), "Choose the procedures again".into()),
                },
                _ => match x.def().choice {
                    Choice::When(a) => ChoiceProblem::NotApplicable(x, a),
                    _ => ChoiceProblem::OtherGroup(x),
                },
            };
            crate::messages::linked::choice_problem(&problem, lang).trim_end_matches('.').to_string()
        }
    }
}

/// The field an error path points at, and the group row it is in (0-based).
pub fn field_at_path<'f>(form: &'f FormDef, path: &FieldPath) -> Option<(&'f Field, Option<(&'f Field, usize)>)> {
    let top = form.field(path.top())?;
    if top.kind == FieldKind::Group {
        if let Some((i, col)) = path.cell_of() {
            let c = top.fields.iter().find(|c| c.id == col)?;
            return Some((c, Some((top, i))));
        }
    }
    Some((top, None))
}

fn label_anywhere(form: &FormDef, id: &str, lang: Lang) -> String {
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .flat_map(|f| std::iter::once(f).chain(f.fields.iter()))
        .find(|f| f.id == id)
        .map_or_else(|| id.to_string(), |f| f.label.get(lang).to_string())
}

/// The full sentence for an error at its path, with the row named for a group
/// column ("Thành viên hộ gia đình, người thứ 2: Nhập họ và tên").
pub fn describe(form: &FormDef, err: &FieldError, lang: Lang) -> String {
    let other = |id: &str| label_anywhere(form, id, lang);
    match field_at_path(form, &err.path) {
        Some((field, None)) => error_message(&err.error, field, &other, lang),
        Some((col, Some((group, i)))) => {
            let row = ui(Ui::RowHeading, lang).replace("{n}", &(i + 1).to_string());
            let row = inner(&row);
            format!("{}, {row}: {}", group.label.get(lang), error_message(&err.error, col, &other, lang))
        }
        None => err.error.code().to_string(),
    }
}

/// Why a sign-in was refused, in plain words (the citizen stays signed out).
pub fn token_message(err: TokenError, lang: Lang) -> &'static str {
    let (vi, en) = match err {
        TokenError::TooLarge => (
            "Mã đăng nhập quá dài, không phải mã do VNeID cấp. Hãy đăng nhập lại.",
            "The sign-in token is too long to be one issued by VNeID. Please sign in again.",
        ),
        TokenError::Malformed => (
            "Mã đăng nhập không đúng định dạng. Hãy đăng nhập lại bằng VNeID.",
            "The sign-in token is not in the right format. Please sign in again with VNeID.",
        ),
        TokenError::BadBase64 => (
            "Mã đăng nhập có ký tự không hợp lệ (có thể do sao chép thiếu). Hãy đăng nhập lại.",
            "The sign-in token has invalid characters (it may have been copied incompletely). Please sign in again.",
        ),
        TokenError::BadJson => (
            "Nội dung mã đăng nhập không đọc được. Hãy đăng nhập lại.",
            "The content of the sign-in token cannot be read. Please sign in again.",
        ),
        TokenError::AlgNotAllowed => (
            "Mã đăng nhập dùng kiểu chữ ký không được chấp nhận. Vì an toàn, Tờ Khai không dùng mã này.",
            "The sign-in token uses a signature type that is not accepted. For your safety, Tờ Khai will not use it.",
        ),
        TokenError::BadSignature => (
            "Chữ ký của mã đăng nhập không hợp lệ: mã có thể đã bị sửa hoặc không do VNeID cấp. Hãy đăng nhập lại.",
            "The sign-in token's signature is not valid: it may have been altered or not issued by VNeID. Please sign in again.",
        ),
        TokenError::Expired => (
            "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại bằng VNeID.",
            "Your sign-in has expired. Please sign in again with VNeID.",
        ),
        TokenError::NotYetValid => (
            "Mã đăng nhập chưa có hiệu lực. Kiểm tra ngày giờ trên thiết bị rồi đăng nhập lại.",
            "The sign-in token is not valid yet. Check the date and time on this device, then sign in again.",
        ),
        TokenError::WrongAudience => (
            "Mã đăng nhập này cấp cho ứng dụng khác, không dùng được cho Tờ Khai.",
            "This sign-in token was issued for another service and cannot be used for Tờ Khai.",
        ),
        TokenError::WrongIssuer => (
            "Mã đăng nhập không do VNeID cấp.",
            "The sign-in token was not issued by VNeID.",
        ),
        TokenError::BadClaims => (
            "Thông tin trong mã đăng nhập không khớp nhau. Hãy đăng nhập lại.",
            "The details in the sign-in token do not match. Please sign in again.",
        ),
        TokenError::CryptoUnavailable => (
            "Trình duyệt này không kiểm tra được chữ ký điện tử. Hãy cập nhật trình duyệt hoặc dùng trình duyệt khác.",
            "This browser cannot check electronic signatures. Please update it or use another browser.",
        ),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::lower_vi;

    #[test]
    fn vietnamese_capitals_lower_case_like_the_unicode_tables() {
        let capitals = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";
        for c in capitals.chars() {
            let want: String = c.to_lowercase().collect();
            assert_eq!(lower_vi(c).to_string(), want, "{c}");
        }
        for c in "ađ1 ,ЖΩ".chars() {
            assert_eq!(lower_vi(c), c, "{c} stays");
        }
    }
}
