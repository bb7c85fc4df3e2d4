//! Copy of the printed declaration ("In tờ khai"): the national motto, the
//! fixed labels of a paper template, the place-and-date line. The official
//! form is Vietnamese; the English sheet is a reading aid only. Form-specific
//! words (code line, title, signature columns) are data in `forms/*.json`
//! (`print`, [`crate::schema::PrintLayout`]).

use crate::date::Date;
use crate::schema::Lang;

/// Copy keys of the printed declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum P {
    /// Quốc hiệu.
    Nation,
    /// Tiêu ngữ.
    Motto,
    /// "Kính gửi".
    To,
    /// Under a signature column's heading.
    SignHint,
    /// The default signature column.
    Declarant,
    /// Heading of the attached documents.
    Attachments,
    /// Heading of a table's row-number column.
    RowNumber,
    /// A person's full name, on a signature column's detail line.
    FullName,
    /// A personal ID number, on a signature column's detail line.
    PersonalId,
    /// "Có".
    Yes,
    /// "Không".
    No,
    /// The note on an English sheet.
    ReadingAid,
    /// The document title of the print page (no personal data).
    PageTitle,
    /// Read out for the 12 empty ID boxes.
    IdBoxes,
    /// Read out for an empty line to fill by hand.
    ToFill,
    /// Link to the filled declaration's print page.
    PrintFilled,
    /// Link to the blank form's print page.
    PrintBlank,
    /// Why one would print a blank form.
    PrintBlankHint,
    /// The print button.
    PrintNow,
    /// Above a filled sheet on screen.
    PrintIntro,
    /// Above a blank sheet on screen.
    PrintBlankIntro,
}

/// The sentence for `key` in `lang`.
pub fn p(key: P, lang: Lang) -> &'static str {
    let (vi, en) = match key {
        P::Nation => ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        P::Motto => ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        P::To => ("Kính gửi", "To"),
        P::SignHint => ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
        P::Declarant => ("Người kê khai", "Declarant"),
        P::Attachments => ("Giấy tờ kèm theo", "Documents attached"),
        P::RowNumber => ("TT", "No."),
        P::FullName => ("Họ, chữ đệm và tên", "Full name"),
        P::PersonalId => ("Số định danh cá nhân", "Personal ID number"),
        P::Yes => ("Có", "Yes"),
        P::No => ("Không", "No"),
        P::ReadingAid => (
            "Bản nộp cho cơ quan là bản tiếng Việt.",
            "English reading aid only: the declaration filed with the agency is the Vietnamese one.",
        ),
        P::PageTitle => ("In tờ khai", "Print the declaration"),
        P::IdBoxes => ("12 ô số định danh cá nhân", "12 boxes for the personal ID number"),
        P::ToFill => ("để trống, điền tay", "blank, to fill by hand"),
        P::PrintFilled => ("In tờ khai", "Print the declaration"),
        P::PrintBlank => ("In tờ khai trống", "Print a blank form"),
        P::PrintBlankHint => (
            "Để điền tay và nộp tại bộ phận một cửa, nếu bạn không khai trực tuyến.",
            "To fill in by hand and hand in at the one-stop desk, if you do not apply online.",
        ),
        P::PrintNow => ("In", "Print"),
        P::PrintIntro => (
            "Tờ khai theo mẫu, với những gì bạn đã khai. Dùng nút In của trang này hoặc của trình duyệt.",
            "The declaration on its official template, with what you have declared. Use this page's Print button or your browser's.",
        ),
        P::PrintBlankIntro => (
            "Tờ khai trống theo mẫu, để điền tay.",
            "The blank official form, to fill in by hand.",
        ),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The four signature columns of CT01 (Tờ khai thay đổi thông tin cư trú),
/// left to right, as the third-party renderings of the template show them
/// (`../shared/reference/results.md`); used for the CT01 parts of a linked
/// filing, which have no form file of their own.
pub fn ct01_columns(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Vi => [
            "Ý kiến của chủ hộ",
            "Ý kiến của chủ sở hữu chỗ ở hợp pháp",
            "Ý kiến của cha, mẹ hoặc người giám hộ",
            "Người kê khai",
        ],
        Lang::En => {
            ["Head of household's consent", "Lawful owner's consent", "Parent's or guardian's consent", "Declarant"]
        }
    }
}

/// The dotted line of a blank answer.
pub const DOTS: &str = "……………………………………………………";

/// The place-and-date line: ".....,ngày…tháng…năm…" when blank, else the
/// place (dotted when unknown) and the date in words of the template.
pub fn place_date(place: Option<&str>, date: Option<Date>, lang: Lang) -> String {
    let place = place.filter(|p| !p.trim().is_empty()).unwrap_or("…………");
    match (date, lang) {
        (Some(d), Lang::Vi) => format!("{place}, ngày {:02} tháng {:02} năm {}", d.day, d.month, d.year),
        (Some(d), Lang::En) => format!("{place}, day {:02} month {:02} year {}", d.day, d.month, d.year),
        (None, Lang::Vi) => format!("{place}, ngày …… tháng …… năm ……"),
        (None, Lang::En) => format!("{place}, day …… month …… year ……"),
    }
}

/// The page title for printing: the template, never a name or an ID.
pub fn page_title(template: &str, lang: Lang) -> String {
    format!("{} {template}", p(P::PageTitle, lang))
}

/// Upper case as the template prints titles: ASCII, Latin-1 and the
/// Vietnamese letters (the inverse of [`super::lower_vi`]).
pub fn upper_vi(s: &str) -> String {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let up = match u {
                0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE => u - 0x20,
                0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 => u - 1,
                0x1B0 => 0x1AF,
                0x1EA1..=0x1EF9 if u % 2 == 1 => u - 1,
                _ => u,
            };
            char::from_u32(up).unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_keep_the_vietnamese_letters() {
        assert_eq!(upper_vi("Tờ khai thay đổi thông tin cư trú"), "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ");
        assert_eq!(upper_vi("Ý kiến của chủ sở hữu chỗ ở hợp pháp"), "Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP");
        assert_eq!(upper_vi("cha, mẹ hoặc người giám hộ"), "CHA, MẸ HOẶC NGƯỜI GIÁM HỘ");
    }

    #[test]
    fn the_date_line_is_dotted_until_a_date_is_given() {
        assert_eq!(place_date(None, None, Lang::Vi), "…………, ngày …… tháng …… năm ……");
        let d = Date::new(2026, 11, 4).unwrap();
        assert_eq!(place_date(Some("Hà Nội"), Some(d), Lang::Vi), "Hà Nội, ngày 04 tháng 11 năm 2026");
    }
}
