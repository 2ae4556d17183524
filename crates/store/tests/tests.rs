//! The one integration-test binary of dealgate-store: the backend-neutral suite in `suite/`, run per backend.
//!
//! Every suite function takes `&dyn Store` (or, for reopening, a [`Backend`]), so a new backend runs the
//! whole suite by implementing [`Backend`] and adding one `backend_suite!` line at the bottom of this file.

#[path = "suite/admin.rs"]
mod admin;
#[path = "suite/audit.rs"]
mod audit;
#[path = "suite/changes.rs"]
mod changes;
#[path = "suite/dashboard.rs"]
mod dashboard;
#[path = "suite/decisions.rs"]
mod decisions;
#[path = "suite/disputes.rs"]
mod disputes;
#[path = "suite/files.rs"]
mod files;
#[path = "suite/imports.rs"]
mod imports;
#[path = "suite/notify.rs"]
mod notify;
#[path = "suite/pairs.rs"]
mod pairs;
#[path = "suite/postgres.rs"]
mod pg;
#[path = "suite/queue.rs"]
mod queue;
#[path = "suite/reopen.rs"]
mod reopen;
#[path = "suite/support.rs"]
mod support;
#[path = "suite/views.rs"]
mod views;

use dealgate_store::{SqliteStore, Store};
use std::path::PathBuf;
use tempfile::TempDir;

pub(crate) use pg::PostgresBackend;

/// One kind of database the store runs on. A value owns one fresh, empty database for one test.
pub(crate) trait Backend: Sized {
    /// The store type on this database.
    type S: Store + 'static;
    /// A new, empty database owned by the returned value (dropped with it).
    async fn create() -> Self;
    /// Opens (or reopens) a store on this database.
    async fn open(&self) -> Self::S;
    /// Closes a store opened by [`Backend::open`], releasing its connections.
    async fn close(&self, store: Self::S);
    /// Whether this backend's tests can run here; when not, each passes without running (after saying
    /// so where it can be seen).
    fn available() -> bool {
        true
    }
}

/// SQLite on a real database file in a temporary directory.
pub(crate) struct SqliteBackend {
    _dir: TempDir,
    path: PathBuf,
}

impl Backend for SqliteBackend {
    type S = SqliteStore;

    async fn create() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        // A subdirectory that does not exist yet: opening must create it.
        let path = dir.path().join("data").join("dealgate.db");
        SqliteBackend { _dir: dir, path }
    }

    async fn open(&self) -> SqliteStore {
        SqliteStore::open(&self.path).await.expect("open the SQLite store")
    }

    async fn close(&self, store: SqliteStore) {
        store.close().await;
    }
}

/// Generates one `#[tokio::test]` per suite function for `$backend`, in a module named `$name`.
macro_rules! suite_for {
    (
        $name:ident => $backend:ty;
        store: { $($module:ident: [$($test:ident),* $(,)?]),* $(,)? }
        backend: { $($bmodule:ident: [$($btest:ident),* $(,)?]),* $(,)? }
    ) => {
        mod $name {
            $(
                mod $module {
                    #[allow(unused_imports)]
                    use crate::Backend;
                    $(
                        #[tokio::test]
                        async fn $test() {
                            if !<$backend as crate::Backend>::available() {
                                return;
                            }
                            let backend = <$backend as crate::Backend>::create().await;
                            let store = backend.open().await;
                            crate::$module::$test(&store).await;
                            backend.close(store).await;
                        }
                    )*
                }
            )*
            $(
                mod $bmodule {
                    $(
                        #[tokio::test]
                        async fn $btest() {
                            if !<$backend as crate::Backend>::available() {
                                return;
                            }
                            let backend = <$backend as crate::Backend>::create().await;
                            crate::$bmodule::$btest(&backend).await;
                        }
                    )*
                }
            )*
        }
    };
}

/// The whole suite on `$backend`, in a module named `$name`: every suite function is listed here once.
macro_rules! backend_suite {
    ($name:ident => $backend:ty) => {
        suite_for! {
            $name => $backend;
            store: {
                imports: [
                    follow_ups_reimport_updates_in_place,
                    head_accounts_reimport_updates_in_place,
                    registrations_reimport_updates_in_place_and_keep_their_decision,
                    an_id_repeated_in_one_file_counts_once_and_the_last_row_wins,
                    warnings_round_trip_and_a_reimport_can_clear_them,
                    absent_fields_round_trip_as_none_and_a_reimport_can_blank_them,
                    registrations_are_listed_by_submission_time_then_id,
                    amounts_and_dates_round_trip_exactly,
                    chinese_text_round_trips,
                    an_import_larger_than_one_statement_counts_every_row,
                    index_scans_read_every_row_as_stored,
                    registrations_by_ids_come_in_the_order_asked_with_gaps_for_unknown_ids,
                    one_follow_up_or_head_account_is_read_by_its_id,
                ],
                admin: [
                    every_import_writes_one_audit_entry_and_one_import_log_row,
                    sources_of_an_empty_store_hold_nothing,
                    users_are_upserted_by_name,
                    a_removed_user_is_gone_with_its_entry_and_an_unknown_one_writes_nothing,
                    settings_start_at_the_defaults_and_each_save_is_a_new_version,
                ],
                decisions: [
                    the_current_decision_is_the_last_recorded_and_history_keeps_every_version,
                    a_batch_decides_several_registrations_in_order,
                    decisions_streamed_in_slices_are_stored_only_when_the_stream_says_it_is_complete,
                    standings_come_in_id_order_all_of_them_or_those_after_an_id,
                    match_evidence_round_trips_exactly,
                    each_decision_writes_its_audit_entry_naming_the_decision,
                    a_batch_with_an_invalid_item_writes_nothing,
                    a_large_batch_keeps_the_queue_columns_and_the_chain,
                    a_checked_change_is_written_only_on_top_of_the_decision_it_replaces,
                ],
                disputes: [
                    an_opened_dispute_is_listed_as_open,
                    a_ruling_closes_the_dispute_and_its_decision_becomes_current,
                    disputes_are_listed_newest_first,
                    a_failed_ruling_writes_nothing,
                    a_dispute_cannot_be_ruled_twice_or_unknown,
                    a_dispute_opens_only_on_the_current_decision_and_only_once,
                ],
                audit: [
                    an_empty_store_has_no_audit_log,
                    the_chain_over_mixed_operations_verifies,
                    audit_filters_by_region_partner_outcome_and_action,
                    audit_filters_by_time,
                    appended_payloads_round_trip,
                    concurrent_writers_all_succeed_on_one_unbroken_chain,
                ],
                queue: [
                    queue_filters_by_outcome_status_region_partner_dates_and_search,
                    queue_sorts_pages_and_keeps_the_total,
                    queue_rows_carry_the_current_decisions_top_match_and_age,
                    figures_count_current_outcomes_conflicts_and_expiring_protections,
                ],
                dashboard: [
                    dashboard_figures_match_a_hand_counted_fixture,
                    every_dashboard_figure_opens_the_queue_on_exactly_its_registrations,
                    the_queue_opens_on_a_list_of_registrations,
                ],
                pairs: [pairs_are_remembered_replaced_by_pair_and_forgotten_with_their_entries],
                views: [
                    the_head_account_list_version_moves_once_per_change_to_the_list,
                    head_accounts_are_added_and_removed_one_at_a_time_with_their_audit_entry,
                    head_accounts_page_by_region_and_search,
                    the_audit_log_pages_newest_first_by_search_registration_and_actor,
                    settings_versions_list_every_save_with_who_and_when,
                ],
                notify: [the_outbox_reads_events_after_its_cursor_queues_once_and_records_attempts],
            }
            backend: {
                reopen: [reopening_the_database_keeps_everything, a_second_store_on_the_same_database_sees_the_same_data],
                changes: [a_write_by_another_store_moves_the_marker_and_reaches_a_watcher],
            }
        }
    };
}

backend_suite!(sqlite => crate::SqliteBackend);
backend_suite!(postgres => crate::PostgresBackend);

suite_for! {
    postgres_only => crate::PostgresBackend;
    store: {}
    backend: {
        pg: [
            opening_by_location_picks_the_backend_and_describes_it,
            a_channel_manager_is_held_to_their_rights_by_the_database,
            a_regional_head_rules_only_in_their_regions,
            a_channel_manager_labels_pairs_only_in_their_regions,
        ],
        changes: [a_commit_notifies_the_new_head_seq, a_failed_connection_names_what_to_fix],
    }
}
