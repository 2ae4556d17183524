//! People who act in DealGate, their roles and the regions they answer for.

use serde::{Deserialize, Serialize};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Works the registration queue: accepts, overrides, extends.
    ChannelManager,
    /// Rules on disputes in their regions; owns the region's head-account list.
    RegionalHead,
    /// Imports data, exports the audit log.
    SalesOps,
    /// Everything, including users and settings.
    Admin,
}

impl Role {
    /// Canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ChannelManager => "channel_manager",
            Role::RegionalHead => "regional_head",
            Role::SalesOps => "sales_ops",
            Role::Admin => "admin",
        }
    }

    /// Parses the canonical name (or its Chinese name).
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "channel_manager" | "渠道经理" => Some(Role::ChannelManager),
            "regional_head" | "区域负责人" => Some(Role::RegionalHead),
            "sales_ops" | "销售运营" => Some(Role::SalesOps),
            "admin" | "管理员" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A named user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct User {
    /// Login name, unique.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Regions the user answers for (a regional head rules disputes only there).
    pub regions: Vec<String>,
}

impl User {
    /// Whether the user answers for `region`.
    pub fn covers(&self, region: &str) -> bool {
        self.role == Role::Admin || self.regions.iter().any(|r| r == region)
    }
}
