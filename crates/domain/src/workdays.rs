//! Working days in China: weekends off, public holidays off, make-up working days (调休) on, from a table
//! that is data (`data/cn_calendar.tsv`, extended by the settings' `calendar_extra`), never a weekday rule.
//!
//! `WorkCalendar`: 2026 from the State Council's notice, 2027 the statutory days only (see the file's header); the
//! settings' `calendar_extra` lines read `YYYY-MM-DD off|work` and extend or override the file.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::HashMap;

/// The built-in table: `YYYY-MM-DD<TAB>off|work<TAB>note` lines, `#` comments.
pub const CN_CALENDAR: &str = include_str!("../data/cn_calendar.tsv");

/// Which days are working days: the weekday rule with exceptions from a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkCalendar {
    exceptions: HashMap<NaiveDate, bool>,
}

/// One `YYYY-MM-DD off|work` line: the day and whether it is a working day; an error names the line.
pub fn parse_calendar_line(line: &str) -> Result<Option<(NaiveDate, bool)>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(day), Some(kind)) = (parts.next(), parts.next()) else {
        return Err(format!("calendar line {line:?}: expected `YYYY-MM-DD off` or `YYYY-MM-DD work`"));
    };
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| format!("calendar line {line:?}: {day:?} is not a date (expected YYYY-MM-DD)"))?;
    match kind {
        "off" => Ok(Some((day, false))),
        "work" => Ok(Some((day, true))),
        other => Err(format!("calendar line {line:?}: {other:?} is neither `off` nor `work`")),
    }
}

impl WorkCalendar {
    /// The built-in Chinese table, then `extra` lines (`2028-01-01 off`, `2028-01-02 work`) over it.
    pub fn china(extra: &[String]) -> Result<WorkCalendar, String> {
        let mut cal = WorkCalendar::default();
        for line in CN_CALENDAR.lines().chain(extra.iter().flat_map(|e| e.split([';', '；', '\n']))) {
            if let Some((day, work)) = parse_calendar_line(line)? {
                cal.exceptions.insert(day, work);
            }
        }
        Ok(cal)
    }

    /// Whether `day` is a working day.
    pub fn is_working(&self, day: NaiveDate) -> bool {
        match self.exceptions.get(&day) {
            Some(&work) => work,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`): how many
    /// working days something that arrived on `from` has waited by the end of `to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days().skip(1).take_while(|d| *d <= to).filter(|d| self.is_working(*d)).count() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn holidays_and_make_up_days_override_the_weekday_rule() {
        let cal = WorkCalendar::china(&[]).unwrap();
        assert!(!cal.is_working(d("2026-10-05")), "a Monday in the National Day holiday");
        assert!(cal.is_working(d("2026-10-10")), "a Saturday made a working day");
        assert!(cal.is_working(d("2026-02-14")), "Saturday before the Spring Festival");
        assert!(!cal.is_working(d("2026-02-18")), "a Wednesday in the Spring Festival");
        assert!(cal.is_working(d("2026-03-04")), "an ordinary Wednesday");
        assert!(!cal.is_working(d("2026-03-07")), "an ordinary Saturday");
    }

    #[test]
    fn waiting_over_the_national_day_counts_only_working_days() {
        let cal = WorkCalendar::china(&[]).unwrap();
        // Submitted Wed 30 Sep; 1–7 Oct off, Thu 8, Fri 9, Sat 10 (work), Sun 11 off, Mon 12.
        assert_eq!(cal.working_days_between(d("2026-09-30"), d("2026-10-12")), 4);
        // A plain week: Mon → next Mon is 5 working days.
        assert_eq!(cal.working_days_between(d("2026-03-02"), d("2026-03-09")), 5);
        assert_eq!(cal.working_days_between(d("2026-03-09"), d("2026-03-02")), 0);
    }

    #[test]
    fn extra_lines_extend_and_override_the_table_and_bad_ones_are_named() {
        let cal = WorkCalendar::china(&["2028-01-03 off; 2026-10-10 off".into()]).unwrap();
        assert!(!cal.is_working(d("2028-01-03")));
        assert!(!cal.is_working(d("2026-10-10")));
        let err = WorkCalendar::china(&["2028-13-01 off".into()]).unwrap_err();
        assert!(err.contains("2028-13-01"), "{err}");
        let err = WorkCalendar::china(&["2028-01-01 holiday".into()]).unwrap_err();
        assert!(err.contains("holiday"), "{err}");
    }
}
