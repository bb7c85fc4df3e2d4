//! Checks that are real for Vietnam, as pure functions on strings.

use crate::date::Date;

/// Birth-registration province codes of Thông tư 07/2016/TT-BCA (the first three
/// digits of a personal ID). IDs keep these 63 codes after the 2025 merger.
pub const ID_PROVINCE_CODES: [(&str, &str); 63] = [
    ("001", "Hà Nội"),
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("010", "Lào Cai"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("017", "Hòa Bình"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("022", "Quảng Ninh"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("027", "Bắc Ninh"),
    ("030", "Hải Dương"),
    ("031", "Hải Phòng"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("036", "Nam Định"),
    ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"),
    ("040", "Nghệ An"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"),
    ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("052", "Bình Định"),
    ("054", "Phú Yên"),
    ("056", "Khánh Hòa"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("066", "Đắk Lắk"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("075", "Đồng Nai"),
    ("077", "Bà Rịa - Vũng Tàu"),
    ("079", "Hồ Chí Minh"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("083", "Bến Tre"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("089", "An Giang"),
    ("091", "Kiên Giang"),
    ("092", "Cần Thơ"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
    ("096", "Cà Mau"),
];

/// Sex as the forms store it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    /// `"nam"`.
    Male,
    /// `"nu"`.
    Female,
}

impl Sex {
    /// Reads the stored option value.
    pub fn from_value(v: &str) -> Option<Sex> {
        match v {
            "nam" => Some(Sex::Male),
            "nu" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// What is wrong with a personal ID number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Not exactly 12 digits.
    Format,
    /// The first three digits are not a birth-registration province code.
    Province,
    /// The 4th digit does not fit the birth century.
    Century,
    /// The 4th digit does not fit the sex.
    SexDigit,
    /// Digits 5–6 are not the last two digits of the birth year.
    BirthYear,
    /// Digits 4–6 give a year of birth (the one carried here) after today's year.
    FutureBirthYear(i32),
}

/// Removes spaces and dots people type inside numbers.
pub fn strip_separators(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}')).collect()
}

/// The year of birth a well-formed 12-digit personal ID carries: the 4th
/// digit gives the century (0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s,
/// 8/9: 2300s; even for men, odd for women), digits 5–6 the year in it.
pub fn id_birth_year(id: &str) -> Option<i32> {
    let b = id.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |i: usize| i32::from(b[i] - b'0');
    Some(1900 + 100 * (digit(3) / 2) + digit(4) * 10 + digit(5))
}

/// Checks a 12-digit personal ID on `today`: its own consistency always (a
/// year of birth after this year is refused), and against the birth date and
/// sex when the form has them.
pub fn check_personal_id(id: &str, dob: Option<Date>, sex: Option<Sex>, today: Date) -> Result<(), IdProblem> {
    let b = id.as_bytes();
    let Some(year) = id_birth_year(id) else {
        return Err(IdProblem::Format);
    };
    if !ID_PROVINCE_CODES.iter().any(|(code, _)| code.as_bytes() == &b[..3]) {
        return Err(IdProblem::Province);
    }
    if let Some(d) = dob {
        // The birth date beside it names the digit that is wrong.
        if d.year / 100 != year / 100 {
            return Err(IdProblem::Century);
        }
        if d.year % 100 != year % 100 {
            return Err(IdProblem::BirthYear);
        }
    }
    if year > today.year {
        return Err(IdProblem::FutureBirthYear(year));
    }
    if let Some(s) = sex {
        let female = (b[3] - b'0') % 2 == 1;
        if female != (s == Sex::Female) {
            return Err(IdProblem::SexDigit);
        }
    }
    Ok(())
}

/// A Vietnamese mobile number in its stored form `0XXXXXXXXX`, from what people
/// type: `0912 345 678`, `0912.345.678`, `+84 912 345 678`, `84912345678`.
pub fn normalize_phone(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}')).collect();
    let national = if let Some(rest) = s.strip_prefix("+84") {
        format!("0{rest}")
    } else if s.len() == 11 && s.starts_with("84") {
        format!("0{}", &s[2..])
    } else {
        s
    };
    let b = national.as_bytes();
    let ok = b.len() == 10
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && matches!(b[1], b'3' | b'5' | b'7' | b'8' | b'9');
    ok.then_some(national)
}

fn email_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

fn email_label_ok(label: &str) -> bool {
    let b = label.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// The WHATWG HTML "valid e-mail address" grammar (what `<input type=email>`
/// accepts), with the 254-character limit of mail systems. Internationalised
/// domains are typed in their `xn--` form, as the browser's URL parser gives them.
pub fn is_valid_email(input: &str) -> bool {
    let s = input.trim();
    if s.len() > 254 {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty() && local.chars().all(email_local_char) && domain.split('.').all(email_label_ok)
}

/// A whole number as Vietnamese write it: `1500`, `1.500`, `1 500`, `-20`.
/// A dot or comma only groups thousands (groups of three); "85.5" or "85,5" is
/// not a whole number and is refused rather than silently read as 855.
pub fn parse_whole_number(input: &str) -> Option<i64> {
    let s: String = input.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).collect();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let groups: Vec<&str> = digits.split(['.', ',']).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_ok || groups.iter().any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: i64 = groups.concat().parse().ok()?;
    Some(if neg { -n } else { n })
}

/// Trims and folds runs of white space to one space.
pub fn tidy_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest accepted person name, in characters.
pub const NAME_MAX_CHARS: usize = 100;

/// Whether `c` is a combining diacritical mark.
pub fn is_combining_mark(c: char) -> bool {
    // Combining diacritical marks, as typed by decomposed (NFD) keyboards.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// A letter of the Latin script as Vietnamese names are written (the law asks
/// for names in Vietnamese, ethnic-minority names included): ASCII, Latin-1,
/// Latin Extended-A/B and the precomposed Vietnamese vowels of U+1E00–U+1EFF.
/// (Narrower than `char::is_alphabetic`, and without its ~5 KB Unicode table.)
pub fn is_name_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
}

/// A person's name: Latin letters with Vietnamese diacritics (precomposed or
/// combining), single spaces, and `'` or `-` inside a word (H'Mông, Ê Đê names
/// such as "H'Hen Niê"). No digits, no other symbols, no other scripts.
pub fn is_valid_person_name(input: &str) -> bool {
    let s = tidy_spaces(input);
    if s.is_empty() || s.chars().count() > NAME_MAX_CHARS {
        return false;
    }
    let mut prev_letter = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_name_letter(c) {
            prev_letter = true;
        } else if is_combining_mark(c) {
            if !prev_letter {
                return false;
            }
        } else if matches!(c, '\'' | '’' | '-') {
            let next_letter = chars.peek().is_some_and(|n| is_name_letter(*n));
            if !prev_letter || !next_letter {
                return false;
            }
            prev_letter = false;
        } else if c == ' ' {
            prev_letter = false;
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Date::parse(s)
    }

    #[test]
    fn there_are_63_distinct_sorted_province_codes() {
        assert_eq!(ID_PROVINCE_CODES.len(), 63);
        for w in ID_PROVINCE_CODES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        assert_eq!(ID_PROVINCE_CODES[0], ("001", "Hà Nội"));
        assert_eq!(ID_PROVINCE_CODES[62], ("096", "Cà Mau"));
    }

    #[test]
    fn personal_id_rules() {
        use IdProblem::*;
        let male = Some(Sex::Male);
        let female = Some(Sex::Female);
        let today = Date::new(2026, 11, 24).unwrap();
        type Case = (&'static str, Option<Date>, Option<Sex>, Result<(), IdProblem>);
        let cases: &[Case] = &[
            ("001090012345", d("05/03/1990"), male, Ok(())),
            ("001190012345", d("05/03/1990"), female, Ok(())),
            ("079205001234", d("01/01/2005"), male, Ok(())),
            ("096318000001", d("31/12/2018"), female, Ok(())),
            ("001090012345", None, None, Ok(())),       // nothing to compare with
            ("00109001234", None, None, Err(Format)),   // 11 digits
            ("0010900123456", None, None, Err(Format)), // 13 digits
            ("00109001234a", None, None, Err(Format)),
            ("", None, None, Err(Format)),
            ("００１０９００１２３４５", None, None, Err(Format)), // full-width digits
            ("003090012345", None, None, Err(Province)),           // 003 unused
            ("000090012345", None, None, Err(Province)),
            ("097090012345", None, None, Err(Province)), // after Cà Mau
            ("001290012345", d("05/03/1990"), male, Err(Century)), // 2 = 2000s
            ("001005012345", d("05/03/2005"), male, Err(Century)), // 0 = 1900s
            ("001091012345", d("05/03/1990"), male, Err(BirthYear)),
            ("001090012345", d("05/03/1990"), female, Err(SexDigit)),
            ("001190012345", None, male, Err(SexDigit)),
            // The ID's own year of birth is checked with no birth date beside it.
            ("001226012345", None, None, Ok(())), // 2026: this year
            ("001227012345", None, None, Err(FutureBirthYear(2027))), // next year
            ("001399012345", None, female, Err(FutureBirthYear(2099))),
            ("001400012345", None, None, Err(FutureBirthYear(2100))), // 4 = 2100s
            ("001590012345", None, None, Err(FutureBirthYear(2190))),
            ("001605012345", None, None, Err(FutureBirthYear(2205))),
            ("001899012345", None, None, Err(FutureBirthYear(2399))),
            ("001999012345", None, male, Err(FutureBirthYear(2399))), // before the sex digit
            ("001000012345", None, None, Ok(())),                     // 1900
            ("001227012345", d("05/03/1990"), male, Err(Century)),    // a birth date names the digit
            ("001227012345", d("05/03/2027"), male, Err(FutureBirthYear(2027))),
        ];
        for (id, dob, sex, want) in cases {
            assert_eq!(check_personal_id(id, *dob, *sex, today), *want, "id {id}");
        }
        assert_eq!(id_birth_year("079205001234"), Some(2005));
        assert_eq!(id_birth_year("0792050012"), None);
    }

    #[test]
    fn whole_numbers_accept_thousands_groups_and_refuse_decimals() {
        let cases: &[(&str, Option<i64>)] = &[
            ("1500", Some(1500)),
            ("1.500", Some(1500)),
            ("1,500", Some(1500)),
            ("1 500 000", Some(1_500_000)),
            ("1.500.000", Some(1_500_000)),
            ("-20", Some(-20)),
            ("0", Some(0)),
            ("85.5", None),
            ("85,5", None),
            ("1.50", None),
            (".5", None),
            ("1..000", None),
            ("abc", None),
            ("", None),
            ("-", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_whole_number(input), *want, "{input:?}");
        }
    }

    #[test]
    fn phones_are_normalised() {
        let cases: &[(&str, Option<&str>)] = &[
            ("0912345678", Some("0912345678")),
            ("0912 345 678", Some("0912345678")),
            ("0912.345.678", Some("0912345678")),
            ("+84 912 345 678", Some("0912345678")),
            ("+84912345678", Some("0912345678")),
            ("84912345678", Some("0912345678")),
            ("(+84) 38-123-4567", Some("0381234567")),
            ("0356789012", Some("0356789012")),
            ("0701234567", Some("0701234567")),
            ("0812345678", Some("0812345678")),
            ("0212345678", None), // landline prefix
            ("0112345678", None),
            ("091234567", None),   // 9 digits
            ("09123456789", None), // 11 digits
            ("+85 912345678", None),
            ("09123a5678", None),
            ("", None),
            ("+84", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_phone(input).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn emails_follow_the_whatwg_grammar() {
        for ok in ["an.nguyen@example.vn", "a+b@x.com.vn", "x@localhost", "n@xn--dn-3ja.vn", "O'Neil@mail.gov.vn"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "@x.vn",
            "a@",
            "a@@x.vn",
            "a b@x.vn",
            "a@x..vn",
            "a@-x.vn",
            "a@x-.vn",
            "nguyễn@x.vn",
            "a@việt.vn",
            "a@x.vn.",
            "a@x_y.vn",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
        let long = format!("{}@x.vn", "a".repeat(250));
        assert!(!is_valid_email(&long));
    }

    #[test]
    fn names_with_diacritics_pass_and_symbols_fail() {
        for ok in [
            "Nguyễn Văn An",
            "  Trần   Thị  Bích   Ngọc ",
            "Hoàng Thị Phương Thảo",
            "Giàng A Páo",
            "H'Hen Niê",
            "Ma Thị Lụa",
            "Nguye\u{0302}\u{0303}n Va\u{0306}n An", // combining (NFD) diacritics
            "Jean-Pierre",
        ] {
            assert!(is_valid_person_name(ok), "{ok:?}");
        }
        for bad in [
            "",
            "   ",
            "An2",
            "Nguyễn_Văn",
            "<script>",
            "'An",
            "An-",
            "\u{0301}An",
            "A--n",
            "Иван",
            "王明",
            "A×B",
            &"A".repeat(101),
        ] {
            assert!(!is_valid_person_name(bad), "{bad:?}");
        }
    }
}
