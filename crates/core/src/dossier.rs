//! After submission: the national portal's ten dossier statuses and the only
//! transitions allowed between them, the dossier code of Điều 19 Thông tư
//! 01/2018/TT-VPCP, and appointment dates counted in working days. Status
//! names are copy: [`crate::messages::tracking::status_label`].

use crate::catalog::Level;
use crate::date::Date;
use serde::{Deserialize, Serialize};

/// The statuses pushed to the national public service portal (code 1–10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 1 Mới đăng ký.
    Submitted,
    /// 2 Được tiếp nhận.
    Accepted,
    /// 3 Không được tiếp nhận (final).
    Refused,
    /// 4 Đang xử lý.
    Processing,
    /// 5 Yêu cầu bổ sung giấy tờ.
    SupplementRequested,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính.
    PaymentRequested,
    /// 7 Công dân yêu cầu rút hồ sơ (final).
    Withdrawn,
    /// 8 Dừng xử lý (final).
    Stopped,
    /// 9 Đã xử lý xong.
    Done,
    /// 10 Đã trả kết quả (final).
    Delivered,
}

impl Status {
    /// All ten, in code order.
    pub const ALL: [Status; 10] = [
        Status::Submitted,
        Status::Accepted,
        Status::Refused,
        Status::Processing,
        Status::SupplementRequested,
        Status::PaymentRequested,
        Status::Withdrawn,
        Status::Stopped,
        Status::Done,
        Status::Delivered,
    ];

    /// The portal's numeric code.
    pub fn code(self) -> u8 {
        Status::ALL.iter().position(|s| *s == self).map_or(0, |i| i as u8 + 1)
    }

    /// No transition leaves a final status.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Refused | Status::Withdrawn | Status::Stopped | Status::Delivered)
    }
}

/// What can happen to a dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The one-stop desk accepts it.
    Accept,
    /// The desk refuses it at intake (with a reason).
    Refuse,
    /// The specialist department starts.
    StartProcessing,
    /// The officer asks for more documents.
    RequestSupplement,
    /// The citizen answered the supplement request.
    SupplementAnswered,
    /// A fee or tax is due.
    RequestPayment,
    /// The citizen paid.
    Paid,
    /// Processing stops (not eligible…).
    Stop,
    /// The result is ready.
    Finish,
    /// The result reached the citizen.
    Deliver,
    /// The citizen withdraws it.
    Withdraw,
}

impl Event {
    /// Every event.
    pub const ALL: [Event; 11] = [
        Event::Accept,
        Event::Refuse,
        Event::StartProcessing,
        Event::RequestSupplement,
        Event::SupplementAnswered,
        Event::RequestPayment,
        Event::Paid,
        Event::Stop,
        Event::Finish,
        Event::Deliver,
        Event::Withdraw,
    ];
}

/// The status after `event`, or `None` when the portal does not allow it.
pub fn transition(from: Status, event: Event) -> Option<Status> {
    use Event as E;
    use Status as S;
    if event == E::Withdraw {
        return (!from.is_final()).then_some(S::Withdrawn);
    }
    Some(match (from, event) {
        (S::Submitted, E::Accept) => S::Accepted,
        (S::Submitted, E::Refuse) => S::Refused,
        (S::Accepted, E::StartProcessing) => S::Processing,
        (S::Processing, E::RequestSupplement) => S::SupplementRequested,
        (S::Processing, E::RequestPayment) => S::PaymentRequested,
        (S::Processing, E::Stop) => S::Stopped,
        (S::Processing, E::Finish) => S::Done,
        (S::SupplementRequested, E::SupplementAnswered) => S::Processing,
        (S::PaymentRequested, E::Paid) => S::Processing,
        (S::Done, E::Deliver) => S::Delivered,
        _ => return None,
    })
}

/// Vietnamese public holidays on which no working day is counted (Bộ luật Lao
/// động 2019, Điều 112, with the days off the government announced, Tết by the
/// lunar calendar). Provenance: 2025 and 2026 from the announced schedules as
/// known at writing; 2027 computed from the lunar calendar and the law, the
/// compensatory days still to be announced (uncertain).
pub const HOLIDAYS: &[(i32, u8, u8)] = &[
    // 2025
    (2025, 1, 1),
    (2025, 1, 27),
    (2025, 1, 28),
    (2025, 1, 29),
    (2025, 1, 30),
    (2025, 1, 31),
    (2025, 4, 7),
    (2025, 4, 30),
    (2025, 5, 1),
    (2025, 5, 2),
    (2025, 9, 1),
    (2025, 9, 2),
    // 2026 (Tết Bính Ngọ: mùng 1 = 17/02/2026)
    (2026, 1, 1),
    (2026, 1, 2),
    (2026, 2, 16),
    (2026, 2, 17),
    (2026, 2, 18),
    (2026, 2, 19),
    (2026, 2, 20),
    (2026, 4, 27),
    (2026, 4, 30),
    (2026, 5, 1),
    (2026, 9, 1),
    (2026, 9, 2),
    // 2027 (Tết Đinh Mùi: mùng 1 = 06/02/2027; Giỗ Tổ 16/4; uncertain)
    (2027, 1, 1),
    (2027, 2, 4),
    (2027, 2, 5),
    (2027, 2, 8),
    (2027, 2, 9),
    (2027, 2, 10),
    (2027, 4, 16),
    (2027, 4, 30),
    (2027, 5, 3),
    (2027, 9, 2),
    (2027, 9, 3),
];

/// Days since 1970-01-01 (proleptic Gregorian).
pub fn days_from_civil(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01.
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// Monday = 0 … Sunday = 6.
pub fn weekday(d: Date) -> u8 {
    (days_from_civil(d) + 3).rem_euclid(7) as u8 // 1970-01-01 was a Thursday
}

/// Whether public offices work on `d`.
pub fn is_working_day(d: Date) -> bool {
    weekday(d) < 5 && !HOLIDAYS.contains(&(d.year, d.month, d.day))
}

/// Receipt counted from the next working day when received after 15:00.
pub const CUTOFF_HOUR: u8 = 15;

/// The appointment date (ngày hẹn trả): `days` working days after receipt at
/// `hour` (0–23). A dossier received after 15:00, or on a day off, counts from
/// the next working day; 0 days means the same (working) day.
pub fn appointment(received: Date, hour: u8, days: u32) -> Date {
    let mut d = days_from_civil(received);
    let mut start = received;
    if hour >= CUTOFF_HOUR || !is_working_day(start) {
        loop {
            d += 1;
            start = civil_from_days(d);
            if is_working_day(start) {
                break;
            }
        }
    }
    let mut left = days;
    let mut cur = days_from_civil(start);
    while left > 0 {
        cur += 1;
        if is_working_day(civil_from_days(cur)) {
            left -= 1;
        }
    }
    civil_from_days(cur)
}

/// The electronic identifier of a receiving unit, in the shape
/// `V1V2V3.Z1Z2.Y1Y2.MX1X2` (e.g. `000.00.12.H47`). The parts are simulated
/// from the level, the agency group and the province code.
pub fn unit_id(level: Level, agency_group: u8, province: u8) -> String {
    let (v, y) = match level {
        Level::Bo => (0, 0),
        Level::Tinh => (0, 12),
        Level::Xa => (1, 20),
    };
    format!("{v:03}.{:02}.{y:02}.H{:02}", agency_group % 100, province % 100)
}

/// The dossier code `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (Điều 19 Thông tư
/// 01/2018/TT-VPCP): unit, receipt date, the unit's sequence that day.
pub fn dossier_code(unit: &str, received: Date, sequence: u32) -> String {
    format!("{unit}-{:02}{:02}{:02}-{:04}", received.year % 100, received.month, received.day, sequence % 10_000)
}

/// Whether `code` has the official shape (for lookup by code).
pub fn is_dossier_code(code: &str) -> bool {
    let b = code.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    b.len() == 25
        && (0..3).all(digit)
        && at(3, b'.')
        && (4..6).all(digit)
        && at(6, b'.')
        && (7..9).all(digit)
        && at(9, b'.')
        && b[10].is_ascii_uppercase()
        && (11..13).all(digit)
        && at(13, b'-')
        && (14..20).all(digit)
        && at(20, b'-')
        && (21..25).all(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn every_status_and_event_against_the_transition_table() {
        use Event as E;
        use Status as S;
        let allowed = [
            (S::Submitted, E::Accept, S::Accepted),
            (S::Submitted, E::Refuse, S::Refused),
            (S::Accepted, E::StartProcessing, S::Processing),
            (S::Processing, E::RequestSupplement, S::SupplementRequested),
            (S::Processing, E::RequestPayment, S::PaymentRequested),
            (S::Processing, E::Stop, S::Stopped),
            (S::Processing, E::Finish, S::Done),
            (S::SupplementRequested, E::SupplementAnswered, S::Processing),
            (S::PaymentRequested, E::Paid, S::Processing),
            (S::Done, E::Deliver, S::Delivered),
        ];
        for from in Status::ALL {
            for ev in Event::ALL {
                let want = if ev == E::Withdraw {
                    (!from.is_final()).then_some(S::Withdrawn)
                } else {
                    allowed.iter().find(|(f, e, _)| *f == from && *e == ev).map(|(_, _, to)| *to)
                };
                assert_eq!(transition(from, ev), want, "{from:?} + {ev:?}");
            }
        }
        assert_eq!(Status::ALL.map(Status::code), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        for s in [S::Refused, S::Withdrawn, S::Stopped, S::Delivered] {
            assert!(s.is_final() && Event::ALL.iter().all(|e| transition(s, *e).is_none()), "{s:?} is final");
        }
    }

    #[test]
    fn calendar_arithmetic_round_trips() {
        for s in ["01/01/1970", "29/02/2024", "31/12/2026", "17/02/2026"] {
            assert_eq!(civil_from_days(days_from_civil(d(s))), d(s));
        }
        assert_eq!(weekday(d("24/11/2026")), 1, "a Tuesday");
        assert_eq!(weekday(d("17/02/2026")), 1, "Tết Bính Ngọ falls on a Tuesday");
    }

    #[test]
    fn appointments_skip_weekends_holidays_and_count_late_receipts_from_the_next_day() {
        let cases = [
            ("24/11/2026", 9, 3, "27/11/2026"),  // Tue morning + 3 → Fri
            ("24/11/2026", 16, 3, "30/11/2026"), // after 15:00: counts from Wed → Mon
            ("27/11/2026", 10, 1, "30/11/2026"), // Fri + 1 skips the weekend
            ("28/11/2026", 10, 0, "30/11/2026"), // Saturday receipt: next working day
            ("13/02/2026", 10, 1, "23/02/2026"), // Fri before Tết Bính Ngọ: 16–20/02 off
            ("29/04/2026", 10, 2, "05/05/2026"), // 30/4 and 1/5, then the weekend
            ("31/12/2026", 14, 1, "04/01/2027"), // New Year, then the weekend
            ("31/08/2026", 8, 1, "03/09/2026"),  // Quốc khánh 1–2/9
        ];
        for (received, hour, days, want) in cases {
            assert_eq!(appointment(d(received), hour, days), d(want), "{received} {hour}h +{days}");
        }
    }

    #[test]
    fn dossier_codes_have_the_official_shape() {
        let unit = unit_id(Level::Xa, 0, 1);
        assert_eq!(unit, "001.00.20.H01");
        let code = dossier_code(&unit, d("24/11/2026"), 7);
        assert_eq!(code, "001.00.20.H01-261124-0007");
        assert!(is_dossier_code(&code));
        assert!(is_dossier_code("000.00.12.H47-250101-0001"));
        for bad in [
            "",
            "000.00.12.H47-250101-001",
            "000.00.12.h47-250101-0001",
            "000-00.12.H47-250101-0001",
            "000.00.12.H47-250101-0001 ",
        ] {
            assert!(!is_dossier_code(bad), "{bad:?}");
        }
    }
}
