//! Messages for each dossier status on each channel: the portal inbox always,
//! SMS and e-mail by the citizen's preferences. SMS are plain Vietnamese
//! without diacritics (GSM-7, 160 characters: one segment), as carriers send
//! dossier notices; e-mails and the inbox keep full diacritics.

use crate::dossier::Status;
use crate::messages::tracking::status_label;
use crate::portal::Millis;
use crate::schema::Lang;
use crate::submission::fnv;
use serde::{Deserialize, Serialize};

/// Values a template is filled with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Dossier code.
    pub code: String,
    /// Service name (vi / en chosen by the caller).
    pub service: String,
    /// Appointment date `dd/mm/yyyy`.
    pub appointment: String,
    /// Amount due, formatted (`250.000 d` for SMS).
    pub amount: String,
    /// Officer's reason or requested document.
    pub reason: String,
    /// Link back to the dossier.
    pub link: String,
}

/// A delivery channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Portal inbox.
    Inbox,
    /// SMS to the registered phone.
    Sms,
    /// E-mail.
    Email,
}

/// The short link printed in SMS (the lookup page).
pub const SMS_LINK: &str = "tokhai.vn/tra-cuu";

/// An SMS: one GSM-7 segment.
pub const SMS_MAX: usize = 160;

/// The SMS for a status, without diacritics.
pub fn sms(status: Status, f: &Facts, lang: Lang) -> String {
    let (c, d, a) = (&f.code, &f.appointment, &f.amount);
    let l = SMS_LINK;
    let body = match (lang, status) {
        (Lang::Vi, Status::Submitted) => format!("Ho so {c} da gui, dang cho tiep nhan. Tra cuu: {l}"),
        (Lang::Vi, Status::Accepted) => format!("Ho so {c} da duoc tiep nhan. Hen tra ket qua {d}. Tra cuu: {l}"),
        (Lang::Vi, Status::Refused) => format!("Ho so {c} khong duoc tiep nhan. Xem ly do tai {l}"),
        (Lang::Vi, Status::Processing) => format!("Ho so {c} dang duoc xu ly, hen tra {d}. Tra cuu: {l}"),
        (Lang::Vi, Status::SupplementRequested) => format!("Ho so {c} can bo sung giay to. Vui long bo sung tai {l}"),
        (Lang::Vi, Status::PaymentRequested) => format!("Ho so {c} can nop {a}. Thanh toan tai {l}"),
        (Lang::Vi, Status::Withdrawn) => format!("Ho so {c} da duoc rut theo yeu cau cua ban."),
        (Lang::Vi, Status::Stopped) => format!("Ho so {c} da dung xu ly. Xem ly do tai {l}"),
        (Lang::Vi, Status::Done) => format!("Ho so {c} da co ket qua. Xem cach nhan tai {l}"),
        (Lang::Vi, Status::Delivered) => format!("Ho so {c} da tra ket qua. Cam on ban."),
        (Lang::En, Status::Submitted) => format!("Application {c} sent, waiting for intake. Track: {l}"),
        (Lang::En, Status::Accepted) => format!("Application {c} accepted. Result due {d}. Track: {l}"),
        (Lang::En, Status::Refused) => format!("Application {c} not accepted. Reason at {l}"),
        (Lang::En, Status::Processing) => format!("Application {c} is being processed, due {d}. Track: {l}"),
        (Lang::En, Status::SupplementRequested) => format!("Application {c} needs more documents. Add them at {l}"),
        (Lang::En, Status::PaymentRequested) => format!("Application {c}: please pay {a} at {l}"),
        (Lang::En, Status::Withdrawn) => format!("Application {c} withdrawn as you asked."),
        (Lang::En, Status::Stopped) => format!("Application {c}: processing stopped. Reason at {l}"),
        (Lang::En, Status::Done) => format!("Application {c}: result ready. How to collect: {l}"),
        (Lang::En, Status::Delivered) => format!("Application {c}: result delivered. Thank you."),
    };
    format!("TOKHAI: {body}")
}

/// The GSM 03.38 basic character set (what one SMS segment can carry).
pub fn is_gsm7(s: &str) -> bool {
    const EXTRA: &str = "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r";
    s.chars().all(|c| c.is_ascii_alphanumeric() || EXTRA.contains(c))
}

/// E-mail subject and body for a status (full diacritics).
pub fn email(status: Status, f: &Facts, lang: Lang) -> (String, String) {
    let label = status_label(status, lang);
    let next = next_step(status, f, lang);
    match lang {
        Lang::Vi => (
            format!("[Tờ Khai] Hồ sơ {}: {label}", f.code),
            format!(
                "Kính gửi Ông/Bà,\n\nHồ sơ {} ({}) hiện ở trạng thái: {label}.\n{next}\n\nTra cứu hồ sơ: {}\n\nĐây là thư tự động, vui lòng không trả lời.",
                f.code, f.service, f.link
            ),
        ),
        Lang::En => (
            format!("[Tờ Khai] Application {}: {label}", f.code),
            format!(
                "Dear citizen,\n\nApplication {} ({}) is now: {label}.\n{next}\n\nTrack it: {}\n\nThis is an automatic message; please do not reply.",
                f.code, f.service, f.link
            ),
        ),
    }
}

/// What happens next, in one sentence (inbox and e-mail).
pub fn next_step(status: Status, f: &Facts, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match status {
        Status::Submitted => {
            pick(vi, "Cơ quan sẽ kiểm tra và tiếp nhận hồ sơ.".into(), "The agency will check and accept it.".into())
        }
        Status::Accepted | Status::Processing => pick(
            vi,
            format!("Ngày hẹn trả kết quả: {}.", f.appointment),
            format!("The result is due on {}.", f.appointment),
        ),
        Status::Refused | Status::Stopped => {
            pick(vi, format!("Lý do: {}.", f.reason), format!("Reason: {}.", f.reason))
        }
        Status::SupplementRequested => pick(
            vi,
            format!("Cần bổ sung: {}. Bổ sung trên Tờ Khai rồi gửi lại.", f.reason),
            format!("Needed: {}. Add it in Tờ Khai and send again.", f.reason),
        ),
        Status::PaymentRequested => pick(
            vi,
            format!("Số tiền cần nộp: {}. Thanh toán trực tuyến trên Tờ Khai.", f.amount),
            format!("Amount due: {}. Pay online in Tờ Khai.", f.amount),
        ),
        Status::Withdrawn => pick(
            vi,
            "Hồ sơ đã được rút theo yêu cầu của bạn.".into(),
            "The application was withdrawn as you asked.".into(),
        ),
        Status::Done => pick(vi, "Kết quả đã sẵn sàng để nhận.".into(), "The result is ready to collect.".into()),
        Status::Delivered => {
            pick(vi, "Kết quả đã được trả. Cảm ơn bạn.".into(), "The result has been delivered. Thank you.".into())
        }
    }
}

fn pick(vi: bool, a: String, b: String) -> String {
    if vi {
        a
    } else {
        b
    }
}

/// The inbox title and body.
pub fn inbox(status: Status, f: &Facts, lang: Lang) -> (String, String) {
    let title = format!("{}: {}", f.code, status_label(status, lang));
    (title, format!("{} — {}", f.service, next_step(status, f, lang)))
}

/// Delivery status of one message (modelled as GOV.UK Notify does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Đã gửi (no receipt yet).
    Sent,
    /// Đã nhận.
    Delivered,
    /// Lỗi tạm thời.
    TemporaryFailure,
    /// Lỗi vĩnh viễn.
    PermanentFailure,
    /// Không xác định.
    Unknown,
}

/// The channel to try after `failed` failed: SMS → e-mail → inbox (flagged).
pub fn fallback(failed: Channel) -> Option<Channel> {
    match failed {
        Channel::Sms => Some(Channel::Email),
        Channel::Email => Some(Channel::Inbox),
        Channel::Inbox => None,
    }
}

/// `09x…123`: a phone as a timeline shows it, never in full.
pub fn mask_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 6 {
        return "…".into();
    }
    format!("{}x…{}", &digits[..2], &digits[digits.len() - 3..])
}

/// How a citizen wants to be told.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Send SMS.
    pub sms: bool,
    /// Mobile number `0XXXXXXXXX`.
    pub phone: String,
    /// The citizen confirmed the number with a code.
    pub phone_confirmed: bool,
    /// Send e-mail.
    pub email_on: bool,
    /// E-mail address.
    pub email: String,
    /// Show a browser notification on status changes (after the browser's permission).
    #[serde(default)]
    pub web_push: bool,
}

/// One message sent for a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// Channel.
    pub channel: Channel,
    /// Where to, as shown (`09x…365`, `a…@gmail.com`).
    pub to: String,
    /// What became of it.
    pub delivery: Delivery,
    /// When the delivery status was known.
    pub at: Millis,
    /// Sent because the channel before it failed.
    pub fallback: bool,
}

/// `a…@gmail.com`: an e-mail address as a timeline shows it.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => format!("{}…@{domain}", user.chars().next().unwrap_or('…')),
        None => "…".into(),
    }
}

/// Sends the messages for one step, simulating delivery deterministically
/// from the code, status and channel: six in ten arrive; one fails for a
/// while and arrives on retry; one fails for good and the next channel is
/// tried; one is sent with no receipt yet; one ends undetermined. The inbox
/// always receives; it is flagged when a chosen SMS or e-mail failed for good
/// and the channel after it did not deliver either. Returns the messages and the flag.
pub fn deliver(code: &str, status: Status, prefs: &Prefs, now: Millis) -> (Vec<Sent>, bool) {
    let roll = |channel: Channel| fnv(format!("{code}/{}/{channel:?}", status.code()).as_bytes()) % 10;
    let mut sent = vec![];
    let mut send = |channel: Channel, fallback_from: bool| -> bool {
        let to = if channel == Channel::Sms { mask_phone(&prefs.phone) } else { mask_email(&prefs.email) };
        let (delivery, ok) = match roll(channel) {
            0 => (Delivery::PermanentFailure, false),
            1 => (Delivery::Sent, true), // handed to the carrier, no receipt yet
            3 => (Delivery::Unknown, true),
            2 => {
                // A temporary failure, retried once, then delivered.
                sent.push(Sent {
                    channel,
                    to: to.clone(),
                    delivery: Delivery::TemporaryFailure,
                    at: now,
                    fallback: fallback_from,
                });
                (Delivery::Delivered, true)
            }
            _ => (Delivery::Delivered, true),
        };
        sent.push(Sent { channel, to, delivery, at: now + 60_000, fallback: fallback_from });
        ok
    };
    let mut flagged = false;
    let mut emailed = false;
    if prefs.sms && prefs.phone_confirmed && !prefs.phone.is_empty() && !send(Channel::Sms, false) {
        // SMS failed for good: e-mail next (when there is an address), then the inbox, flagged.
        if fallback(Channel::Sms) == Some(Channel::Email) && !prefs.email.is_empty() {
            emailed = true;
            flagged = !send(Channel::Email, true);
        } else {
            flagged = true;
        }
    }
    if prefs.email_on && !prefs.email.is_empty() && !emailed && !send(Channel::Email, false) {
        flagged = true;
    }
    (sent, flagged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longest() -> Facts {
        Facts {
            code: "000.00.12.H47-261231-9999".into(),
            service: "Liên thông: khai sinh – thường trú – thẻ BHYT cho trẻ dưới 6 tuổi".into(),
            appointment: "31/12/2026".into(),
            amount: "1.250.000 d".into(),
            reason: "Bản sao giấy chứng nhận quyền sử dụng đất có chứng thực".into(),
            link: "https://tokhai.vn/ho-so/000.00.12.H47-261231-9999".into(),
        }
    }

    #[test]
    fn every_sms_fits_one_gsm7_segment_with_the_longest_values() {
        for lang in [Lang::Vi, Lang::En] {
            for s in Status::ALL {
                let text = sms(s, &longest(), lang);
                assert!(text.chars().count() <= SMS_MAX, "{s:?} {lang:?}: {} chars: {text}", text.chars().count());
                assert!(is_gsm7(&text), "{s:?} {lang:?}: not GSM-7: {text}");
                assert!(text.contains(&longest().code), "{s:?}: the code");
            }
        }
        assert!(!is_gsm7("Hồ sơ"), "diacritics need UCS-2");
    }

    #[test]
    fn every_email_and_inbox_message_exists_in_both_languages() {
        for s in Status::ALL {
            let (sv, bv) = email(s, &longest(), Lang::Vi);
            let (se, be) = email(s, &longest(), Lang::En);
            assert!(sv.contains(&longest().code) && bv.contains(&longest().link) && sv != se && bv != be, "{s:?}");
            let (tv, iv) = inbox(s, &longest(), Lang::Vi);
            assert!(tv.contains(status_label(s, Lang::Vi)) && !iv.is_empty());
        }
    }

    #[test]
    fn failed_channels_fall_back_and_phones_are_masked() {
        assert_eq!(fallback(Channel::Sms), Some(Channel::Email));
        assert_eq!(fallback(Channel::Email), Some(Channel::Inbox));
        assert_eq!(fallback(Channel::Inbox), None);
        assert_eq!(mask_phone("0912345123"), "09x…123");
    }
}
