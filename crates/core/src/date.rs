//! Calendar dates written `dd/mm/yyyy`, the way Vietnamese forms ask for them.
//!
//! Twenty lines of Gregorian arithmetic are all the forms need (real dates,
//! leap years, ages in whole years), so no date crate is pulled into the wasm.

use std::fmt;

/// A proleptic Gregorian calendar date. Ordered by year, month, day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    /// Full year, e.g. 1990.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day of month 1–31.
    pub day: u8,
}

/// True for leap years of the Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year` (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date if `day`/`month`/`year` exist on the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `dd/mm/yyyy`; also accepts one-digit day or month, `-` or `.` as
    /// separators (`5/3/1990`, `05-03-1990`), and eight digits `05031990` as typed
    /// on a numeric keypad. The year must have 4 digits.
    pub fn parse(input: &str) -> Option<Date> {
        let s = input.trim();
        // Eight digits typed on a numeric keypad: ddmmyyyy.
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            let n = |r: std::ops::Range<usize>| s[r].parse().ok();
            return Date::new(n(4..8)?, n(2..4)? as u8, n(0..2)? as u8);
        }
        let mut parts = s.split(['/', '-', '.']);
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        fn digits(p: &str, min: usize, max: usize) -> Option<&str> {
            (p.len() >= min && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())).then_some(p)
        }
        let day: u8 = digits(d, 1, 2)?.parse().ok()?;
        let month: u8 = digits(m, 1, 2)?.parse().ok()?;
        let year: i32 = digits(y, 4, 4)?.parse().ok()?;
        if year < 1000 {
            return None;
        }
        Date::new(year, month, day)
    }

    /// Whole years from `self` (a birth date) to `on`; a birthday on 29/02
    /// is reached on 01/03 in common years.
    pub fn age_on(&self, on: Date) -> i32 {
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_rejects_impossible_ones() {
        type Case = (&'static str, Option<(i32, u8, u8)>);
        let cases: &[Case] = &[
            ("05/03/1990", Some((1990, 3, 5))),
            ("5/3/1990", Some((1990, 3, 5))),
            (" 05-03-1990 ", Some((1990, 3, 5))),
            ("05.03.1990", Some((1990, 3, 5))),
            ("05031990", Some((1990, 3, 5))), // numeric keypad, no separators
            ("29022023", None),
            ("0503199", None),
            ("29/02/2024", Some((2024, 2, 29))), // leap year
            ("29/02/2000", Some((2000, 2, 29))), // divisible by 400
            ("29/02/2023", None),                // common year
            ("29/02/1900", None),                // century, not leap
            ("31/04/2020", None),
            ("00/01/2020", None),
            ("01/13/2020", None),
            ("01/01/20", None),
            ("1990-03-05", None), // ISO order is not what the form asks
            ("aa/bb/cccc", None),
            ("", None),
            ("1/1/2020/1", None),
            ("+1/01/2020", None),
        ];
        for (input, want) in cases {
            let got = Date::parse(input).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, *want, "input {input:?}");
        }
    }

    #[test]
    fn displays_with_leading_zeros() {
        assert_eq!(Date::parse("5/3/1990").unwrap().to_string(), "05/03/1990");
    }

    #[test]
    fn ages_count_whole_years() {
        let born = Date::new(2008, 2, 29).unwrap();
        assert_eq!(born.age_on(Date::new(2026, 2, 28).unwrap()), 17);
        assert_eq!(born.age_on(Date::new(2026, 3, 1).unwrap()), 18);
        let born = Date::new(1990, 6, 15).unwrap();
        assert_eq!(born.age_on(Date::new(2026, 6, 14).unwrap()), 35);
        assert_eq!(born.age_on(Date::new(2026, 6, 15).unwrap()), 36);
    }
}
