//! The languages DealGate speaks to people in, and how one is chosen from a locale string.

use serde::{Deserialize, Serialize};

/// A language a person reads DealGate in. Chinese is the default: most users are Chinese companies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language of a locale or language tag (`zh_CN.UTF-8`, `zh-Hans-CN`, `en-US`, `C`), if it names
    /// one DealGate speaks; `C`/`POSIX` and other languages give `None` (the caller picks its default).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lang = locale.trim().split(['_', '-', '.', '@']).next()?.to_ascii_lowercase();
        match lang.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The short code used on the command line and in settings: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("EN"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale("de_DE"), None);
        assert_eq!(Lang::from_locale(""), None);
    }
}
